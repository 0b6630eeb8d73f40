package backend_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
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

// world is one emulator with two independent Backends on it (two writers).
type world struct {
	b, other backend.Backend
	// stats returns the emulator's request counters.
	stats func() emukit.Stats
	// agentPage and graphPage are the documented maximum page sizes.
	agentPage, graphPage int
	// beforeNextPost arranges for f to run right before b's next POST
	// reaches the emulator: a writer racing between b's check and its write.
	beforeNextPost func(f func())
}

// hookTransport runs a hook once before the next POST it carries.
type hookTransport struct {
	inner http.RoundTripper
	mu    sync.Mutex
	hook  func()
}

// RoundTrip runs the armed hook before a POST, then sends the request.
func (h *hookTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPost {
		h.mu.Lock()
		hook := h.hook
		h.hook = nil
		h.mu.Unlock()
		if hook != nil {
			hook()
		}
	}
	return h.inner.RoundTrip(req)
}

func (h *hookTransport) arm(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hook = f
}

// dialect is one API under contract: how to start an emulator for a test.
type dialect struct {
	name  spec.Dialect
	start func(t *testing.T) world
}

// dialects are the two APIs every contract test runs against.
func dialects() []dialect {
	return []dialect{{spec.DialectClassic, startClassic}, {spec.DialectPlatform, startPlatform}}
}

// clientClock is the clock and wait shared by the emulator and the
// clients, so pacing and token lifetimes pass in no real time.
func clientClock() *fakeclock.Clock { return fakeclock.New(fakeclock.Ticking(time.Millisecond)) }

func startClassic(t *testing.T) world {
	t.Helper()
	clock := clientClock()
	emu, err := classicemu.New(classicemu.Config{
		Org: testOrg, Credentials: classicemu.Credentials{APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser},
		Kit: emukit.Options{Now: clock.Now},
	})
	if err != nil {
		t.Fatalf("classic emulator: %v", err)
	}
	t.Cleanup(func() { emu.Close() })
	client := func(rt http.RoundTripper) backend.Backend {
		c, err := classic.New(classic.Options{
			BaseURL: "http://127.0.0.1:1", Org: testOrg, APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser,
			HTTPClient: &http.Client{Transport: rt},
			Now:        clock.Now, Sleep: clock.Sleep,
		})
		if err != nil {
			t.Fatalf("classic client: %v", err)
		}
		return backend.Classic(c)
	}
	hooks := &hookTransport{inner: emukit.Transport(emu.Handler())}
	return world{b: client(hooks), other: client(emukit.Transport(emu.Handler())), stats: emu.Kit().Stats,
		agentPage: classic.MaxAgentsPageSize, graphPage: classic.MaxSHSMsPageSize, beforeNextPost: hooks.arm}
}

func startPlatform(t *testing.T) world {
	t.Helper()
	clock := clientClock()
	emu, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}},
		APIKeys:    []string{fakePlatformKey},
		Kit:        emukit.Options{Now: clock.Now},
	})
	if err != nil {
		t.Fatalf("platform emulator: %v", err)
	}
	t.Cleanup(func() { emu.Close() })
	client := func(rt http.RoundTripper) backend.Backend {
		c, err := platform.New(platform.Options{
			BaseURL: "http://127.0.0.1:1", APIKey: fakePlatformKey, Workspace: testWorkspace,
			HTTPClient: &http.Client{Transport: rt},
			Now:        clock.Now, Sleep: clock.Sleep,
		})
		if err != nil {
			t.Fatalf("platform client: %v", err)
		}
		return backend.Platform(c)
	}
	hooks := &hookTransport{inner: emukit.Transport(emu.Handler())}
	return world{b: client(hooks), other: client(emukit.Transport(emu.Handler())), stats: emu.Kit().Stats,
		agentPage: platform.MaxPageSize, graphPage: platform.MaxPageSize, beforeNextPost: hooks.arm}
}

