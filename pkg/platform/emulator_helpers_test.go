package platform_test

import (
	"cmp"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/platform/emulator"
	gocmp "github.com/google/go-cmp/cmp"
)

const (
	testWorkspace = "0b5e7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d"
	testKey       = "fake-key-123"
)

// env is an emulator and a client talking to it in-process. They share
// clk, so rate-limit windows and backoffs pass without real waiting.
type env struct {
	emu *emulator.Server
	c   *platform.Client
	clk *fakeclock.Clock
}

type envOptions struct {
	limits       map[string]int // emulator limits
	clientLimits map[string]int
	window       time.Duration // the emulator's window
	clientWindow time.Duration // the client's idea of it; default window
	apiKey       string
	logger       *slog.Logger
	maxAttempts  int
	timeout      time.Duration // the client's per-attempt timeout
	realClock    bool
	wrap         func(http.Handler) http.Handler
	// transport wraps the in-process transport (e.g. a conformance recorder).
	transport func(http.RoundTripper) http.RoundTripper
}

func newEnv(t *testing.T, o envOptions) *env {
	t.Helper()
	clk := fakeclock.New()
	if o.window == 0 {
		o.window = time.Second
	}
	kit := emukit.Options{Window: o.window, Now: clk.Now, Sleep: clk.SleepFunc()}
	if o.realClock {
		kit.Now = nil
	}
	emu, err := emulator.New(emulator.Config{
		Workspaces: []emulator.Workspace{{ID: testWorkspace, Name: "Test workspace", BackendOrgID: "org-test"}},
		APIKeys:    []string{testKey},
		Kit:        kit,
		Limits:     o.limits,
	})
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	if o.apiKey == "" {
		o.apiKey = testKey
	}
	h := emu.Handler()
	if o.wrap != nil {
		h = o.wrap(h)
	}
	rt := emukit.Transport(h)
	if o.transport != nil {
		rt = o.transport(rt)
	}
	opts := platform.Options{
		BaseURL: "http://127.0.0.1", APIKey: o.apiKey, Workspace: testWorkspace,
		HTTPClient: &http.Client{Transport: rt},
		RateWindow: cmp.Or(o.clientWindow, o.window), Limits: o.clientLimits, Logger: o.logger, MaxAttempts: o.maxAttempts, Timeout: o.timeout,
		Rand: func() float64 { return 0.5 },
	}
	if !o.realClock {
		opts.Now, opts.Sleep = clk.Now, clk.Sleep
	}
	c, err := platform.New(opts)
	if err != nil {
		t.Fatalf("platform.New: %v", err)
	}
	return &env{emu: emu, c: c, clk: clk}
}

func ptr[T any](v T) *T { return &v }

// agentVersion is a valid agent version whose background tells it apart.
func agentVersion(background string) platform.CreateAgentVersionRequest {
	return platform.CreateAgentVersionRequest{
		Name:       "Ada",
		Initials:   ptr("AD"),
		Identity:   platform.Identity{Name: "Ada", Role: "intake nurse", DevelopedBy: "Amigo", DefaultSpokenLanguage: "en"},
		Background: ptr(background),
		Behaviors:  []string{"Be kind."},
	}
}

// graphVersion is a valid two-state context graph version.
func graphVersion(description string) platform.CreateContextGraphVersionRequest {
	return platform.CreateContextGraphVersionRequest{
		Description: ptr(description),
		States: []platform.ContextGraphState{
			{Type: platform.StateTypeAction, Action: &platform.ActionState{
				Name: "start", Objective: "Greet the caller", Actions: []platform.Action{{Description: "Say hello"}},
				IntraStateNavigationGuidelines: []string{}, ActionGuidelines: []string{}, BoundaryConstraints: []string{},
				ExitConditions: []platform.ExitCondition{{Description: "Greeted", NextState: "end"}},
			}},
			{Type: platform.StateTypeAction, Action: &platform.ActionState{
				Name: "end", Objective: "Say goodbye", Actions: []platform.Action{{Description: "Say goodbye"}},
				IntraStateNavigationGuidelines: []string{}, ActionGuidelines: []string{}, BoundaryConstraints: []string{},
				ExitConditions: []platform.ExitCondition{},
			}},
		},
		NewUserInitialState: "start", ReturningUserInitialState: "start", TerminalState: "end",
	}
}

// collect gathers an iterator's items, failing the test on an error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		out = append(out, v)
	}
	return out
}

// newClient is a second client of e's emulator with its own window, limits,
// logger and (optionally) API key.
func newClient(t *testing.T, e *env, window time.Duration, limits map[string]int, logger *slog.Logger, key ...string) *platform.Client {
	t.Helper()
	apiKey := testKey
	if len(key) > 0 {
		apiKey = key[0]
	}
	c, err := platform.New(platform.Options{
		BaseURL: "http://127.0.0.1", APIKey: apiKey, Workspace: testWorkspace,
		HTTPClient: &http.Client{Transport: emukit.Transport(e.emu.Handler())},
		RateWindow: window, Limits: limits, Logger: logger,
		Now: e.clk.Now, Sleep: e.clk.Sleep, Rand: func() float64 { return 0.5 },
	})
	if err != nil {
		t.Fatalf("platform.New: %v", err)
	}
	return c
}

// sameCounters checks that the client counted exactly the requests the
// emulator counted, endpoint by endpoint and status by status (0: no
// answer), under the same endpoint names.
func sameCounters(t *testing.T, e *env) {
	t.Helper()
	client := map[string]map[int]int(e.c.Stats())
	server := map[string]map[int]int(e.emu.Kit().Stats())
	if diff := gocmp.Diff(server, client); diff != "" {
		t.Errorf("client and emulator counters differ (-emulator +client):\n%s", diff)
	}
}
