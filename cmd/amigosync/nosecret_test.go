package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Fake credentials, distinctive enough that any appearance in an output
// is a leak and not a coincidence.
const (
	leakAPIKey      = "fake-secret-api-key-5b7e1c"
	leakAPIKeyID    = "fake-secret-key-id-93d0aa"
	leakUserID      = "fake-secret-user-id-4f2e71"
	leakPlatformKey = "fake-secret-platform-key-c81f06"
	// leakWrongKey is a key the emulator refuses: error output must not
	// echo it either.
	leakWrongKey = "fake-secret-wrong-key-0e6d3b"
)

// bearerRecorder serves an emulator and keeps every bearer token the
// binary sent it: Classic's issued id tokens, Platform's key.
type bearerRecorder struct {
	inner  http.Handler
	mu     sync.Mutex
	tokens map[string]bool
}

// ServeHTTP records the request's bearer token and serves it.
func (b *bearerRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
		b.mu.Lock()
		b.tokens[tok] = true
		b.mu.Unlock()
	}
	b.inner.ServeHTTP(w, r)
}

// seen returns the tokens recorded so far.
func (b *bearerRecorder) seen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for tok := range b.tokens {
		out = append(out, tok)
	}
	return out
}

// secretServer starts an emulator of dialect d that accepts only the leak*
// credentials, without rate limits, behind a bearerRecorder.
func secretServer(t *testing.T, d spec.Dialect) (string, *bearerRecorder) {
	t.Helper()
	kit := emukit.Options{NoRateLimits: true}
	var h http.Handler
	if d == spec.DialectClassic {
		emu, err := classicemu.New(classicemu.Config{Org: emulate.DefaultOrg, Kit: kit,
			Credentials: classicemu.Credentials{APIKey: leakAPIKey, APIKeyID: leakAPIKeyID, UserID: leakUserID}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { emu.Close() })
		h = emu.Handler()
	} else {
		emu, err := platformemu.New(platformemu.Config{Kit: kit, APIKeys: []string{leakPlatformKey},
			Workspaces: []platformemu.Workspace{{ID: emulate.DefaultWorkspace, Name: "Leak test", BackendOrgID: emulate.DefaultOrg}}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { emu.Close() })
		h = emu.Handler()
	}
	rec := &bearerRecorder{inner: h, tokens: map[string]bool{}}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return srv.URL, rec
}

// secretRun is one run of the binary: its arguments, whether the fake key
// is the wrong one, and the exit status expected.
type secretRun struct {
	args     []string
	wrongKey bool
	code     int
}

// secretRuns plans and applies the project in dir in every output form:
// plan as text, JSON, markdown, with --stats, saved with --out; apply of
// the saved plan and of the directory, as text and JSON, with --stats (the
// progress and the closing report); the plan after; and a plan refused
// for a wrong key.
func secretRuns(dir, saved string) []secretRun {
	return []secretRun{
		{args: []string{"plan", dir}},
		{args: []string{"plan", "--output", "json", dir}},
		{args: []string{"plan", "--output", "markdown", dir}},
		{args: []string{"plan", "--stats", "--detailed-exitcode", dir}, code: 2},
		{args: []string{"plan", "--out", saved, dir}},
		{args: []string{"apply", "--project", dir, "--stats", saved}},
		{args: []string{"apply", "--auto-approve", "--output", "json", "--stats", dir}},
		{args: []string{"plan", "--refresh", "--stats", "--detailed-exitcode", dir}},
		{args: []string{"plan", "--refresh", "--stats", dir}, wrongKey: true, code: 1},
	}
}

// secretEnv is the binary's environment: the credentials of dialect d,
// the wrong key instead of the right one when wrong.
func secretEnv(t *testing.T, d spec.Dialect, wrong bool) []string {
	key, platformKey := leakAPIKey, leakPlatformKey
	if wrong {
		key, platformKey = leakWrongKey, leakWrongKey
	}
	env := binaryEnv(t)
	if d == spec.DialectClassic {
		return append(env, classic.EnvAPIKey+"="+key, classic.EnvAPIKeyID+"="+leakAPIKeyID, classic.EnvUserID+"="+leakUserID)
	}
	return append(env, platform.EnvAPIKey+"="+platformKey)
}

// TestNoCredentialInOutput runs the real binary against an emulator on a
// URL target with fake credentials in the environment, through every
// plan and apply output, and fails if any credential or bearer token the
// emulator saw appears in an output, a saved plan or any file the runs
// left in the project (the version cache included).
func TestNoCredentialInOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := buildAmigosync(t)
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			url, rec := secretServer(t, d)
			dir := newProject(t, d, 1)
			writeTarget(t, dir, d, url, "1s")
			saved := filepath.Join(t.TempDir(), "plan.json")
			outputs := map[string]string{}
			for i, r := range secretRuns(dir, saved) {
				cmd := exec.Command(bin, r.args...)
				cmd.Env = secretEnv(t, d, r.wrongKey)
				var stdout, stderr strings.Builder
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				if code := cmd.ProcessState.ExitCode(); code != r.code {
					t.Fatalf("run %d, amigosync %s: exit %d (%v), want %d\n%s%s", i, strings.Join(r.args, " "), code, err, r.code, stdout.String(), stderr.String())
				}
				outputs[strings.Join(r.args, " ")+" (stdout)"] = stdout.String()
				outputs[strings.Join(r.args, " ")+" (stderr)"] = stderr.String()
			}
			files := filesUnder(t, dir, filepath.Dir(saved))
			checkScanned(t, files, saved, filepath.Join(dir, ".amigosync", "cache"))
			for name, data := range files {
				outputs[name] = data
			}
			secrets := map[string]string{leakAPIKey: "the Classic API key", leakAPIKeyID: "the Classic API key id",
				leakUserID: "the Classic user id", leakPlatformKey: "the Platform API key", leakWrongKey: "the wrong API key"}
			tokens := 0
			for _, tok := range rec.seen() {
				if secrets[tok] == "" {
					secrets[tok], tokens = "a bearer token the emulator issued", tokens+1
				}
			}
			if d == spec.DialectClassic && tokens == 0 {
				t.Fatal("the emulator saw no issued bearer token: the runs did not reach it")
			}
			for name, data := range outputs {
				for s, what := range secrets {
					if i := strings.Index(data, s); i >= 0 {
						line := data[strings.LastIndexByte(data[:i], '\n')+1:]
						line, _, _ = strings.Cut(line, "\n")
						t.Errorf("%s holds %s: %q", name, what, line)
					}
				}
			}
		})
	}
}

// checkScanned fails unless the files read include the saved plan and a
// version cache entry: a scan that missed them would prove nothing.
func checkScanned(t *testing.T, files map[string]string, saved, cacheDir string) {
	t.Helper()
	if _, ok := files[saved]; !ok {
		t.Fatalf("the saved plan %s was not written", saved)
	}
	for name := range files {
		if strings.HasPrefix(name, cacheDir+string(filepath.Separator)) {
			return
		}
	}
	t.Fatalf("no version cache entry under %s", cacheDir)
}

// filesUnder reads every file under the directories.
func filesUnder(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			out[p] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}
