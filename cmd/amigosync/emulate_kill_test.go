package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/emulate"
)

// process is the amigosync binary running `emulate`.
type process struct {
	cmd                     *exec.Cmd
	classicURL, platformURL string
}

// buildBinary builds the amigosync binary into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "amigosync")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// binaryEnv is the environment the tests run the binary in.
func binaryEnv(t *testing.T) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
}

// startBinary runs bin emulate args... and waits for its banner.
func startBinary(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"emulate"}, args...)...)
	cmd.Env = binaryEnv(t)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	urls := make(chan [2]string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		var seen strings.Builder
		sent := false
		for sc.Scan() {
			seen.WriteString(sc.Text() + "\n")
			if c, pl := bannerURLs(seen.String()); c != "" && pl != "" && !sent {
				urls <- [2]string{c, pl}
				sent = true
			}
		}
		if !sent {
			close(urls)
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			t.Fatal("emulate exited without printing its URLs")
		}
		p.classicURL, p.platformURL = u[0], u[1]
	case <-time.After(30 * time.Second):
		t.Fatal("emulate printed no URLs")
	}
	return p
}

// TestEmulateSurvivesKill9 kills the emulator with SIGKILL while writes are in
// flight and checks that the state files parse and that every write the
// emulator acknowledged is there after a restart.
func TestEmulateSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	state := filepath.Join(dir, "state")
	args := []string{"--state", state, "--no-rate-limits"}
	p := startBinary(t, bin, args...)
	token, status := signIn(t, p.classicURL, "demo", "demo-api-key", "demo-api-key-id", "demo-user")
	if status != 200 {
		t.Fatalf("sign-in: %d", status)
	}

	w := &writers{p: p, token: token, killed: make(chan struct{})}
	w.start(4)
	for deadline := time.Now().Add(30 * time.Second); w.acked.Load() < 40 && !w.failed.Load() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	close(w.killed)
	w.wg.Wait()
	for _, e := range w.errs {
		t.Error(e)
	}
	ackedClassic, ackedPlatform := w.classic, w.platform

	classicFile, platformFile := emulate.StateFiles(state, true)
	for _, f := range []string{classicFile, platformFile} {
		data, err := os.ReadFile(f)
		if err != nil || !json.Valid(data) {
			t.Fatalf("state file %s after kill -9: valid=%v, %v", f, json.Valid(data), err)
		}
	}
	entries, _ := os.ReadDir(state)
	t.Logf("after kill -9 (%d writes acknowledged) the state directory holds %d files", w.acked.Load(), len(entries))

	p2 := startBinary(t, bin, args...)
	// The restart removed what the kill left of a save in progress.
	entries, _ = os.ReadDir(state)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s is still there after the restart", e.Name())
		}
	}
	token, status = signIn(t, p2.classicURL, "demo", "demo-api-key", "demo-api-key-id", "demo-user")
	if status != 200 {
		t.Fatalf("sign-in after restart: %d", status)
	}
	for _, name := range ackedClassic {
		if status, body := do(t, "POST", p2.classicURL+"/v1/demo/organization/agent", map[string]string{"Authorization": "Bearer " + token}, `{"agent_name":"`+name+`"}`); status != 409 {
			t.Errorf("acknowledged classic agent %s lost after kill -9: create again gave %d %s", name, status, body)
		}
	}
	for _, name := range ackedPlatform {
		if status, body := do(t, "POST", p2.platformURL+"/v1/"+emulate.DefaultWorkspace+"/agents", map[string]string{"Authorization": "Bearer " + emulate.DemoPlatformAPIKey}, `{"name":"`+name+`"}`); status != 409 {
			t.Errorf("acknowledged platform agent %s lost after kill -9: create again gave %d %s", name, status, body)
		}
	}
}

// writers create agents on both APIs of a running emulator until it is
// killed, remembering every create the emulator acknowledged.
type writers struct {
	p      *process
	token  string
	killed chan struct{}
	wg     sync.WaitGroup
	acked  atomic.Int64
	failed atomic.Bool // a writer got an answer other than 201

	mu                sync.Mutex
	classic, platform []string // acknowledged agent names
	errs              []string // unexpected answers
}

// start runs n writers.
func (w *writers) start(n int) {
	for g := range n {
		w.wg.Go(func() { w.run(g) })
	}
}

// run creates agents (alternating between the APIs) until the process is
// killed or an answer is not a 201.
func (w *writers) run(g int) {
	for i := 0; ; i++ {
		select {
		case <-w.killed:
			return
		default:
		}
		name := fmt.Sprintf("agent-%d-%d", g, i)
		classic := i%2 == 0
		url, body, hdr := w.p.platformURL+"/v1/"+emulate.DefaultWorkspace+"/agents", `{"name":"`+name+`"}`,
			map[string]string{"Authorization": "Bearer " + emulate.DemoPlatformAPIKey}
		if classic {
			url, body = w.p.classicURL+"/v1/demo/organization/agent", `{"agent_name":"`+name+`"}`
			hdr = map[string]string{"Authorization": "Bearer " + w.token}
		}
		status, _, err := send("POST", url, hdr, body)
		if err != nil {
			return // the process is gone
		}
		w.mu.Lock()
		switch {
		case status != 201:
			w.errs = append(w.errs, fmt.Sprintf("create %s: status %d", name, status))
		case classic:
			w.classic = append(w.classic, name)
		default:
			w.platform = append(w.platform, name)
		}
		w.mu.Unlock()
		if status != 201 {
			w.failed.Store(true)
			return
		}
		w.acked.Add(1)
	}
}
