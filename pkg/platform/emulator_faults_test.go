package platform_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// TestGuardedCreationUnderFaults creates 25 agent and 25 context graph
// versions while the emulator answers 503, drops connections before the
// handler runs and drops them after the version was committed. Every
// creation must succeed exactly once: versions 1..25 in order, each
// content once, no duplicate.
func TestGuardedCreationUnderFaults(t *testing.T) {
	e := newEnv(t, envOptions{maxAttempts: 10})
	ctx := context.Background()
	a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "faulty"})
	must(t, err)
	g, err := e.c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: "faulty-flow"})
	must(t, err)
	e.emu.Kit().SetFaults(emukit.Faults{Rate503: 0.2, DropBefore: 0.1, DropAfter: 0.15, Seed: 42})
	for i := 1; i <= 25; i++ {
		v, err := e.c.CreateAgentVersionGuarded(ctx, a.ID, i, agentVersion(fmt.Sprint("agent content ", i)))
		if err != nil {
			t.Fatalf("agent version %d: %v", i, err)
		}
		gv, err := e.c.CreateContextGraphVersionGuarded(ctx, g.ID, i, graphVersion(fmt.Sprint("graph content ", i)))
		if err != nil {
			t.Fatalf("graph version %d: %v", i, err)
		}
		if v.Version != i || gv.Version != i {
			t.Fatalf("created agent version %d and graph version %d, want %d", v.Version, gv.Version, i)
		}
	}
	st := e.emu.Kit().Stats()
	sameCounters(t, e)
	e.emu.Kit().SetFaults(emukit.Faults{})

	for _, ep := range []string{platform.CreateAgentVersion, platform.CreateContextGraphVersion} {
		if st[ep][0] == 0 || st[ep][503] == 0 {
			t.Errorf("%s saw no drops or no 503s: %v", ep, st[ep])
		}
	}
	agentVersions := collect(t, e.c.ListAgentVersions(ctx, a.ID, platform.VersionListOptions{}))
	graphVersions := collect(t, e.c.ListContextGraphVersions(ctx, g.ID, platform.VersionListOptions{}))
	if len(agentVersions) != 25 || len(graphVersions) != 25 {
		t.Fatalf("%d agent versions, %d graph versions; want 25 each", len(agentVersions), len(graphVersions))
	}
	for i := range 25 {
		if agentVersions[i].Version != i+1 || agentVersions[i].Background != fmt.Sprint("agent content ", i+1) {
			t.Errorf("agent version %d holds %q", agentVersions[i].Version, agentVersions[i].Background)
		}
		if graphVersions[i].Description != fmt.Sprint("graph content ", i+1) {
			t.Errorf("graph version %d holds %q", graphVersions[i].Version, graphVersions[i].Description)
		}
	}
	t.Logf("create_agent_version: %v; create_context_graph_version: %v", st[platform.CreateAgentVersion], st[platform.CreateContextGraphVersion])
}

// TestWritesNotResentOnUncertainFailure: an unguarded POST whose
// connection drops after the server committed it is reported, not sent
// again; a 503 on a POST is not retried either.
func TestWritesNotResentOnUncertainFailure(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "once"})
	must(t, err)

	e.emu.Kit().SetFaults(emukit.Faults{DropAfter: 1})
	_, err = e.c.CreateAgentVersion(ctx, a.ID, agentVersion("x"))
	if !apiclient.IsNetwork(err) || !errors.Is(err, emukit.ErrDropped) {
		t.Errorf("dropped create: %v", err)
	}
	e.emu.Kit().SetFaults(emukit.Faults{Rate503: 1})
	_, err = e.c.CreateAgentVersion(ctx, a.ID, agentVersion("y"))
	if !errors.Is(err, apiclient.ErrUnavailable) || strings.Contains(err.Error(), "giving up") {
		t.Errorf("503 on create: %v", err)
	}
	e.emu.Kit().SetFaults(emukit.Faults{})
	st := e.emu.Kit().Stats()[platform.CreateAgentVersion]
	if st[0] != 1 || st[503] != 1 {
		t.Errorf("server saw %v; each POST must be sent once", st)
	}
	got, err := e.c.GetAgent(ctx, a.ID)
	must(t, err)
	if got.LatestVersion != 1 {
		t.Errorf("latest_version = %d, want 1 (the dropped one committed, nothing resent)", got.LatestVersion)
	}
	sameCounters(t, e)
}

func TestGetsRetriedThrough503AndDrops(t *testing.T) {
	e := newEnv(t, envOptions{maxAttempts: 8})
	ctx := context.Background()
	for i := range 30 {
		_, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: fmt.Sprint("a", i)})
		must(t, err)
	}
	e.emu.Kit().SetFaults(emukit.Faults{Rate503: 0.3, DropBefore: 0.1, DropAfter: 0.1, Seed: 9})
	for range 10 {
		if n := len(collect(t, e.c.ListAgents(ctx, platform.ListOptions{}))); n != 30 {
			t.Fatalf("listed %d agents", n)
		}
	}
	sameCounters(t, e)
	st := e.emu.Kit().Stats()[platform.ListAgents]
	if st[200] != 20 || st[503] == 0 || st[0] == 0 {
		t.Errorf("server saw %v", st)
	}
	// One backoff per failed attempt, each a full-jitter draw (Rand is 0.5)
	// below the default cap of 10s.
	sleeps := e.clk.Sleeps()
	if len(sleeps) != st[503]+st[0] {
		t.Errorf("%d backoffs for %d failed attempts", len(sleeps), st[503]+st[0])
	}
	for _, d := range sleeps {
		if d <= 0 || d > 5*time.Second {
			t.Errorf("backoff %v outside (0, 5s]: half of at most the 10s cap", d)
		}
	}
	t.Logf("list_agents under faults: %v", st)
}

// TestContextAndTimeout: a call with a cancelled context sends nothing and
// says so; an attempt that outlives Options.Timeout is abandoned (and, for
// a GET, tried again) instead of waiting for a server that never answers.
func TestContextAndTimeout(t *testing.T) {
	stall := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/agents") {
				<-r.Context().Done() // a server that never answers
				panic(http.ErrAbortHandler)
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOptions{wrap: stall, timeout: 20 * time.Millisecond, maxAttempts: 2})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "never"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled create: %v", err)
	}
	if n := e.emu.Kit().Stats().Total(); n != 0 {
		t.Errorf("a cancelled call reached the emulator %d times", n)
	}
	for _, err := range e.c.ListAgents(context.Background(), platform.ListOptions{}) {
		// In process as over a socket, the abandoned attempt is reported
		// as the deadline, not as a dropped connection.
		if !apiclient.IsNetwork(err) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, emukit.ErrDropped) ||
			!strings.Contains(err.Error(), "giving up after 2 attempts: list agents") {
			t.Errorf("stalled list: %v", err)
		}
	}
	if st := e.c.Stats()[platform.ListAgents]; st[0] != 2 {
		t.Errorf("client counted %v; want 2 attempts without an answer", st)
	}
}
