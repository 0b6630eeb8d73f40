package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/emulate"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers and readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var bannerURL = regexp.MustCompile(`(?m)^(classic|platform)\s+(http://\S+)`)

// bannerURLs extracts the two base URLs from emulate's banner.
func bannerURLs(out string) (classic, platform string) {
	for _, m := range bannerURL.FindAllStringSubmatch(out, -1) {
		if m[1] == "classic" {
			classic = m[2]
		} else {
			platform = m[2]
		}
	}
	return classic, platform
}

// emulateRun is an `amigosync emulate` running in-process.
type emulateRun struct {
	cancel                  context.CancelFunc
	done                    chan int
	stdout, stderr          *syncBuffer
	classicURL, platformURL string
}

// startEmulate runs `amigosync emulate args...` in-process and waits for its banner.
func startEmulate(t *testing.T, env map[string]string, args ...string) *emulateRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &emulateRun{cancel: cancel, done: make(chan int, 1), stdout: newSyncBuffer(), stderr: newSyncBuffer()}
	streams := &IO{Stdin: strings.NewReader(""), Stdout: r.stdout, Stderr: r.stderr, Getenv: func(k string) string { return env[k] }}
	go func() { r.done <- run(ctx, append([]string{"emulate"}, args...), streams) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r.classicURL, r.platformURL = bannerURLs(r.stdout.String())
		if r.classicURL != "" && r.platformURL != "" {
			break
		}
		select {
		case code := <-r.done:
			cancel()
			t.Fatalf("emulate exited with %d before serving; stderr: %s", code, r.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no banner from emulate; stdout: %s stderr: %s", r.stdout.String(), r.stderr.String())
		}
	}
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop cancels the command and returns its exit status (once).
func (r *emulateRun) stop(t *testing.T) int {
	t.Helper()
	r.cancel()
	code, ok := <-r.done
	if !ok {
		return 0
	}
	close(r.done)
	return code
}

// do sends one request and returns status and body; a request that got no
// answer gives status 0 and the error as the body.
func do(t *testing.T, method, url string, headers map[string]string, body string) (int, string) {
	t.Helper()
	status, data, err := send(method, url, headers, body)
	if err != nil {
		return 0, err.Error()
	}
	return status, data
}

// send sends one request and returns status and body, or the error of a
// request that got no answer. It does not touch a *testing.T, so writer
// goroutines may call it.
func send(method, url string, headers map[string]string, body string) (int, string, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data), nil
}

// signIn signs in to the Classic emulator and returns the token ("" on failure) and status.
func signIn(t *testing.T, base, org, key, keyID, user string) (string, int) {
	t.Helper()
	status, body := do(t, "POST", base+"/v1/"+org+"/user/signin_with_api_key",
		map[string]string{"x-api-key": key, "x-api-key-id": keyID, "x-user-id": user}, "")
	var resp struct {
		IDToken string `json:"id_token"`
	}
	_ = json.Unmarshal([]byte(body), &resp)
	return resp.IDToken, status
}

func TestEmulateServesBothAPIs(t *testing.T) {
	dir := t.TempDir()
	r := startEmulate(t, nil, "--state", dir, "--rate-window", "200ms", "--org", "acme")
	for _, u := range []string{r.classicURL, r.platformURL} {
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Errorf("served on %s, want loopback by default", u)
		}
	}
	out := r.stdout.String()
	for _, want := range []string{"(organization acme)", "workspace " + emulate.DefaultWorkspace + ", backend_org_id acme", "x-api-key: demo-api-key", "Bearer " + emulate.DemoPlatformAPIKey, dir} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	token, status := signIn(t, r.classicURL, "acme", "demo-api-key", "demo-api-key-id", "demo-user")
	if status != 200 || token == "" {
		t.Fatalf("sign-in: %d", status)
	}
	status, body := do(t, "POST", r.classicURL+"/v1/acme/organization/agent", map[string]string{"Authorization": "Bearer " + token}, `{"agent_name":"intake"}`)
	if status != 201 {
		t.Errorf("create agent: %d %s", status, body)
	}
	status, body = do(t, "GET", r.platformURL+"/v1/workspaces/"+emulate.DefaultWorkspace, map[string]string{"Authorization": "Bearer " + emulate.DemoPlatformAPIKey}, "")
	if status != 200 || !strings.Contains(body, `"backend_org_id":"acme"`) {
		t.Errorf("get workspace: %d %s", status, body)
	}
	if code := r.stop(t); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, r.stderr.String())
	}
	out = r.stdout.String()
	for _, want := range []string{"classic requests:", "platform requests:", "201", "total"} {
		if !strings.Contains(out, want) {
			t.Errorf("exit report lacks %q:\n%s", want, out)
		}
	}
}

