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
	"time"

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
// the emulator at url (see writeTarget): an apply long enough to interrupt.
func urlProject(t *testing.T, d spec.Dialect, url, window string) string {
	t.Helper()
	dir := newProject(t, d, 30)
	writeTarget(t, dir, d, url, window)
	return dir
}

// writeTarget makes the emulator at url the target of the project in dir,
// paced to a rate window of window.
func writeTarget(t *testing.T, dir string, d spec.Dialect, url, window string) {
	t.Helper()
	scope := "org: " + emulate.DefaultOrg
	if d == spec.DialectPlatform {
		scope = "workspace: " + emulate.DefaultWorkspace
	}
	project := fmt.Sprintf("default_target: emu\ntargets:\n  emu:\n    api: %s\n    url: %s\n    %s\n    rate_window: %s\n    vars: {COMPANY: Example Company}\n", d, url, scope, window)
	if err := os.WriteFile(filepath.Join(dir, spec.ProjectFile), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
}

// interruption is one way to stop an apply in the middle.
type interruption struct {
	name    string
	signals []syscall.Signal
	// window is the rate window the client paces to while interrupted
	// (the emulator's is 1s): a longer one keeps steps in flight waiting.
	window string
	// onWait sends the signals once a step in flight waits for a rate
	// limit, instead of once ten steps are done.
	onWait bool
	// dialects are those it is tried on.
	dialects []spec.Dialect
}

var interruptions = []interruption{
	{"kill -9", []syscall.Signal{syscall.SIGKILL}, "1s", false, []spec.Dialect{spec.DialectClassic, spec.DialectPlatform}},
	{"Ctrl-C", []syscall.Signal{syscall.SIGINT}, "1s", false, []spec.Dialect{spec.DialectClassic, spec.DialectPlatform}},
	// Only Classic documents limits: its steps in flight wait for them
	// long enough for a second Ctrl-C to cut them short.
	{"Ctrl-C twice", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, "10s", true, []spec.Dialect{spec.DialectClassic}},
}

// TestApplyInterruptedThenAppliedAgain interrupts the real binary in the
// middle of an apply (kill -9, Ctrl-C, Ctrl-C twice) on both dialects
// against an emulator of its own (the server survives the client), then
// applies again: it converges, and no container has a version twice.
func TestApplyInterruptedThenAppliedAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildAmigosync(t)
	for _, in := range interruptions {
		for _, d := range in.dialects {
			t.Run(in.name+"/"+string(d), func(t *testing.T) {
				emu := startBinary(t, bin, "--rate-window", "1s", "--latency", "20ms")
				url := emu.classicURL
				if d == spec.DialectPlatform {
					url = emu.platformURL
				}
				dir := urlProject(t, d, url, in.window)
				lines, code := interrupt(t, bin, dir, in)
				switch {
				case len(in.signals) == 2 && code != exitInterrupted:
					t.Errorf("after a second Ctrl-C: exit %d, want %d at once", code, exitInterrupted)
				case len(in.signals) == 1 && in.signals[0] == syscall.SIGINT:
					checkInterruptReport(t, lines)
				}
				writeTarget(t, dir, d, url, "1s")
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

// interrupt runs apply in dir and, once ten steps are done (or one
// waits), sends the interruption's signals a third of a second apart; it
// returns the JSON lines printed and the exit status (-1 for a process a
// signal ended).
func interrupt(t *testing.T, bin, dir string, in interruption) ([]views.ApplyLine, int) {
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
	done, waits, started := 0, 0, false
	sent := make(chan struct{})
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
		if !started && ((in.onWait && l.Type == "wait") || (!in.onWait && done == 10)) {
			started = true
			go sendSignals(cmd.Process, in.signals, sent)
		}
	}
	err = cmd.Wait()
	if !started {
		t.Fatalf("apply ended (%v) before it could be interrupted", err)
	}
	<-sent
	if err == nil {
		t.Fatalf("apply exited 0 after %v", in.signals)
	}
	t.Logf("%v after %d steps done (%d waits for rate limits shown): %v", in.signals, done, waits, err)
	return lines, cmd.ProcessState.ExitCode()
}

// sendSignals sends the signals a third of a second apart, then closes sent.
func sendSignals(p *os.Process, signals []syscall.Signal, sent chan<- struct{}) {
	defer close(sent)
	for i, sig := range signals {
		if i > 0 {
			time.Sleep(time.Second / 3)
		}
		_ = p.Signal(sig) // the process may have ended already
	}
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
