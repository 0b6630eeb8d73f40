package apiclient

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewBaseURL(t *testing.T) {
	tests := []struct {
		url, want, wantErr string
	}{
		{url: "https://api.amigo.ai", want: "https://api.amigo.ai"},
		{url: "https://api.amigo.ai/v1/", want: "https://api.amigo.ai/v1"},
		{url: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{url: "http://127.3.4.5", want: "http://127.3.4.5"},
		{url: "http://localhost:9/", want: "http://localhost:9"},
		{url: "http://[::1]:8080", want: "http://[::1]:8080"},
		{url: "http://api.amigo.ai", wantErr: "plain http"},
		{url: "http://10.0.0.1", wantErr: "plain http"},
		{url: "http://localhost.evil.test", wantErr: "plain http"},
		{url: "ftp://api.amigo.ai", wantErr: "must start with https://"},
		{url: "api.amigo.ai", wantErr: "must start with https://"},
		{url: "", wantErr: "must start with https://"},
		{url: "https://", wantErr: "no host"},
		{url: "https://%zz", wantErr: "malformed"},
		{url: "https://user:pw@api.amigo.ai", wantErr: "credentials"},
		{url: "https://api.amigo.ai/?x=1", wantErr: "query"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			c, err := New(Options{BaseURL: tt.url})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New(%q) error = %v, want containing %q", tt.url, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "pw") {
					t.Errorf("error echoes the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New(%q): %v", tt.url, err)
			}
			if c.base != tt.want {
				t.Errorf("base = %q, want %q", c.base, tt.want)
			}
		})
	}
}

func TestDoSendsRequestAndDecodes(t *testing.T) {
	s := &script{replies: []reply{{status: 201, body: `{"id":"a1","n":3}`}}}
	c, _ := newTestClient(t, s, func(o *Options) { o.UserAgent = "test-agent" })
	var out struct {
		ID string `json:"id"`
		N  int    `json:"n"`
	}
	err := c.Do(context.Background(), Request{
		Endpoint: Endpoint{Name: "create thing"}, Method: "POST", Path: "/v1/things",
		Query: url.Values{"version": {"3"}}, Body: map[string]string{"name": "x"}, Retry: RetryRateLimited,
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.ID != "a1" || out.N != 3 {
		t.Errorf("decoded %+v", out)
	}
	got := s.Calls()[0]
	if got.url != "https://api.example.test/base/v1/things?version=3" || got.method != "POST" || got.body != `{"name":"x"}` {
		t.Errorf("sent %s %s %s", got.method, got.url, got.body)
	}
	if got.header.Get("Content-Type") != "application/json" || got.header.Get("User-Agent") != "test-agent" {
		t.Errorf("headers %v", got.header)
	}
}

func TestDoRejectsBadInput(t *testing.T) {
	s := &script{replies: []reply{{status: 200, body: `not json`}}}
	c, _ := newTestClient(t, s, nil)
	ctx := context.Background()
	if err := c.Do(ctx, Request{Method: "GET", Path: "no-slash"}, nil); err == nil {
		t.Error("relative path accepted")
	}
	if err := c.Do(ctx, Request{Method: "POST", Path: "/x", Body: func() {}}, nil); err == nil {
		t.Error("unencodable body accepted")
	}
	var out map[string]any
	err := c.Do(ctx, Request{Endpoint: Endpoint{Name: "get x"}, Method: "GET", Path: "/x"}, &out)
	if err == nil || !strings.Contains(err.Error(), "get x: decode 200 answer") {
		t.Errorf("bad JSON answer: %v", err)
	}
}

func TestRetryPolicy(t *testing.T) {
	ok := reply{status: 200, body: `{}`}
	tests := []struct {
		name      string
		mode      RetryMode
		replies   []reply
		wantCalls int
		wantErr   string // "" = success
		wantIs    error
	}{
		{"GET retries 503 then succeeds", RetryIdempotent, []reply{{status: 503}, {status: 503}, ok}, 3, "", nil},
		{"GET retries every retryable status", RetryIdempotent, []reply{{status: 408}, {status: 429}, {status: 500}, {status: 502}, {status: 504}, ok}, 6, "", nil},
		{"GET retries network errors", RetryIdempotent, []reply{{err: errReset}, ok}, 2, "", nil},
		{"GET gives up", RetryIdempotent, []reply{{status: 503, body: `{"detail":"Maintenance"}`}}, 6, "giving up after 6 attempts: op: 503 Service Unavailable: Maintenance", ErrUnavailable},
		{"GET does not retry 404", RetryIdempotent, []reply{{status: 404}}, 1, "op: 404 Not Found", ErrNotFound},
		{"GET does not retry 400", RetryIdempotent, []reply{{status: 400}, ok}, 1, "op: 400 Bad Request", ErrBadRequest},
		{"write retries 429", RetryRateLimited, []reply{{status: 429}, {status: 429}, ok}, 3, "", nil},
		{"write does not retry 503", RetryRateLimited, []reply{{status: 503}, ok}, 1, "op: 503", ErrUnavailable},
		{"write does not retry 500", RetryRateLimited, []reply{{status: 500}, ok}, 1, "op: 500", nil},
		{"write does not retry network errors", RetryRateLimited, []reply{{err: errReset}, ok}, 1, "connection reset", nil},
		{"write does not retry 409", RetryRateLimited, []reply{{status: 409}, ok}, 1, "op: 409", ErrConflict},
		{"guarded write retries 503 and resets", RetryGuarded, []reply{{status: 503}, {err: errReset}, ok}, 3, "", nil},
		{"write gives up on 429", RetryRateLimited, []reply{{status: 429}}, 6, "giving up after 6 attempts", ErrRateLimited},
	}
	t.Run("one attempt gives up nothing", func(t *testing.T) {
		s := &script{replies: []reply{{status: 503}}}
		c, _ := newTestClient(t, s, func(o *Options) { o.MaxAttempts = 1 })
		err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "op"}, Method: "GET", Path: "/x"}, nil)
		if err == nil || err.Error() != "op: 503 Service Unavailable" || len(s.Calls()) != 1 {
			t.Errorf("error = %v after %d calls", err, len(s.Calls()))
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: tt.replies}
			c, _ := newTestClient(t, s, func(o *Options) { o.MaxAttempts = 6 })
			err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "op"}, Method: "POST", Path: "/x", Body: map[string]int{"a": 1}, Retry: tt.mode}, nil)
			if n := len(s.Calls()); n != tt.wantCalls {
				t.Errorf("%d calls, want %d", n, tt.wantCalls)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want containing %q", err, tt.wantErr)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) is false", err, tt.wantIs)
			}
		})
	}
}