func TestEmulateCredentialsFromEnvironment(t *testing.T) {
	env := map[string]string{"AMIGO_API_KEY": "fake-key-123", "AMIGO_API_KEY_ID": "fake-key-id-456", "AMIGO_USER_ID": "fake-user-789", "AMIGO_PLATFORM_API_KEY": "fake-platform-key-000"}
	r := startEmulate(t, env)
	out := r.stdout.String()
	for name, v := range env {
		if strings.Contains(out, v) {
			t.Errorf("output shows the value of %s:\n%s", name, out)
		}
		if !strings.Contains(out, "(from "+name+")") {
			t.Errorf("output does not name %s:\n%s", name, out)
		}
	}
	if _, status := signIn(t, r.classicURL, "demo", "demo-api-key", "demo-api-key-id", "demo-user"); status != 401 {
		t.Errorf("sign-in with demo values: %d, want 401", status)
	}
	if _, status := signIn(t, r.classicURL, "demo", "fake-key-123", "fake-key-id-456", "fake-user-789"); status != 200 {
		t.Errorf("sign-in with environment values: %d, want 200", status)
	}
	status, _ := do(t, "GET", r.platformURL+"/v1/workspaces", map[string]string{"Authorization": "Bearer fake-platform-key-000"}, "")
	if status != 200 {
		t.Errorf("platform with environment key: %d, want 200", status)
	}
	r.stop(t)
	if strings.Contains(r.stdout.String()+r.stderr.String(), "fake-") {
		t.Errorf("output shows an environment value:\n%s%s", r.stdout.String(), r.stderr.String())
	}
}

func TestEmulateFaultFlags(t *testing.T) {
	r := startEmulate(t, nil, "--fault-rate", "1", "--fault-kinds", "503", "--no-rate-limits")
	for i := range 5 {
		status, body := do(t, "GET", r.platformURL+"/v1/workspaces", map[string]string{"Authorization": "Bearer " + emulate.DemoPlatformAPIKey}, "")
		if status != 503 || !strings.Contains(body, "temporary maintenance") {
			t.Errorf("request %d: %d %s, want 503 maintenance", i, status, body)
		}
	}
}

func TestEmulateFlagErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--fault-rate", "2"}, "fault injection: the fault rate must be between 0 and 1, not 2"},
		{[]string{"--fault-rate", "0.1", "--fault-kinds", "boom"}, `unknown fault kind "boom" (choose from drop-before, 503, 429, drop-after)`},
		{[]string{"--fault-rate", "0.1", "--fault-kinds", ""}, "a fault rate needs at least one fault kind"},
		{[]string{"--classic", "0.0.0.0:0"}, "is not loopback"},
		{[]string{"--platform", "nohost"}, "is not host:port"},
		{[]string{"--workspace", "ws-1"}, `workspace "ws-1" is not a uuid`},
		{[]string{"--seed", dir + "/nothing.json"}, "neither"},
		{[]string{"--rate-window", "0s"}, "--rate-window must be positive"},
		{[]string{"--latency=-1s"}, "the latency must not be negative"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(t, nil, append([]string{"emulate"}, tt.args...)...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d stderr %q, want 1 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestEmulateDefaultWorkspaceFlag(t *testing.T) {
	code, out, _ := runCLI(t, nil, "emulate", "--help")
	if code != 0 || !strings.Contains(out, emulate.DefaultWorkspace) {
		t.Errorf("--help (exit %d) does not show the default workspace %s:\n%s", code, emulate.DefaultWorkspace, out)
	}
}

func TestEmulateSeedAndPeriodicStats(t *testing.T) {
	dir := t.TempDir()
	first := startEmulate(t, nil, "--state", dir+"/first.json")
	token, status := signIn(t, first.classicURL, "demo", "demo-api-key", "demo-api-key-id", "demo-user")
	if status != 200 {
		t.Fatalf("sign-in: %d", status)
	}
	if status, body := do(t, "POST", first.classicURL+"/v1/demo/organization/agent", map[string]string{"Authorization": "Bearer " + token}, `{"agent_name":"seeded"}`); status != 201 {
		t.Fatalf("create agent: %d %s", status, body)
	}
	if code := first.stop(t); code != 0 {
		t.Fatalf("first run exit %d: %s", code, first.stderr.String())
	}

	second := startEmulate(t, nil, "--state", dir+"/second", "--seed", dir+"/first.json", "--stats", "10ms")
	token, status = signIn(t, second.classicURL, "demo", "demo-api-key", "demo-api-key-id", "demo-user")
	if status != 200 {
		t.Fatalf("sign-in: %d", status)
	}
	if status, body := do(t, "POST", second.classicURL+"/v1/demo/organization/agent", map[string]string{"Authorization": "Bearer " + token}, `{"agent_name":"seeded"}`); status != 409 {
		t.Errorf("the seeded agent is missing: create gave %d %s", status, body)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(second.stdout.String(), "classic requests:") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(second.stdout.String(), "classic requests:") {
		t.Errorf("--stats printed no counters while serving:\n%s", second.stdout.String())
	}
	second.stop(t)
	for _, f := range []string{dir + "/second/classic.json", dir + "/second/platform.json", dir + "/first.classic.json"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("state file: %v", err)
		}
	}
}

// TestEmulateStatsStopWhenServingFails: with --stats, a server that fails
// on its own ends the command instead of leaving the counter printer (which
// waited only for a signal) running forever.
func TestEmulateStatsStopWhenServingFails(t *testing.T) {
	srv, err := emulate.Listen(emulate.Config{}, emulate.Network{})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil { // both servers fail as soon as they start
		t.Fatal(err)
	}
	view := views.NewEmulate(views.FormatText, &views.View{Stdout: newSyncBuffer(), Stderr: newSyncBuffer()})
	done := make(chan error, 1)
	go func() { done <- serveWithStats(context.Background(), view, srv, time.Millisecond) }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("serveWithStats returned no error, want the servers' failure")
		}
	case <-time.After(time.Minute): // a hang, not a speed check
		t.Fatal("serveWithStats still running a minute after its servers failed")
	}
}

// TestEmulateJSONOutput: --output json prints a "serving" line a script
// can read the URLs from, the counters as a last "stats" line, and nothing
// on stderr; a failure to start is an "error" line.
func TestEmulateJSONOutput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := newSyncBuffer(), newSyncBuffer()
	env := map[string]string{"AMIGO_PLATFORM_API_KEY": "fake-platform-key-json"}
	streams := &IO{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr, Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"emulate", "--output", "json"}, streams) }()
	var serving views.EmulateServing
	for deadline := time.Now().Add(20 * time.Second); ; {
		if first, _, ok := strings.Cut(stdout.String(), "\n"); ok {
			if err := json.Unmarshal([]byte(first), &serving); err != nil {
				t.Fatalf("first line is not JSON: %v\n%s", err, first)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no serving line; stderr: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if serving.Type != "serving" || serving.Platform.APIKey.Env != "AMIGO_PLATFORM_API_KEY" || serving.Platform.APIKey.Value != "" {
		t.Errorf("serving line %+v", serving)
	}
	if status, body := do(t, "GET", serving.Platform.URL+"/v1/workspaces", map[string]string{"Authorization": "Bearer fake-platform-key-json"}, ""); status != 200 {
		t.Errorf("GET workspaces at the announced URL: %d %s", status, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var last views.EmulateStats
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Type != "stats" || !last.Final || last.Platform.Total() != 1 {
		t.Errorf("last line %s (%v), want the final counters with one platform request", lines[len(lines)-1], err)
	}
	if stderr.String() != "" || strings.Contains(stdout.String(), "fake-platform-key-json") {
		t.Errorf("stderr %q, or stdout shows the key:\n%s", stderr.String(), stdout.String())
	}

	code, out, errOut := runCLI(t, nil, "emulate", "--output", "json", "--classic", "0.0.0.0:0")
	if code != 1 || errOut != "" || !strings.Contains(out, `"type":"error"`) || !strings.Contains(out, "is not loopback") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, an error line, nothing on stderr", code, out, errOut)
	}
}
