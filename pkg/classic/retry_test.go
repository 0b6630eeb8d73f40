package classic_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// TestVersionsUnderFaults creates versions while the emulator answers 503,
// drops connections before the handler runs, and drops them after it has
// committed: each fault alone, then all together. Every creation succeeds,
// each resource ends with exactly the versions asked for (no duplicate),
// each holding the content sent, and the fault did happen.
func TestVersionsUnderFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults emukit.Faults
		// met reports whether the emulator's counters show the fault at work.
		met func(byStatus map[int]int) bool
	}{
		{"503", emukit.Faults{Rate503: 0.4, Seed: 1}, func(s map[int]int) bool { return s[503] > 0 && s[409] == 0 }},
		// A drop before the handler changes nothing: the retry creates the
		// version, so no retry ever meets it as a 409.
		{"dropped before commit", emukit.Faults{DropBefore: 0.4, Seed: 2}, func(s map[int]int) bool { return s[0] > 0 && s[409] == 0 }},
		// A drop after the commit: the retry meets the version as a 409
		// and recognises it as its own.
		{"dropped after commit", emukit.Faults{DropAfter: 0.4, Seed: 3}, func(s map[int]int) bool { return s[0] > 0 && s[409] > 0 }},
		{"all together", emukit.Faults{Rate503: 0.2, DropBefore: 0.1, DropAfter: 0.15, Seed: 7}, func(s map[int]int) bool {
			return s[503] > 0 && s[0] > 0 && s[409] > 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{})
			versionsUnderFaults(t, e, tt.faults)
			st := e.server.Kit().Stats()
			met := map[int]int{}
			for _, name := range []string{classic.EndpointCreateAgentVersion, classic.EndpointCreateSHSMVersion} {
				for status, n := range st[name] {
					met[status] += n
				}
			}
			t.Logf("answers to version creation: %v", met)
			if !tt.met(met) {
				t.Errorf("answers %v do not show the fault at work: the test exercised nothing", met)
			}
			checkStatsAgree(t, e)
		})
	}
}

// versionsUnderFaults creates 5 versions of 3 agents and 3 graphs under
// faults, lists the agents under the same faults, and checks that each
// resource has exactly its 5 versions, with the content sent.
func versionsUnderFaults(t *testing.T, e *env, faults emukit.Faults) {
	t.Helper()
	ctx := context.Background()
	c := e.client
	var agents, graphs []string
	for i := range 3 {
		agents = append(agents, mustID(t)(c.CreateAgent(ctx, fmt.Sprintf("agent-%d", i))))
		graphs = append(graphs, mustID(t)(c.CreateSHSM(ctx, fmt.Sprintf("graph-%d", i))))
	}
	e.server.Kit().SetFaults(faults)
	const versions = 5
	for n := 1; n <= versions; n++ {
		for _, id := range agents {
			if got, err := c.CreateAgentVersion(ctx, id, n, agentBody(n)); err != nil || got.Version != n {
				t.Fatalf("agent %s version %d: %+v, %v", id, n, got, err)
			}
		}
		for _, id := range graphs {
			if got, err := c.CreateSHSMVersion(ctx, id, n, graphBody(n)); err != nil || got.Version != n {
				t.Fatalf("graph %s version %d: %+v, %v", id, n, got, err)
			}
		}
	}
	// Reads are retried under the same faults.
	listed := collect(t, c.ListAgents(ctx, classic.ContainerFilter{}))
	e.server.Kit().SetFaults(emukit.Faults{})

	for _, a := range listed {
		if a.LatestVersion == nil || *a.LatestVersion != versions {
			t.Errorf("agent %s latest version %v, want %d", a.ID, a.LatestVersion, versions)
		}
	}
	for _, id := range agents {
		vs := collect(t, c.ListAgentVersions(ctx, id, classic.VersionQuery{}))
		if len(vs) != versions {
			t.Errorf("agent %s has %d versions, want %d", id, len(vs), versions)
		}
		for i, v := range vs {
			if want := fmt.Sprintf("Background revision %d.", i+1); v.Background != want {
				t.Errorf("agent %s version %d background %q, want %q", id, v.Version, v.Background, want)
			}
		}
	}
	for _, id := range graphs {
		vs := collect(t, c.ListSHSMVersions(ctx, id, classic.VersionQuery{}))
		if len(vs) != versions {
			t.Errorf("graph %s has %d versions, want %d", id, len(vs), versions)
		}
		for i, v := range vs {
			if want := fmt.Sprintf("Intake flow revision %d.", i+1); v.Description != want {
				t.Errorf("graph %s version %d description %q, want %q", id, v.Version, v.Description, want)
			}
		}
	}
}