func TestRetryRewindsBody(t *testing.T) {
	s := &script{replies: []reply{{status: 503}, {err: errReset}, {status: 201}}}
	c, _ := newTestClient(t, s, nil)
	body := map[string]string{"description": strings.Repeat("long text ", 100)}
	if err := c.Do(context.Background(), Request{Method: "POST", Path: "/x", Body: body, Retry: RetryGuarded}, nil); err != nil {
		t.Fatal(err)
	}
	calls := s.Calls()
	for i, cl := range calls {
		if cl.body != calls[0].body || len(cl.body) < 1000 {
			t.Errorf("attempt %d sent %d bytes, first sent %d", i+1, len(cl.body), len(calls[0].body))
		}
	}
}

func TestBackoffIsCappedFullJitter(t *testing.T) {
	s := &script{replies: []reply{{status: 503}}}
	c, clk := newTestClient(t, s, func(o *Options) {
		o.MaxAttempts = 6
		o.BackoffBase = 100 * time.Millisecond
		o.BackoffMax = 500 * time.Millisecond
		o.Rand = func() float64 { return 0.5 }
	})
	_ = c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil)
	want := []time.Duration{50, 100, 200, 250, 250}
	got := clk.Sleeps()
	if len(got) != len(want) {
		t.Fatalf("sleeps %v, want %v ms", got, want)
	}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Errorf("sleep %d = %v, want %v", i, got[i], want[i]*time.Millisecond)
		}
	}
}

// fakeAuth counts calls and can refresh its credential once.
type fakeAuth struct {
	token        atomic.Value
	refresh      bool
	unauthorized atomic.Int32
}

func (a *fakeAuth) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+a.token.Load().(string))
	return nil
}

func (a *fakeAuth) Unauthorized(context.Context) bool {
	a.unauthorized.Add(1)
	if a.refresh {
		a.token.Store("fresh-token")
	}
	return a.refresh
}

