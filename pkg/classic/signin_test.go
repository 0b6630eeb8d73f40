package classic_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
)

// signIns is how many sign-ins the emulator granted.
func (e *env) signIns() int { return e.serverCount(classic.EndpointSignIn, 200) }

func TestTokenRefreshWithClock(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	list := func() {
		t.Helper()
		collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{}))
	}
	for range 3 {
		list()
	}
	if got := e.signIns(); got != 1 {
		t.Fatalf("sign-ins after 3 calls = %d, want 1", got)
	}
	e.clock.Advance(50 * time.Minute) // token still fresh
	list()
	if got := e.signIns(); got != 1 {
		t.Fatalf("sign-ins at 50 minutes = %d, want 1", got)
	}
	e.clock.Advance(8 * time.Minute) // 2 minutes before expiry: refresh first
	list()
	list()
	if got := e.signIns(); got != 2 {
		t.Fatalf("sign-ins at 58 minutes = %d, want 2", got)
	}
	e.clock.Advance(3 * time.Hour) // long idle: the token expired
	list()
	if got := e.signIns(); got != 3 {
		t.Fatalf("sign-ins after expiry = %d, want 3", got)
	}
	if got := e.serverCount(classic.EndpointListAgents, 401); got != 0 {
		t.Errorf("401 answers = %d, want 0: refresh should happen before expiry", got)
	}
}

// TestUnauthorizedRetriesOnce skews the client's clock 15 minutes behind the
// emulator's, so the client sends a token the emulator has expired: one 401,
// one new sign-in, and the call succeeds.
func TestUnauthorizedRetriesOnce(t *testing.T) {
	e := newEnv(t, envConfig{client: func(o *classic.Options) {
		now := o.Now
		o.Now = func() time.Time { return now().Add(-15 * time.Minute) }
	}})
	ctx := context.Background()
	collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{}))
	// The emulator expired the token at 60 minutes; the client, 15 minutes
	// behind, still thinks it has 14 minutes left.
	e.clock.Advance(61 * time.Minute)
	collect(t, e.client.ListAgents(ctx, classic.ContainerFilter{}))
	if got := e.serverCount(classic.EndpointListAgents, 401); got != 1 {
		t.Errorf("401 answers = %d, want 1", got)
	}
	if got := e.signIns(); got != 2 {
		t.Errorf("sign-ins = %d, want 2", got)
	}
	if got := e.serverCount(classic.EndpointListAgents, 200); got != 2 {
		t.Errorf("successful lists = %d, want 2", got)
	}
}

func TestWrongCredentials(t *testing.T) {
	e := newEnv(t, envConfig{client: func(o *classic.Options) { o.APIKey = "fake-wrong-key" }})
	_, err := e.client.CreateAgent(context.Background(), "intake")
	if !apiclient.IsUnauthorized(err) {
		t.Fatalf("err = %v, want unauthorized", err)
	}
	if !strings.Contains(err.Error(), "sign in") {
		t.Errorf("error %q does not say that sign-in failed", err)
	}
	if strings.Contains(err.Error(), "fake-wrong-key") {
		t.Errorf("error leaks the API key: %q", err)
	}
	if got := e.serverCount(classic.EndpointSignIn, 401); got != 1 {
		t.Errorf("sign-in attempts = %d, want 1 (a 401 at sign-in is not retried)", got)
	}
	if got := e.serverCount(classic.EndpointCreateAgent, 201) + e.serverCount(classic.EndpointCreateAgent, 401); got != 0 {
		t.Errorf("create agent reached the server %d times without a token", got)
	}
}

func TestConcurrentCallsSignInOnce(t *testing.T) {
	e := newEnv(t, envConfig{realTime: true})
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := e.client.GetOrganization(ctx); err != nil {
				t.Error(err)
			}
			for _, err := range e.client.ListTools(ctx, classic.ToolFilter{}) {
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if got := e.signIns(); got != 1 {
		t.Errorf("sign-ins = %d, want 1", got)
	}
}

// TestPersistentUnauthorized: a server that keeps answering 401 gets one
// fresh sign-in and one retry, then the call fails with the 401.
func TestPersistentUnauthorized(t *testing.T) {
	e := newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if strings.HasSuffix(r.URL.Path, "/tool/") {
				r = r.Clone(r.Context())
				r.Header.Set("Authorization", "Bearer fake-revoked-token")
			}
			return next.RoundTrip(r)
		})
	}})
	_, err := apiclient.Collect(e.client.ListTools(context.Background(), classic.ToolFilter{}))
	if !apiclient.IsUnauthorized(err) {
		t.Fatalf("err = %v, want unauthorized", err)
	}
	if got := e.serverCount(classic.EndpointListTools, 401); got != 2 {
		t.Errorf("list attempts = %d, want 2", got)
	}
	if got := e.signIns(); got != 2 {
		t.Errorf("sign-ins = %d, want 2", got)
	}
}