// checkStatsAgree compares the client's counters with the emulator's:
// the same requests, endpoints and statuses (drops as status 0 on both sides).
func checkStatsAgree(t *testing.T, e *env) {
	t.Helper()
	server := e.server.Kit().Stats()
	client := e.client.Stats()
	for name, byStatus := range server {
		if got := client[name]; !maps.Equal(got, byStatus) {
			t.Errorf("%s: client counted %v, emulator %v", name, got, byStatus)
		}
	}
	if len(client) != len(server) {
		t.Errorf("client counts %d endpoints, emulator %d:\n%v\n%v", len(client), len(server), client, server)
	}
}

// TestGuardedRetryFindsAnotherWriter: the first attempt is lost before it
// reaches the server, and meanwhile someone else creates that version. The
// retry gets 409, the latest version is the number sent but not the content
// sent, so the result is a conflict naming both.
func TestGuardedRetryFindsAnotherWriter(t *testing.T) {
	var id string
	e := loseFirstVersionPost(t, &id, false, func(ctx context.Context, other *classic.Client) error {
		_, err := other.CreateAgentVersion(ctx, id, 1, agentBody(99))
		return err
	})
	ctx := context.Background()
	id = mustID(t)(e.client.CreateAgent(ctx, "intake"))
	_, err := e.client.CreateAgentVersion(ctx, id, 1, agentBody(1))
	var conflict *classic.VersionConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("err = %v, want a VersionConflictError", err)
	}
	if conflict.Version != 1 || conflict.Latest != 1 || conflict.ID != id || conflict.Kind != "agent" {
		t.Errorf("conflict = %+v", conflict)
	}
	for _, want := range []string{"agent " + id, "version 1 already exists"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !apiclient.IsConflict(err) {
		t.Error("IsConflict is false for a VersionConflictError")
	}
}

// TestGuardedCreateAfterLostAnswers: every answer to a create-version POST
// is lost after the server committed it, until the attempts run out. The
// client then reads the latest version, finds its own, and reports success.
func TestGuardedCreateAfterLostAnswers(t *testing.T) {
	e := newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if err == nil && r.Method == http.MethodPost && r.URL.Query().Has("version") {
				resp.Body.Close()
				return nil, errors.New("connection reset by peer (test)")
			}
			return resp, err
		})
	}})
	ctx := context.Background()
	id := mustID(t)(e.client.CreateSHSM(ctx, "intake-flow"))
	got, err := e.client.CreateSHSMVersion(ctx, id, 1, graphBody(1))
	if err != nil || got.Version != 1 {
		t.Fatalf("create: %+v, %v; want version 1", got, err)
	}
	if n := len(collect(t, e.client.ListSHSMVersions(ctx, id, classic.VersionQuery{}))); n != 1 {
		t.Errorf("versions = %d, want 1", n)
	}
	if got := e.serverCount(classic.EndpointCreateSHSMVersion, 409); got == 0 {
		t.Error("no retry met the committed version: the test exercised nothing")
	}
}

// TestWritesRetriedOnlyOn429: an unguarded write is not repeated after a
// 503 (it might have happened), but is after a 429 (it did not).
func TestWritesRetriedOnlyOn429(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{})) // sign in first

	e.server.Kit().SetFaults(emukit.Faults{Rate503: 1})
	if _, err := e.client.CreateAgent(ctx, "intake"); !errors.Is(err, apiclient.ErrUnavailable) {
		t.Fatalf("err = %v, want 503", err)
	}
	if got := e.serverCount(classic.EndpointCreateAgent, 503); got != 1 {
		t.Errorf("create attempts under 503 = %d, want 1", got)
	}

	e.server.Kit().SetFaults(emukit.Faults{Rate429: 0.6, Seed: 3})
	for i := range 5 {
		if _, err := e.client.CreateAgent(ctx, fmt.Sprintf("agent-%d", i)); err != nil {
			t.Fatalf("create under 429s: %v", err)
		}
	}
	e.server.Kit().SetFaults(emukit.Faults{})
	if got := len(collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{}))); got != 5 {
		t.Errorf("agents = %d, want 5 (no duplicates, none lost)", got)
	}
	n429 := e.serverCount(classic.EndpointCreateAgent, 429)
	if n429 == 0 {
		t.Error("no 429 was injected: the test exercised nothing")
	}
	// Each injected 429 says Retry-After: 1; the client waited at least that before each retry.
	waits := 0
	for _, d := range e.clock.Sleeps() {
		if d >= time.Second {
			waits++
		}
	}
	t.Logf("%d answers 429, %d waits of a second or more", n429, waits)
	if waits < n429 {
		t.Errorf("%d waits of Retry-After (1s) or more for %d answers 429: %v", waits, n429, e.clock.Sleeps())
	}
}

