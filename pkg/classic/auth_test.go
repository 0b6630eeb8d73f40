package classic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
)

// countingSignIn issues tokens "tok-1", "tok-2", ... valid for lifetime.
type countingSignIn struct {
	clock    *fakeclock.Clock
	lifetime time.Duration
	calls    atomic.Int32
	fail     atomic.Bool
	gate     chan struct{} // when not nil, each sign-in waits for it
}

func (s *countingSignIn) signIn(ctx context.Context) (string, time.Time, error) {
	n := s.calls.Add(1)
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			return "", time.Time{}, ctx.Err()
		}
	}
	if s.fail.Load() {
		return "", time.Time{}, errors.New("sign-in refused")
	}
	return fmt.Sprintf("tok-%d", n), s.clock.Now().Add(s.lifetime), nil
}

func newTestTokens(s *countingSignIn) *tokenSource {
	return &tokenSource{signIn: s.signIn, now: s.clock.Now, refreshBefore: 3 * time.Minute}
}

// bearer authorizes one request in a fresh call context and returns the token sent.
func bearer(t *testing.T, ctx context.Context, ts *tokenSource) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
	if err := ts.Authorize(ctx, req); err != nil {
		t.Errorf("Authorize: %v", err) // not Fatal: also called from goroutines
		return ""
	}
	return req.Header.Get("Authorization")
}

func TestTokenRefreshSchedule(t *testing.T) {
	tests := []struct {
		name      string
		lifetime  time.Duration
		advance   time.Duration
		wantToken string
		wantCalls int32
	}{
		{"fresh token reused", time.Hour, 50 * time.Minute, "Bearer tok-1", 1},
		{"refreshed a few minutes before expiry", time.Hour, 57*time.Minute + 1, "Bearer tok-2", 2},
		{"expired token replaced", time.Hour, 2 * time.Hour, "Bearer tok-2", 2},
		{"short token not refreshed in its first half", 2 * time.Minute, 59 * time.Second, "Bearer tok-1", 1},
		{"short token refreshed in its second half", 2 * time.Minute, 61 * time.Second, "Bearer tok-2", 2},
		{"token expired on arrival (clock ahead) used for a minute", -time.Hour, 59 * time.Second, "Bearer tok-1", 1},
		{"token expired on arrival (clock ahead) replaced after a minute", -time.Hour, time.Minute, "Bearer tok-2", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &countingSignIn{clock: fakeclock.New(), lifetime: tt.lifetime}
			ts := newTestTokens(s)
			ctx := context.Background()
			if got := bearer(t, ctx, ts); got != "Bearer tok-1" {
				t.Fatalf("first token = %q", got)
			}
			s.clock.Advance(tt.advance)
			if got := bearer(t, ctx, ts); got != tt.wantToken {
				t.Errorf("token after %v = %q, want %q", tt.advance, got, tt.wantToken)
			}
			if got := s.calls.Load(); got != tt.wantCalls {
				t.Errorf("sign-ins = %d, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestConcurrentCallersShareOneSignIn(t *testing.T) {
	s := &countingSignIn{clock: fakeclock.New(), lifetime: time.Hour, gate: make(chan struct{})}
	ts := newTestTokens(s)
	var wg sync.WaitGroup
	tokens := make([]string, 20)
	for i := range tokens {
		wg.Go(func() { tokens[i] = bearer(t, withAuthCall(context.Background()), ts) })
	}
	// Let the callers pile up behind the first sign-in, then release it.
	for s.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	close(s.gate)
	wg.Wait()
	if got := s.calls.Load(); got != 1 {
		t.Errorf("sign-ins = %d, want 1", got)
	}
	for i, tok := range tokens {
		if tok != "Bearer tok-1" {
			t.Errorf("caller %d got %q", i, tok)
		}
	}
}

func TestUnauthorizedRefreshesOncePerCall(t *testing.T) {
	s := &countingSignIn{clock: fakeclock.New(), lifetime: time.Hour}
	ts := newTestTokens(s)
	callA := withAuthCall(context.Background())
	callB := withAuthCall(context.Background())
	bearer(t, callA, ts)
	bearer(t, callB, ts) // both sent tok-1

	if !ts.Unauthorized(callA) {
		t.Fatal("first 401 of call A: want a retry")
	}
	if got := bearer(t, callA, ts); got != "Bearer tok-2" {
		t.Fatalf("call A after 401 sent %q, want tok-2", got)
	}
	// Call B's 401 was for tok-1, already replaced: retry without a new sign-in.
	if !ts.Unauthorized(callB) {
		t.Fatal("first 401 of call B: want a retry")
	}
	if got := bearer(t, callB, ts); got != "Bearer tok-2" {
		t.Fatalf("call B after 401 sent %q, want tok-2", got)
	}
	if got := s.calls.Load(); got != 2 {
		t.Errorf("sign-ins = %d, want 2", got)
	}
	if ts.Unauthorized(callA) {
		t.Error("second 401 of call A: want no more retries")
	}
}

func TestFailedRefreshKeepsValidToken(t *testing.T) {
	s := &countingSignIn{clock: fakeclock.New(), lifetime: time.Hour}
	ts := newTestTokens(s)
	ctx := context.Background()
	bearer(t, ctx, ts)
	s.fail.Store(true)
	s.clock.Advance(58 * time.Minute) // due for refresh, still valid
	if got := bearer(t, ctx, ts); got != "Bearer tok-1" {
		t.Fatalf("token = %q, want the still-valid tok-1", got)
	}
	if got := bearer(t, ctx, ts); got != "Bearer tok-1" || s.calls.Load() != 2 {
		t.Fatalf("token = %q after %d sign-ins; want tok-1 and no new attempt yet", got, s.calls.Load())
	}
	s.clock.Advance(5 * time.Minute) // expired now
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
	if err := ts.Authorize(ctx, req); err == nil {
		t.Fatal("expired token and failing sign-in: want an error")
	}
}

func TestSignInAbandonedByLeaderContext(t *testing.T) {
	s := &countingSignIn{clock: fakeclock.New(), lifetime: time.Hour, gate: make(chan struct{})}
	ts := newTestTokens(s)
	leaderCtx, cancel := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
		leaderErr <- ts.Authorize(leaderCtx, req)
	}()
	for s.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	follower := make(chan string, 1)
	go func() { follower <- bearer(t, context.Background(), ts) }()
	cancel()
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader error = %v, want context.Canceled", err)
	}
	close(s.gate) // the follower's own sign-in goes through
	if got := <-follower; got != "Bearer tok-2" {
		t.Errorf("follower token = %q, want tok-2", got)
	}
}
