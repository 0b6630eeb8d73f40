package platform_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/platform"
)

// TestBurstOfListCallsGetsNo429 sends 100 list calls to an emulator that
// limits list_agents to 20 per 1-second window. Whether the client was told
// the limit up front or learns it from X-RateLimit-Limit, sequential or
// concurrent, the emulator must answer no 429; the control row, a client
// that believes the window is 10ms, shows that the check can fail.
func TestBurstOfListCallsGetsNo429(t *testing.T) {
	tests := []struct {
		name         string
		clientLimits map[string]int
		clientWindow time.Duration
		workers      int
		realClock    bool
		want429      bool
	}{
		{name: "limit learned from headers", workers: 1},
		{name: "limit seeded", clientLimits: map[string]int{platform.ListAgents: 20}, workers: 1},
		{name: "5 concurrent callers", clientLimits: map[string]int{platform.ListAgents: 20}, workers: 5},
		{name: "real clock, 200ms window", clientLimits: map[string]int{platform.ListAgents: 20}, workers: 2, realClock: true, clientWindow: 200 * time.Millisecond},
		{name: "control: wrong window", clientWindow: 10 * time.Millisecond, workers: 1, want429: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			window := time.Second
			if tt.realClock {
				window = tt.clientWindow
			}
			e := newEnv(t, envOptions{
				limits: map[string]int{platform.ListAgents: 20}, clientLimits: tt.clientLimits,
				window: window, clientWindow: tt.clientWindow, realClock: tt.realClock,
			})
			var wg sync.WaitGroup
			errs := make(chan error, 100)
			for range tt.workers {
				wg.Go(func() {
					for range 100 / tt.workers {
						for _, err := range e.c.ListAgents(context.Background(), platform.ListOptions{}) {
							errs <- err
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil && !apiclient.IsRateLimited(err) {
					t.Fatal(err)
				}
			}
			st := e.emu.Kit().Stats()[platform.ListAgents]
			if st[200] != 100 && !tt.want429 {
				t.Errorf("server answered %v", st)
			}
			if got := st[429]; (got > 0) != tt.want429 {
				t.Errorf("server answered %d × 429 (want some: %v)", got, tt.want429)
			}
			t.Logf("emulator list_agents: %v", st)
		})
	}
}

// TestRedaction captures every log line and error of a session that uses
// a fake key, fails with 401, 404, 409 and 422, and creates resources, and
// everything else a program might print: the counters, and the client and
// its options through fmt (%v, %+v, %#v, %s) and slog. The keys appear
// nowhere.
func TestRedaction(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := newEnv(t, envOptions{logger: logger})
	ctx := context.Background()
	var out []string
	record := func(err error) {
		if err != nil {
			out = append(out, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
		}
	}
	a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "secretive"})
	must(t, err)
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("bg"))
	must(t, err)
	_, err = e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: ""})
	record(err)
	_, err = e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "secretive"})
	record(err)
	_, err = e.c.GetAgent(ctx, "00000000-0000-4000-8000-000000000000")
	record(err)
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("stale"))
	record(err)
	bad := newClient(t, e, time.Second, nil, logger, "fake-other-key-789")
	_, err = bad.GetWorkspace(ctx, testWorkspace)
	record(err)

	opts := platform.Options{BaseURL: "http://127.0.0.1", APIKey: testKey, Workspace: testWorkspace}
	logger.Info("options", "options", opts)
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{e.c, *e.c, bad, opts, &opts, e.c.Stats(), bad.Stats()} {
			out = append(out, fmt.Sprintf(format, v))
		}
	}
	out = append(out, e.c.Stats().String(), bad.Stats().String())

	text := logs.String() + strings.Join(out, "\n")
	for _, secret := range []string{testKey, "fake-other-key-789"} {
		if strings.Contains(text, secret) {
			t.Errorf("%s appears in the output:\n%s", secret, text)
		}
	}
	if len(out) != 5*3+4*7+2 || !strings.Contains(logs.String(), `"Authorization":"REDACTED"`) || strings.Count(logs.String(), "\n") < 6 ||
		!strings.Contains(text, "create_agent: 201×1 409×1 422×1") || !strings.Contains(text, "APIKey:REDACTED") {
		t.Errorf("the session did not run as planned: %d outputs, log and output:\n%s", len(out), text)
	}
}

// TestRateLimitedWriteWaitsAndRetries: a client that does not know the
// limit (another client used the window up) gets one 429 on a POST, waits
// the Retry-After the emulator sent instead of hammering, and sends the
// POST again, which succeeds: a POST refused with 429 changed nothing.
func TestRateLimitedWriteWaitsAndRetries(t *testing.T) {
	e := newEnv(t, envOptions{limits: map[string]int{platform.CreateSkill: 1}, window: time.Second})
	ctx := context.Background()
	skill := func(slug string) platform.CreateSkillRequest {
		return platform.CreateSkillRequest{Slug: slug, Name: slug, Description: "d", InputSchema: map[string]any{"type": "object"}}
	}
	_, err := e.c.CreateSkill(ctx, skill("first-one"))
	must(t, err)
	other := newClient(t, e, time.Second, nil, nil)
	start, sleeps := e.clk.Now(), len(e.clk.Sleeps())
	sk, err := other.CreateSkill(ctx, skill("second-one"))
	must(t, err)
	if st := e.emu.Kit().Stats()[platform.CreateSkill]; st[201] != 2 || st[429] != 1 {
		t.Errorf("emulator counted %v, want 2×201 and one 429", st)
	}
	waited := e.clk.Now().Sub(start)
	if waited < time.Second || waited > 2*time.Second || len(e.clk.Sleeps()) == sleeps {
		t.Errorf("waited %v over %d sleeps; want the one window the 429 asked for", waited, len(e.clk.Sleeps())-sleeps)
	}
	if got, _ := other.GetSkill(ctx, sk.ID); got.Version != 1 {
		t.Errorf("skill %+v", got)
	}
}

// TestPacingIsPerEndpoint: with list_skills seeded at one request per
// window, a second list waits for the next window, while a call to
// another endpoint in between goes out at once.
func TestPacingIsPerEndpoint(t *testing.T) {
	e := newEnv(t, envOptions{clientLimits: map[string]int{platform.ListSkills: 1}, window: time.Second})
	ctx := context.Background()
	list := func() {
		for _, err := range e.c.ListSkills(ctx, platform.SkillListOptions{}) {
			must(t, err)
		}
	}
	list()
	start := e.clk.Now()
	_, err := e.c.GetWorkspace(ctx, testWorkspace)
	must(t, err)
	if d := e.clk.Now().Sub(start); d != 0 {
		t.Errorf("get_workspace waited %v behind list_skills", d)
	}
	list()
	if d := e.clk.Now().Sub(start); d < 900*time.Millisecond {
		t.Errorf("the second list_skills waited only %v; its limit is 1 per second", d)
	}
	if st := e.emu.Kit().Stats(); st.Total() != 3 || st[platform.ListSkills][200] != 2 {
		t.Errorf("emulator counted %v", st)
	}
}