// TestGuardedCommitThenAnotherWriter: the first attempt commits version 1,
// its answer is lost, and another writer adds version 2 before the retry.
// The retry's 409 is still recognised as our own commit of version 1.
func TestGuardedCommitThenAnotherWriter(t *testing.T) {
	var id string
	e := loseFirstVersionPost(t, &id, true, func(ctx context.Context, other *classic.Client) error {
		_, err := other.CreateSHSMVersion(ctx, id, 2, graphBody(2))
		return err
	})
	ctx := context.Background()
	id = mustID(t)(e.client.CreateSHSM(ctx, "intake-flow"))
	got, err := e.client.CreateSHSMVersion(ctx, id, 1, graphBody(1))
	if err != nil || got.Version != 1 {
		t.Fatalf("create: %+v, %v; want version 1", got, err)
	}
	if n := len(collect(t, e.client.ListSHSMVersions(ctx, id, classic.VersionQuery{}))); n != 2 {
		t.Errorf("versions = %d, want 2", n)
	}
}

// loseFirstVersionPost returns an environment whose first POST to the
// container *id is lost — before it reaches the server, or, when
// afterCommit, after the server committed it — while another client of
// the same emulator runs write in between.
func loseFirstVersionPost(t *testing.T, id *string, afterCommit bool, write func(context.Context, *classic.Client) error) *env {
	t.Helper()
	var e *env
	var lost atomic.Bool
	e = newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, *id+"/") || !lost.CompareAndSwap(false, true) {
				return next.RoundTrip(r)
			}
			if afterCommit {
				resp, err := next.RoundTrip(r)
				if err != nil {
					return resp, err
				}
				resp.Body.Close()
			}
			other := e.newClient(func(o *classic.Options) { o.HTTPClient = &http.Client{Transport: emukit.Transport(e.server.Handler())} })
			if err := write(r.Context(), other); err != nil {
				t.Errorf("the other writer: %v", err)
			}
			return nil, errors.New("connection reset by peer (test)")
		})
	}})
	return e
}

// TestGuardedRetryRecognisesStrippedStrings: the API stores the strings of
// a version trimmed of surrounding white space (a YAML block scalar's final
// newline does not come back). When the answer to a committed version is
// lost, the retry's 409 must still be recognised as our own commit, although
// what the server holds differs from what was sent by that white space.
func TestGuardedRetryRecognisesStrippedStrings(t *testing.T) {
	var lost atomic.Bool
	e := newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if err == nil && r.Method == http.MethodPost && r.URL.Query().Has("version") && lost.CompareAndSwap(false, true) {
				resp.Body.Close()
				return nil, errors.New("connection reset by peer (test)")
			}
			return resp, err
		})
	}})
	ctx := context.Background()
	tests := []struct {
		name   string
		create func(id string) (int, error)
		newID  func() string
	}{
		{"agent", func(id string) (int, error) {
			body := agentBody(1)
			background := "Ten years of triage.\n" // as a YAML block scalar ends
			body.Background = &background
			body.Behaviors = []string{"  Be kind.", "Be brief.\n"}
			v, err := e.client.CreateAgentVersion(ctx, id, 1, body)
			return v.Version, err
		}, func() string { return mustID(t)(e.client.CreateAgent(ctx, "intake")) }},
		{"context graph", func(id string) (int, error) {
			body := graphBody(1)
			body.Description = "Intake flow.\n"
			body.States[0].Objective = "Greet the caller.\n"
			body.GlobalActionGuidelines = []string{"Stay polite.\n"}
			v, err := e.client.CreateSHSMVersion(ctx, id, 1, body)
			return v.Version, err
		}, func() string { return mustID(t)(e.client.CreateSHSM(ctx, "intake-flow")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lost.Store(false)
			id := tt.newID()
			got, err := tt.create(id)
			if err != nil || got != 1 {
				t.Fatalf("create: version %d, %v; want version 1", got, err)
			}
			if !lost.Load() {
				t.Fatal("no answer was lost: the test exercised nothing")
			}
		})
	}
}