// forEachDialect runs test once per API, in parallel subtests.
func forEachDialect(t *testing.T, test func(t *testing.T, d spec.Dialect, w world)) {
	for _, d := range dialects() {
		t.Run(string(d.name), func(t *testing.T) {
			t.Parallel()
			test(t, d.name, d.start(t))
		})
	}
}

// mustContainer creates a container or fails the test.
func mustContainer(t *testing.T, b backend.Backend, kind spec.Kind, name string) backend.Container {
	t.Helper()
	c, err := b.CreateContainer(context.Background(), kind, name, "")
	if err != nil {
		t.Fatalf("create %s %s: %v", kind, name, err)
	}
	return c
}

// index lists both container kinds into an Index.
func index(t *testing.T, b backend.Backend) backend.Index {
	t.Helper()
	var idx backend.Index
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		cs, err := b.Containers(context.Background(), k)
		if err != nil {
			t.Fatalf("list %s: %v", k, err)
		}
		idx.Add(cs...)
	}
	return idx
}

// testAgent is a small agent valid in both dialects.
func testAgent(background string) spec.AgentSpec {
	return spec.AgentSpec{
		Initials: "TA",
		Identity: spec.Identity{
			Name: "Tess", Role: "Tester", DevelopedBy: "Example", DefaultSpokenLanguage: "eng",
			RelationshipToDeveloper: &spec.RelationshipToDeveloper{Ownership: "owned", Type: "assistant", ConversationVisibility: "visible", ThoughtVisibility: "hidden"},
		},
		Background:            background,
		Behaviors:             []string{"Be brief."},
		CommunicationPatterns: []string{"Plain words."},
	}
}

// testGraph is a two-state graph valid in both dialects (Classic action
// strings and Platform action objects read the same in the model).
func testGraph(description string) spec.ContextGraphSpec {
	return spec.ContextGraphSpec{
		Description:               description,
		NewUserInitialState:       "start",
		ReturningUserInitialState: "start",
		TerminalState:             "end",
		States: []spec.State{
			{Type: spec.StateAction, Name: "start", Objective: "Greet.", Actions: []spec.Action{{Description: "Say hello."}},
				ExitConditions: []spec.ExitCondition{{Description: "Greeted.", NextState: spec.NextState{State: "end"}}}},
			{Type: spec.StateAction, Name: "end", Objective: "Close.", Actions: []spec.Action{{Description: "Say goodbye."}}},
		},
	}
}

// agentVersion and graphVersion wrap one version's content.
func agentVersion(a spec.AgentSpec) backend.Version        { return backend.Version{Agent: &a} }
func graphVersion(g spec.ContextGraphSpec) backend.Version { return backend.Version{ContextGraph: &g} }

// readAgent reads version n of agent c.
func readAgent(ctx context.Context, b backend.Backend, c backend.Container, n int) (spec.AgentSpec, error) {
	v, err := b.ReadVersion(ctx, c, n, backend.Index{})
	if err != nil || v.Agent == nil {
		return spec.AgentSpec{}, err
	}
	return *v.Agent, nil
}

// readGraph reads version n of context graph c.
func readGraph(ctx context.Context, b backend.Backend, c backend.Container, n int, idx backend.Index) (spec.ContextGraphSpec, error) {
	v, err := b.ReadVersion(ctx, c, n, idx)
	if err != nil || v.ContextGraph == nil {
		return spec.ContextGraphSpec{}, err
	}
	return *v.ContextGraph, nil
}

// normalizeAgent and normalizeGraph normalise one kind's content through
// NormalizeVersion.
func normalizeAgent(n backend.Normalizer) func(spec.AgentSpec) spec.AgentSpec {
	return func(a spec.AgentSpec) spec.AgentSpec {
		return *n.NormalizeVersion(spec.KindAgent, agentVersion(a)).Agent
	}
}

func normalizeGraph(n backend.Normalizer) func(spec.ContextGraphSpec) spec.ContextGraphSpec {
	return func(g spec.ContextGraphSpec) spec.ContextGraphSpec {
		return *n.NormalizeVersion(spec.KindContextGraph, graphVersion(g)).ContextGraph
	}
}
