package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
)

// maxInWindow returns the largest number of calls within any window of
// length w (a call at exactly t+w is outside the window starting at t).
func maxInWindow(calls []call, w time.Duration) int {
	best := 0
	for i := range calls {
		n := 0
		for j := i; j < len(calls) && calls[j].at.Sub(calls[i].at) < w; j++ {
			n++
		}
		best = max(best, n)
	}
	return best
}

func TestSlidingWindowPacing(t *testing.T) {
	tests := []struct {
		limit, requests int
	}{
		{limit: 1, requests: 4},
		{limit: 5, requests: 23},
		{limit: 20, requests: 100},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d per minute", tt.limit), func(t *testing.T) {
			s := &script{replies: []reply{{status: 200}}}
			c, clk := newTestClient(t, s, nil)
			start := clk.Now()
			for range tt.requests {
				if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list", Limit: tt.limit}, Method: "GET", Path: "/x"}, nil); err != nil {
					t.Fatal(err)
				}
			}
			calls := s.Calls()
			if got := maxInWindow(calls, time.Minute); got > tt.limit {
				t.Errorf("%d requests within one minute, limit %d", got, tt.limit)
			}
			// Not slower than needed: the windows after the first start
			// one minute plus the 5% margin apart.
			windows := (tt.requests - 1) / tt.limit
			want := time.Duration(windows) * (time.Minute + 3*time.Second)
			if got := calls[len(calls)-1].at.Sub(start); got != want {
				t.Errorf("last request at +%v, want +%v", got, want)
			}
		})
	}
}

func TestRateLimitHeaders(t *testing.T) {
	clkStart := fakeclock.Start()
	reset := strconv.FormatInt(clkStart.Add(10*time.Second).Unix(), 10)
	tests := []struct {
		name     string
		header   map[string]string
		wantWait time.Duration
	}{
		{"remaining 0 waits for reset", map[string]string{"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, 5 * time.Second},
		{"remaining left does not wait", map[string]string{"X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "3", "X-RateLimit-Reset": reset}, 0},
		{"garbage is ignored", map[string]string{"X-RateLimit-Limit": "x", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "soon"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []reply{{status: 200, header: tt.header}}}
			c, clk := newTestClient(t, s, nil)
			ctx := context.Background()
			req := Request{Endpoint: Endpoint{Name: "list"}, Method: "GET", Path: "/x"}
			if err := c.Do(ctx, req, nil); err != nil {
				t.Fatal(err)
			}
			clk.Sleep(ctx, 5*time.Second) // reset is now 5s away
			before := clk.Now()
			if err := c.Do(ctx, req, nil); err != nil {
				t.Fatal(err)
			}
			if got := clk.Now().Sub(before); got != tt.wantWait {
				t.Errorf("waited %v, want %v", got, tt.wantWait)
			}
		})
	}
}

func TestServerLimitReplacesDocumentedLimit(t *testing.T) {
	s := &script{replies: []reply{{status: 200, header: map[string]string{"X-RateLimit-Limit": "2"}}}}
	c, _ := newTestClient(t, s, nil)
	for range 6 {
		if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list", Limit: 50}, Method: "GET", Path: "/x"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := maxInWindow(s.Calls(), time.Minute); got != 2 {
		t.Errorf("%d requests in a minute, server said 2", got)
	}
}

func TestTooManyRequestsWaitsForServerHint(t *testing.T) {
	tests := []struct {
		name     string
		header   map[string]string
		wantWait time.Duration
	}{
		{"Retry-After-Ms", map[string]string{"Retry-After-Ms": "250", "Retry-After": "1"}, 250 * time.Millisecond},
		{"Retry-After seconds", map[string]string{"Retry-After": "7"}, 7 * time.Second},
		{"Retry-After capped", map[string]string{"Retry-After": "3600"}, 30 * time.Second},
		{"HTTP date", map[string]string{"Retry-After": fakeclock.Start().Add(9 * time.Second).Format(http.TimeFormat)}, 9 * time.Second},
		{"reset time", map[string]string{"X-RateLimit-Reset": strconv.FormatInt(fakeclock.Start().Add(4*time.Second).Unix(), 10)}, 4 * time.Second},
		{"no hint: backoff", nil, 125 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []reply{{status: 429, header: tt.header, body: `{"detail":"Too many requests"}`}, {status: 201}}}
			c, clk := newTestClient(t, s, func(o *Options) { o.MaxRetryAfter = 30 * time.Second })
			start := clk.Now()
			err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "create"}, Method: "POST", Path: "/x", Retry: RetryRateLimited}, nil)
			if err != nil {
				t.Fatal(err)
			}
			calls := s.Calls()
			if len(calls) != 2 {
				t.Fatalf("%d calls", len(calls))
			}
			if got := calls[1].at.Sub(start); got != tt.wantWait {
				t.Errorf("retried after %v, want %v", got, tt.wantWait)
			}
		})
	}
}

