package apply_test

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Obviously fake credentials the test emulators accept.
const (
	fakeKey         = "fake-key-123"
	fakeKeyID       = "fake-key-id-123"
	fakeUser        = "fake-user-123"
	fakePlatformKey = "fake-platform-key-123"
	testOrg         = "test-org"
	testWorkspace   = "11111111-2222-4333-8444-555555555555"
)

// projects are the manifests each dialect's tests apply: the plan
// package's Classic fixture (two graphs, one referring to the other) and
// the README's example workspace (Platform).
var projects = map[spec.Dialect]string{
	spec.DialectClassic:  "../plan/testdata/base/classic",
	spec.DialectPlatform: "../../examples/workspace",
}

// world is one emulator, our Backend on it, another writer's, and a copy
// of a project to plan from.
type world struct {
	dialect spec.Dialect
	b       backend.Backend
	// other is a second client of the same emulator: someone else.
	other backend.Backend
	kit   *emukit.Kit
	dir   string
	cache *cache.Cache
	hooks *hookTransport
	// connect makes another client of the emulator, on clock clk.
	connect func(clk clockOf) backend.Backend
}

// hookTransport runs a hook before the first request that matches it.
type hookTransport struct {
	inner http.RoundTripper
	mu    sync.Mutex
	match func(*http.Request) bool
	hook  func()
}

// RoundTrip runs the armed hook before a matching request, once.
func (h *hookTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	h.mu.Lock()
	var hook func()
	if h.hook != nil && h.match(req) {
		hook, h.hook = h.hook, nil
	}
	h.mu.Unlock()
	if hook != nil {
		hook()
	}
	return h.inner.RoundTrip(req)
}

// before arms f to run right before our next request that match accepts.
func (h *hookTransport) before(match func(*http.Request) bool, f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.match, h.hook = match, f
}

// dialects runs test once per API, in parallel subtests.
func dialects(t *testing.T, test func(t *testing.T, w *world)) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			test(t, newWorld(t, d))
		})
	}
}

// newWorld starts an emulator of dialect d on a fake clock shared with
// the clients (pacing and retries pass in no real time) and copies the
// dialect's project to a temporary directory.
func newWorld(t testing.TB, d spec.Dialect) *world {
	t.Helper()
	clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	w := startWorld(t, d, clockOf{now: clock.Now, sleep: clock.Sleep, kit: emukit.Options{Now: clock.Now, Sleep: clock.SleepFunc()}})
	copyDir(t, projects[d], w.dir)
	if d == spec.DialectClassic {
		// The Classic emulator's demo tool, for the tool-call state.
		w.edit(t, "amigosync.yaml", "5f1e2d3c4b5a69788796a5b4", `"000000000000000000000001"`)
	}
	return w
}

// clockOf is the clock of the emulator and the clients: fake, or real
// with a scaled rate window (benchmarks).
type clockOf struct {
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
	// window is the clients' rate window (the emulator's is kit.Window).
	window time.Duration
	kit    emukit.Options
}

// startWorld starts an emulator of dialect d and our and the other
// writer's clients on clock clk, with an empty project directory.
func startWorld(t testing.TB, d spec.Dialect, clk clockOf) *world {
	t.Helper()
	kit := clk.kit
	w := &world{dialect: d, dir: t.TempDir()}
	w.cache = cache.New(filepath.Join(w.dir, cache.Dir))
	var handler http.Handler
	var client func(rt http.RoundTripper, clk clockOf) backend.Backend
	if d == spec.DialectClassic {
		emu, err := classicemu.New(classicemu.Config{Org: testOrg, Kit: kit,
			Credentials: classicemu.Credentials{APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser}})
		if err != nil {
			t.Fatalf("classic emulator: %v", err)
		}
		t.Cleanup(func() { emu.Close() })
		handler, w.kit = emu.Handler(), emu.Kit()
		client = func(rt http.RoundTripper, clk clockOf) backend.Backend {
			c, err := classic.New(classic.Options{BaseURL: "http://127.0.0.1:1", Org: testOrg,
				APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser, HTTPClient: &http.Client{Transport: rt},
				Now: clk.now, Sleep: clk.sleep, RateWindow: clk.window, OnWait: apply.OnWait})
			if err != nil {
				t.Fatalf("classic client: %v", err)
			}
			return backend.Classic(c)
		}
	} else {
		emu, err := platformemu.New(platformemu.Config{Kit: kit, APIKeys: []string{fakePlatformKey},
			Workspaces: []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}}})
		if err != nil {
			t.Fatalf("platform emulator: %v", err)
		}
		t.Cleanup(func() { emu.Close() })
		handler, w.kit = emu.Handler(), emu.Kit()
		client = func(rt http.RoundTripper, clk clockOf) backend.Backend {
			c, err := platform.New(platform.Options{BaseURL: "http://127.0.0.1:1", APIKey: fakePlatformKey,
				Workspace: testWorkspace, HTTPClient: &http.Client{Transport: rt},
				Now: clk.now, Sleep: clk.sleep, RateWindow: clk.window, OnWait: apply.OnWait})
			if err != nil {
				t.Fatalf("platform client: %v", err)
			}
			return backend.Platform(c)
		}
	}
	w.hooks = &hookTransport{inner: emukit.Transport(handler)}
	w.b, w.other = client(w.hooks, clk), client(emukit.Transport(handler), clk)
	w.connect = func(clk clockOf) backend.Backend { return client(emukit.Transport(handler), clk) }
	return w
}

