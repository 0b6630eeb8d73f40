package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emulate"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// buildAmigosync builds the real binary into a temporary directory.
func buildAmigosync(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "amigosync")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// demoEnv holds the credentials `amigosync emulate` accepts by default.
func demoEnv() map[string]string {
	c := classicemu.DefaultCredentials()
	return map[string]string{classic.EnvAPIKey: c.APIKey, classic.EnvAPIKeyID: c.APIKeyID, classic.EnvUserID: c.UserID,
		platform.EnvAPIKey: emulate.DemoPlatformAPIKey}
}

// urlProject is a project of dialect d with 30 more agents whose target is
// the emulator at url, paced to a one-second rate window: an apply long
// enough to interrupt.
func urlProject(t *testing.T, d spec.Dialect, url string) string {
	t.Helper()
	dir := newProject(t, d, 30)
	scope := "org: " + emulate.DefaultOrg
	if d == spec.DialectPlatform {
		scope = "workspace: " + emulate.DefaultWorkspace
	}
	project := fmt.Sprintf("default_target: emu\ntargets:\n  emu:\n    api: %s\n    url: %s\n    %s\n    rate_window: 1s\n    vars: {COMPANY: Example Company}\n", d, url, scope)
	if err := os.WriteFile(filepath.Join(dir, spec.ProjectFile), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestApplyInterruptedThenAppliedAgain interrupts the real binary in the
// middle of an apply, with kill -9 and with Ctrl-C, on both dialects
// against an emulator of its own (the server survives the client), then
// applies again: it converges, and no container has a version twice.
func TestApplyInterruptedThenAppliedAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildAmigosync(t)
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
			t.Run(fmt.Sprintf("%s/%s", sig, d), func(t *testing.T) {
				emu := startBinary(t, bin, "--rate-window", "1s", "--latency", "20ms")
				url := emu.classicURL
				if d == spec.DialectPlatform {
					url = emu.platformURL
				}
				dir := urlProject(t, d, url)
				lines := interrupt(t, bin, dir, sig)
				if sig == syscall.SIGINT {
					checkInterruptReport(t, lines)
				}
				code, out, errOut := runCLI(t, demoEnv(), "apply", "--auto-approve", dir)
				if code != 0 {
					t.Fatalf("apply again: exit %d\n%s%s", code, out, errOut)
				}
				if code, out, errOut := runCLI(t, demoEnv(), "plan", "--detailed-exitcode", dir); code != 0 {
					t.Fatalf("plan after apply again: exit %d\n%s%s", code, out, errOut)
				}
				oneVersionEach(t, dir)
			})
		}
	}
}

// interrupt runs apply in dir and sends sig once ten steps are done; it
// returns the JSON lines printed.
func interrupt(t *testing.T, bin, dir string, sig syscall.Signal) []views.ApplyLine {
	t.Helper()
	cmd := exec.Command(bin, "apply", "--auto-approve", "--output", "json", dir)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range demoEnv() {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	var lines []views.ApplyLine
	done, sent, waits := 0, false, 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		var l views.ApplyLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("not a JSON line: %s", sc.Text())
		}
		lines = append(lines, l)
		switch l.Type {
		case "done":
			done++
		case "wait":
			waits++
		}
		if done == 10 && !sent {
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			sent = true
		}
	}
	err = cmd.Wait()
	if !sent {
		t.Fatalf("apply ended (%v) before ten steps were done", err)
	}
	if err == nil {
		t.Fatalf("apply exited 0 after %s", sig)
	}
	t.Logf("%s after %d steps done (%d waits for rate limits shown): %v", sig, done, waits, err)
	return lines
}

// checkInterruptReport checks what apply says after a Ctrl-C: the steps
// in flight finished, nothing failed, the rest was not attempted.
func checkInterruptReport(t *testing.T, lines []views.ApplyLine) {
	t.Helper()
	last := lines[len(lines)-1]
	if last.Type != "summary" || last.Outcome == nil {
		t.Fatalf("the last line after Ctrl-C is %+v, want the summary", last)
	}
	o := last.Outcome
	if !o.Interrupted || o.Failed != 0 || o.NotAttempted == 0 || !strings.HasPrefix(last.Message, "Apply interrupted: ") {
		t.Errorf("after Ctrl-C: %+v, %q; want interrupted, none failed, some not attempted", *o, last.Message)
	}
	started, ended := 0, 0
	for _, l := range lines {
		switch l.Type {
		case "start":
			started++
		case "done", "failed":
			ended++
		}
	}
	if started != ended {
		t.Errorf("%d steps started and %d ended: the steps in flight did not all finish", started, ended)
	}
}

// oneVersionEach checks that every agent and context graph of the project
// has exactly one version: none was created twice.
func oneVersionEach(t *testing.T, dir string) {
	t.Helper()
	tg, err := projectTarget(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	env := demoEnv()
	b, closer, err := target.Open(context.Background(), target.Options{Dir: dir, Target: tg, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	for _, k := range spec.Kinds() {
		if !k.Versioned {
			continue
		}
		cs, err := b.Containers(context.Background(), k.Kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if c.Latest != 1 {
				t.Errorf("%s %s has %d versions, want 1", k.Noun, c.Name, c.Latest)
			}
		}
		if want := map[spec.Kind]int{spec.KindAgent: 31, spec.KindContextGraph: 1}[k.Kind]; len(cs) != want {
			t.Errorf("%d %s, want %d", len(cs), k.Plural, want)
		}
	}
}