// TestUnavailableWaitsForServerHint: a GET answered 503 with Retry-After is
// retried after that wait, not after the (shorter) backoff.
func TestUnavailableWaitsForServerHint(t *testing.T) {
	s := &script{replies: []reply{{status: 503, header: map[string]string{"Retry-After": "3"}}, {status: 200}}}
	c, clk := newTestClient(t, s, nil)
	start := clk.Now()
	if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list"}, Method: "GET", Path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	if len(calls) != 2 || calls[1].at.Sub(start) != 3*time.Second {
		t.Errorf("%d calls, retried after %v; want 2 calls, 3s", len(calls), calls[len(calls)-1].at.Sub(start))
	}
}

// TestEndpointsProceedIndependently holds one endpoint in a long 429 wait
// and checks that another endpoint is served meanwhile, and that the
// waiting request ends when its context is cancelled.
func TestEndpointsProceedIndependently(t *testing.T) {
	s := &script{replies: []reply{{status: 429, header: map[string]string{"Retry-After": "3600"}}, {status: 200}}}
	waiting := make(chan struct{})
	c, err := New(Options{
		BaseURL: "https://api.example.test", HTTPClient: &http.Client{Transport: s}, MaxRetryAfter: time.Hour,
		Sleep: func(ctx context.Context, d time.Duration) error {
			close(waiting)
			<-ctx.Done()
			return ctx.Err()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- c.Do(ctx, Request{Endpoint: Endpoint{Name: "create"}, Method: "POST", Path: "/a", Retry: RetryRateLimited}, nil)
	}()
	<-waiting
	if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list"}, Method: "GET", Path: "/b"}, nil); err != nil {
		t.Fatalf("other endpoint blocked: %v", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) || !IsRateLimited(err) {
		t.Errorf("waiting request ended with %v", err)
	}
}

func TestPacerReserveWaits(t *testing.T) {
	p := newPacer(2, time.Second) // margin 50ms
	t0 := fakeclock.Start()
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	first, w := p.reserve(at(0))
	if w != 0 {
		t.Fatal("first reserve waits")
	}
	second, w := p.reserve(at(100))
	if w != 0 {
		t.Fatal("second reserve waits")
	}
	// Both in flight: their end is unknown, so poll every margin.
	if _, w := p.reserve(at(200)); w != 50*time.Millisecond {
		t.Errorf("reserve behind requests in flight waits %v, want 50ms", w)
	}
	p.finish(first, at(10))
	p.finish(second, at(700)) // a slow answer: its slot counts from its end
	if _, w := p.reserve(at(200)); w != 860*time.Millisecond {
		t.Errorf("third reserve waits %v, want 860ms", w)
	}
	third, w := p.reserve(at(1060))
	if w != 0 {
		t.Errorf("reserve after the first slot expired waits %v", w)
	}
	p.finish(third, at(1061))
	if _, w := p.reserve(at(1100)); w != 650*time.Millisecond {
		t.Errorf("reserve behind the slow slot waits %v, want 650ms", w)
	}
}

func TestPacerLogStaysSmall(t *testing.T) {
	tests := []struct {
		limit, max int
	}{
		{limit: 0, max: 2 * unlimitedLog},
		{limit: 5, max: 10},
	}
	for _, tt := range tests {
		p := newPacer(tt.limit, time.Hour)
		at := fakeclock.Start()
		for i := range 2500 {
			at = at.Add(time.Hour / 2000) // 2000 an hour: never waits without a limit
			id, wait := p.reserve(at)
			if wait > 0 && tt.limit == 0 {
				t.Fatalf("request %d waits %v with no limit", i, wait)
			}
			if wait > 0 {
				at = at.Add(wait)
				if id, wait = p.reserve(at); wait > 0 {
					t.Fatalf("second reserve waits %v", wait)
				}
			}
			p.finish(id, at)
		}
		if n := len(p.log); n > tt.max {
			t.Errorf("limit %d: log holds %d entries", tt.limit, n)
		}
	}
}
