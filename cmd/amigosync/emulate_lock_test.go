package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/emulate"
)

// TestEmulateStateLocked runs `amigosync emulate` on a project's embedded
// state directory, then tries a second `emulate` process and the embedded
// target (in this process) on the same directory: both are refused with a
// message naming the directory and the first process's pid. Once that
// process is killed (-9: the lock must not outlive it), the directory can
// be used again.
func TestEmulateStateLocked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildBinary(t)
	project := t.TempDir()
	state := filepath.Join(project, emulate.StateDir)
	p := startBinary(t, bin, "--state", state, "--no-rate-limits")
	want := fmt.Sprintf("the emulator state directory %s is in use by process %d", state, p.cmd.Process.Pid)

	// Should the lock fail, the second process would serve until killed.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "emulate", "--state", state, "--no-rate-limits")
	second.Env = binaryEnv(t)
	out, err := second.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(out), want) {
		t.Errorf("second emulate on %s: %v, output:\n%s\nwant exit status 1 and %q", state, err, out, want)
	}

	if target, err := emulate.Embedded(project, emulate.Config{}); err == nil {
		_ = target.Close()
		t.Errorf("the embedded target opened the state %s is serving", state)
	} else if !strings.Contains(err.Error(), want) {
		t.Errorf("embedded target: %v, want %q", err, want)
	}

	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	target, err := emulate.Embedded(project, emulate.Config{})
	if err != nil {
		t.Fatalf("embedded target after emulate was killed: %v", err)
	}
	if err := target.Close(); err != nil {
		t.Fatal(err)
	}
}