func TestUnauthorizedRefreshesOnce(t *testing.T) {
	tests := []struct {
		name        string
		refresh     bool
		replies     []reply
		wantCalls   int
		wantErr     bool
		wantLastTok string
	}{
		{"refresh then success", true, []reply{{status: 401}, {status: 200}}, 2, false, "fresh-token"},
		{"refresh but still 401", true, []reply{{status: 401}}, 2, true, "fresh-token"},
		{"no refresh possible", false, []reply{{status: 401}, {status: 200}}, 1, true, "stale-token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &fakeAuth{refresh: tt.refresh}
			a.token.Store("stale-token")
			s := &script{replies: tt.replies}
			c, _ := newTestClient(t, s, func(o *Options) { o.Auth = a })
			err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil)
			if (err != nil) != tt.wantErr || (err != nil && !IsUnauthorized(err)) {
				t.Fatalf("error = %v", err)
			}
			calls := s.Calls()
			if len(calls) != tt.wantCalls || a.unauthorized.Load() != 1 {
				t.Fatalf("%d calls, %d Unauthorized calls", len(calls), a.unauthorized.Load())
			}
			if got := calls[len(calls)-1].header.Get("Authorization"); got != "Bearer "+tt.wantLastTok {
				t.Errorf("last Authorization = %q", got)
			}
		})
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	var calls atomic.Int32
	block := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		calls.Add(1)
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	c, err := New(Options{
		BaseURL: "https://api.example.test", HTTPClient: &http.Client{Transport: block},
		Timeout: 5 * time.Millisecond, MaxAttempts: 3, BackoffBase: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "slow"}, Method: "GET", Path: "/x"}, nil)
	if err == nil || !strings.Contains(err.Error(), "giving up after 3 attempts") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v", err)
	}
	if calls.Load() != 3 {
		t.Errorf("%d calls", calls.Load())
	}
	if got := c.Stats()["slow"][0]; got != 3 {
		t.Errorf("network errors counted %d", got)
	}
}

func TestCancelledContextStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &script{replies: []reply{{status: 503}}}
	c, _ := newTestClient(t, s, func(o *Options) {
		o.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	})
	err := c.Do(ctx, Request{Method: "GET", Path: "/x"}, nil)
	if !errors.Is(err, context.Canceled) || len(s.Calls()) != 1 {
		t.Errorf("error = %v after %d calls", err, len(s.Calls()))
	}
}

// TestCancelledContextSendsNothing: a request whose context is already done
// never reaches the transport, even one that ignores the context.
func TestCancelledContextSendsNothing(t *testing.T) {
	tests := []struct {
		name   string
		cancel func() (context.Context, context.CancelFunc)
		want   error
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
		{"past deadline", func() (context.Context, context.CancelFunc) {
			return context.WithDeadline(context.Background(), time.Unix(0, 0))
		}, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []reply{{status: 200}}}
			c, _ := newTestClient(t, s, nil)
			ctx, cancel := tt.cancel()
			defer cancel()
			err := c.Do(ctx, Request{Endpoint: Endpoint{Name: "list agents"}, Method: "GET", Path: "/x"}, nil)
			if !errors.Is(err, tt.want) || err.Error() != "list agents: not sent: "+tt.want.Error() {
				t.Errorf("error = %v, want list agents: not sent: %v", err, tt.want)
			}
			if n := len(s.Calls()); n != 0 || c.Stats().Total(200) != 0 {
				t.Errorf("%d requests sent, stats %v; want none", n, c.Stats())
			}
		})
	}
}

func TestStats(t *testing.T) {
	s := &script{replies: []reply{{status: 503}, {status: 200}, {status: 404}, {err: errReset}, {status: 200}}}
	c, _ := newTestClient(t, s, nil)
	ctx := context.Background()
	_ = c.Do(ctx, Request{Endpoint: Endpoint{Name: "list agents"}, Method: "GET", Path: "/a"}, nil)
	_ = c.Do(ctx, Request{Endpoint: Endpoint{Name: "get agent"}, Method: "GET", Path: "/a/1"}, nil)
	_ = c.Do(ctx, Request{Endpoint: Endpoint{Name: "create agent"}, Method: "POST", Path: "/a", Retry: RetryRateLimited}, nil)
	st := c.Stats()
	want := "create agent: error×1\nget agent: 404×1\nlist agents: 200×1 503×1\n"
	if st.String() != want {
		t.Errorf("Stats:\n%s\nwant:\n%s", st, want)
	}
	if st.Total(200) != 1 || st.Total(0) != 1 {
		t.Errorf("totals: %d %d", st.Total(200), st.Total(0))
	}
	st["list agents"][200] = 99 // a copy: must not change the client's counters
	if c.Stats()["list agents"][200] != 1 {
		t.Error("Stats returned the live map")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
