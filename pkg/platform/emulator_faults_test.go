package platform_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
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
		gv, err := e.c.CreateContextGraphVersionGuarded(ctx, g.ID, 0, graphVersion(fmt.Sprint("graph content ", i)))
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

// concurrentWriter is middleware that, once armed, slips another writer's
// version (body, default an agent version) in just before the client's own
// version POST, or just after it when after is set. When faults is set,
// the client's own POST runs under the faults ours.
type concurrentWriter struct {
	next   http.Handler
	armed  atomic.Bool
	body   string
	after  bool
	ours   emukit.Faults
	faults func(emukit.Faults)
}

func (cw *concurrentWriter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/versions") || !cw.armed.CompareAndSwap(true, false) {
		cw.next.ServeHTTP(w, r)
		return
	}
	body := cmp.Or(cw.body, `{"name":"Other","identity":{"name":"Other","role":"r","developed_by":"d","default_spoken_language":"en"},"background":"someone else"}`)
	other, _ := http.NewRequest(http.MethodPost, r.URL.String(), io.NopCloser(bytes.NewBufferString(body)))
	other.Header = r.Header.Clone()
	if cw.after {
		// Deferred: a dropped connection aborts the handler with a panic.
		defer cw.next.ServeHTTP(discard{}, other)
	} else {
		cw.next.ServeHTTP(discard{}, other)
	}
	if cw.faults != nil {
		cw.faults(cw.ours)
		defer cw.faults(emukit.Faults{})
	}
	cw.next.ServeHTTP(w, r)
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

func TestGuardDetectsConcurrentWriter(t *testing.T) {
	var cw *concurrentWriter
	e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler { cw = &concurrentWriter{next: h}; return cw }})
	ctx := context.Background()
	a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "contested"})
	must(t, err)
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("mine 1"))
	must(t, err)

	// A stale expectation is refused before anything is sent.
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("stale"))
	var ge *platform.GuardError
	if !errors.As(err, &ge) || ge.Created != 0 || ge.Latest != 1 || !apiclient.IsConflict(err) {
		t.Fatalf("stale guard: %v", err)
	}
	want := `agent "contested" (` + a.ID + `): expected to create version 1, but its latest version is 1`
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q", err)
	}

	// Another writer creates version 2 between our read and our create.
	cw.armed.Store(true)
	v, err := e.c.CreateAgentVersionGuarded(ctx, a.ID, 2, agentVersion("mine 2"))
	if !errors.As(err, &ge) || ge.Created != 3 || ge.Expected != 2 || v.Version != 3 {
		t.Fatalf("concurrent writer: %v (version %d)", err, v.Version)
	}
	if !strings.Contains(err.Error(), "expected to create version 2, but the server created version 3") {
		t.Errorf("message %q", err)
	}
}

// TestGuardWithConcurrentWriters runs a guarded creation while another
// writer does or does not create a version just before or just after it,
// with the answer delivered, lost (connection dropped after the commit) or
// the request undelivered (dropped before it arrived). The client must find out what happened from the server:
// its own version under the expected number is a success, under another
// number a *GuardError naming the version created, absent a *GuardError
// saying nothing was created (or, with nobody else around, a resend). No
// case may create the content twice.
func TestGuardWithConcurrentWriters(t *testing.T) {
	lost, undelivered := emukit.Faults{DropAfter: 1}, emukit.Faults{DropBefore: 1}
	tests := []struct {
		name         string
		ours         emukit.Faults
		other, after bool
		wantVersion  int // the version returned; 0 for none
		wantCreated  int // GuardError.Created; -1 for no error
		wantLatest   int
		wantMsg      string
	}{
		{name: "answered, nobody else", wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "answered, other writer first", other: true, wantVersion: 3, wantCreated: 3, wantLatest: 3,
			wantMsg: "expected to create version 2, but the server created version 3: another writer"},
		{name: "answer lost, nobody else", ours: lost, wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "answer lost, other writer first", ours: lost, other: true, wantVersion: 3, wantCreated: 3, wantLatest: 3,
			wantMsg: "expected to create version 2, but the server created version 3: another writer"},
		{name: "answer lost, other writer after", ours: lost, other: true, after: true, wantVersion: 2, wantCreated: -1, wantLatest: 3},
		{name: "not delivered, nobody else", ours: undelivered, wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "not delivered, other writer first", ours: undelivered, other: true, wantCreated: 0, wantLatest: 2,
			wantMsg: "expected to create version 2, but its latest version is 2: it changed since it was read, so nothing was created"},
	}
	for _, kind := range []string{"agent", "context graph"} {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				var cw *concurrentWriter
				e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler { cw = &concurrentWriter{next: h}; return cw }})
				cw.faults, cw.ours, cw.after = e.emu.Kit().SetFaults, tt.ours, tt.after
				ctx := context.Background()
				var create func(string) (int, error)
				var contents func() []string
				if kind == "agent" {
					a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "contested"})
					must(t, err)
					create = func(bg string) (int, error) {
						v, err := e.c.CreateAgentVersionGuarded(ctx, a.ID, 0, agentVersion(bg))
						return v.Version, err
					}
					contents = func() (out []string) {
						for _, v := range collect(t, e.c.ListAgentVersions(ctx, a.ID, platform.VersionListOptions{})) {
							out = append(out, v.Background)
						}
						return out
					}
				} else {
					g, err := e.c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: "contested"})
					must(t, err)
					other, _ := json.Marshal(graphVersion("someone else"))
					cw.body = string(other)
					create = func(desc string) (int, error) {
						v, err := e.c.CreateContextGraphVersionGuarded(ctx, g.ID, 0, graphVersion(desc))
						return v.Version, err
					}
					contents = func() (out []string) {
						for _, v := range collect(t, e.c.ListContextGraphVersions(ctx, g.ID, platform.VersionListOptions{})) {
							out = append(out, v.Description)
						}
						return out
					}
				}
				_, err := create("mine 1")
				must(t, err)
				cw.armed.Store(tt.other || tt.ours != emukit.Faults{})
				if !tt.other {
					cw.body = "{}" // never sent: the writer only applies the faults
				}
				got, err := create("mine 2")
				var ge *platform.GuardError
				switch {
				case tt.wantCreated < 0 && err != nil:
					t.Fatalf("want success, got %v", err)
				case tt.wantCreated >= 0 && (!errors.As(err, &ge) || ge.Created != tt.wantCreated || !apiclient.IsConflict(err)):
					t.Fatalf("want a *GuardError with Created %d, got %v", tt.wantCreated, err)
				case tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg):
					t.Errorf("message %q, want it to contain %q", err, tt.wantMsg)
				}
				if got != tt.wantVersion {
					t.Errorf("returned version %d, want %d", got, tt.wantVersion)
				}
				all := contents()
				if len(all) != tt.wantLatest || slices.Index(all, "mine 1") != 0 {
					t.Errorf("versions hold %q, want %d versions", all, tt.wantLatest)
				}
				if n := strings.Count(strings.Join(all, "|"), "mine 2"); (n != 1) != (tt.wantVersion == 0) {
					t.Errorf("%q holds \"mine 2\" %d times", all, n)
				}
			})
		}
	}
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
		// In process, the abandoned attempt shows as a dropped connection
		// (emukit.Transport); over a socket it would be the deadline.
		if !apiclient.IsNetwork(err) || !strings.Contains(err.Error(), "giving up after 2 attempts: list agents") {
			t.Errorf("stalled list: %v", err)
		}
	}
	if st := e.c.Stats()[platform.ListAgents]; st[0] != 2 {
		t.Errorf("client counted %v; want 2 attempts without an answer", st)
	}
}
