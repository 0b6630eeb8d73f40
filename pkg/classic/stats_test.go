package classic_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
)

// TestStats checks the counters behind `--stats`: every request, sign-in
// included, counted per endpoint and status, equal to what the emulator saw.
func TestStats(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	id := mustID(t)(e.client.CreateAgent(ctx, "intake"))
	if _, err := e.client.CreateAgent(ctx, "intake"); err == nil {
		t.Fatal("duplicate name accepted")
	}
	if _, err := e.client.CreateAgentVersion(ctx, id, 1, agentBody(1)); err != nil {
		t.Fatal(err)
	}
	collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{}))

	want := apiclient.Stats{
		classic.EndpointSignIn:             {200: 1},
		classic.EndpointCreateAgent:        {201: 1, 409: 1},
		classic.EndpointCreateAgentVersion: {201: 1},
		classic.EndpointListAgents:         {200: 1},
	}
	got := e.client.Stats()
	if got.String() != want.String() {
		t.Errorf("stats:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(got.String(), "create_agent: 201×1 409×1") {
		t.Errorf("rendering: %q", got.String())
	}
	checkStatsAgree(t, e)
}

// TestCancelledContext: a cancelled context stops a call before anything
// is sent, and a walk yields the context's error once.
func TestCancelledContext(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.client.CreateAgent(ctx, "intake"); !errors.Is(err, context.Canceled) {
		t.Errorf("create: err = %v, want context.Canceled", err)
	}
	n := 0
	for _, err := range e.client.ListAgents(ctx, classic.ContainerFilter{}) {
		n++
		if !errors.Is(err, context.Canceled) {
			t.Errorf("list: err = %v, want context.Canceled", err)
		}
	}
	if n != 1 {
		t.Errorf("list yielded %d times, want once", n)
	}
	if total := e.server.Kit().Stats().Total(); total != 0 {
		t.Errorf("%d requests reached the emulator", total)
	}
}

// TestTimeoutPerAttempt: Options.Timeout bounds each attempt. A server
// that never answers the list makes each of the attempts time out, and the
// call fails with the deadline, saying it gave up.
func TestTimeoutPerAttempt(t *testing.T) {
	e := newEnv(t, envConfig{
		// Long enough for the sign-in (which answers) on a loaded machine;
		// the list never answers, so both its attempts time out.
		client: func(o *classic.Options) { o.Timeout, o.MaxAttempts = 500*time.Millisecond, 2 },
		transport: func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if strings.HasSuffix(r.URL.Path, "/organization/agent") {
					<-r.Context().Done() // never answers
					return nil, r.Context().Err()
				}
				return next.RoundTrip(r)
			})
		},
	})
	_, err := apiclient.Collect(e.client.ListAgents(context.Background(), classic.ContainerFilter{}))
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "giving up after 2 attempts") {
		t.Fatalf("err = %v, want a deadline after 2 attempts", err)
	}
	if got := e.clientCount(classic.EndpointListAgents, 0); got != 2 {
		t.Errorf("attempts counted as network errors = %d, want 2", got)
	}
}