// copyDir copies the files under src to dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// edit replaces old with new in a manifest of the project.
func (w *world) edit(t testing.TB, file, old, new string) {
	t.Helper()
	p := filepath.Join(w.dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s holds no %q to replace", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// remove deletes a manifest file of the project.
func (w *world) remove(t *testing.T, file string) {
	t.Helper()
	if err := os.Remove(filepath.Join(w.dir, file)); err != nil {
		t.Fatal(err)
	}
}

// plan validates the project, reads the live state through the cache and
// makes the plan; a plan with errors fails the test.
func (w *world) plan(t testing.TB, o plan.Options) (*plan.Plan, *plan.Live) {
	t.Helper()
	bundle := w.bundle(t)
	live, err := plan.ReadLive(context.Background(), w.b, bundle, plan.ReadOptions{Cache: w.cache})
	if err != nil {
		t.Fatalf("read the live state: %v", err)
	}
	p, diags := plan.Make(bundle, live, o)
	if diags.HasErrors() {
		t.Fatalf("plan: %v", diags)
	}
	return p, live
}

// bundle validates the project's manifests; they must be valid.
func (w *world) bundle(t testing.TB) *spec.Bundle {
	t.Helper()
	v, err := validator()
	if err != nil {
		t.Fatal(err)
	}
	bundle, diags, err := v.ValidateDir(w.dir, spec.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("validate %s: %v\n%v", w.dir, err, diags)
	}
	return bundle
}

// validator compiles the schemas once for every test (it is safe for
// concurrent use).
var validator = sync.OnceValues(spec.NewValidator)

// apply plans and applies, failing the test unless every step is done.
func (w *world) apply(t testing.TB, o plan.Options) *apply.Report {
	t.Helper()
	p, live := w.plan(t, o)
	rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache})
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	if !rep.Complete() {
		t.Fatalf("apply: %v\n%s", rep.Err(), rep.Summary())
	}
	return rep
}

// converged fails the test unless a plan right now has no step, made
// from the version cache with list calls only, and also without the
// cache: what apply cached is what the server holds.
func (w *world) converged(t *testing.T, o plan.Options) {
	t.Helper()
	reads := w.versionReads()
	if p, _ := w.plan(t, o); !p.Empty() {
		t.Fatalf("a plan right after apply is not empty:\n%s", text(t, p))
	}
	if n := w.versionReads() - reads; n != 0 {
		t.Errorf("the plan right after apply read %d versions from the API, want none (the version cache has them)", n)
	}
	saved := w.cache
	w.cache = nil
	defer func() { w.cache = saved }()
	if p, _ := w.plan(t, o); !p.Empty() {
		t.Fatalf("a plan right after apply, without the version cache, is not empty:\n%s", text(t, p))
	}
}

// versionReads counts the requests that read versions.
func (w *world) versionReads() int {
	n := 0
	for ep, byStatus := range w.kit.Stats() {
		if isRead(ep) && strings.Contains(ep, "version") {
			for _, c := range byStatus {
				n += c
			}
		}
	}
	return n
}

// text renders a plan for failure messages.
func text(t testing.TB, p *plan.Plan) string {
	t.Helper()
	var b strings.Builder
	if err := plan.WriteText(&b, p, plan.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// writes counts the requests that reached the emulator and were not
// reads, by endpoint.
func (w *world) writes() map[string]int {
	out := map[string]int{}
	for ep, byStatus := range w.kit.Stats() {
		if isRead(ep) {
			continue
		}
		for _, n := range byStatus {
			out[ep] += n
		}
	}
	return out
}

// isRead tells the endpoints that change nothing by their names.
func isRead(endpoint string) bool {
	for _, p := range []string{"list", "get", "sign"} {
		if strings.HasPrefix(endpoint, p) {
			return true
		}
	}
	return false
}
