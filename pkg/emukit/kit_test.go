package emukit

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
)

// okHandler answers 200 {"ok":true} and counts how often it ran.
type okHandler struct {
	mu   sync.Mutex
	runs int
}

func (h *okHandler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	h.mu.Lock()
	h.runs++
	h.mu.Unlock()
	WriteJSON(w, http.StatusOK, map[string]bool{"ok": true})
}

func (h *okHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.runs
}

// do serves one GET through h and returns the recorded response.
func do(t *testing.T, h http.Handler) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	return rec
}

func detail(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct{ Detail string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q is not a detail object: %v", rec.Body.String(), err)
	}
	return body.Detail
}

func TestRateLimitWindows(t *testing.T) {
	// The Kit starts at 1000.25s; windows are 10s: [1000.25, 1010.25), ...
	start := time.Unix(1000, 250_000_000)
	type step struct {
		at            time.Duration // after start
		wantStatus    int
		wantRemaining string
		wantReset     string
		wantRetry     string
		wantRetryMs   string
	}
	tests := []struct {
		name  string
		limit int
		steps []step
	}{
		{"limit then reset at the window edge", 2, []step{
			{0, 200, "1", "1011", "", ""},
			{time.Second, 200, "0", "1011", "", ""},
			{2 * time.Second, 429, "0", "1011", "8", "8000"},
			{9*time.Second + 999*time.Millisecond, 429, "0", "1011", "1", "1"},
			{10 * time.Second, 200, "1", "1021", "", ""},
		}},
		{"idle windows are skipped", 1, []step{
			{0, 200, "0", "1011", "", ""},
			{35 * time.Second, 200, "0", "1041", "", ""},
			{36*time.Second + 500*time.Millisecond, 429, "0", "1041", "4", "3500"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := fakeclock.New(fakeclock.At(start))
			k := New(Options{Window: 10 * time.Second, Now: clock.Now})
			h := &okHandler{}
			wrapped := k.Wrap(Endpoint{Name: "agents.create", Limit: tt.limit}, h)
			for i, s := range tt.steps {
				clock.Set(start.Add(s.at))
				rec := do(t, wrapped)
				hdr := rec.Result().Header
				if rec.Code != s.wantStatus {
					t.Fatalf("step %d: status %d, want %d", i, rec.Code, s.wantStatus)
				}
				got := []string{hdr.Get("X-RateLimit-Limit"), hdr.Get("X-RateLimit-Remaining"), hdr.Get("X-RateLimit-Reset"), hdr.Get("Retry-After"), hdr.Get("Retry-After-Ms")}
				want := []string{strconv.Itoa(tt.limit), s.wantRemaining, s.wantReset, s.wantRetry, s.wantRetryMs}
				for j := range got {
					if got[j] != want[j] {
						t.Errorf("step %d: headers %q, want %q", i, got, want)
						break
					}
				}
				if s.wantStatus == 429 {
					if d, want := detail(t, rec), "The user has exceeded the rate limit of 1 requests per minute for this endpoint."; tt.limit == 1 && d != want {
						t.Errorf("step %d: detail %q, want %q", i, d, want)
					}
				}
			}
		})
	}
}

func TestRateLimitClassesAreSeparate(t *testing.T) {
	clock := fakeclock.New(fakeclock.At(time.Unix(0, 0)))
	k := New(Options{Window: time.Minute, Now: clock.Now})
	h := &okHandler{}
	a := k.Wrap(Endpoint{Name: "a", Limit: 1}, h)
	a2 := k.Wrap(Endpoint{Name: "a", Limit: 1}, h)
	b := k.Wrap(Endpoint{Name: "b", Limit: 1}, h)
	free := k.Wrap(Endpoint{Name: "free"}, h)
	tests := []struct {
		name    string
		h       http.Handler
		want    int
		headers bool
	}{
		{"a first", a, 200, true},
		{"a shares budget with a2", a2, 429, true},
		{"b has its own", b, 200, true},
		{"unlimited", free, 200, false},
		{"unlimited again", free, 200, false},
	}
	for _, tt := range tests {
		rec := do(t, tt.h)
		if rec.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.want)
		}
		if has := rec.Header().Get("X-RateLimit-Limit") != ""; has != tt.headers {
			t.Errorf("%s: rate-limit headers present=%v, want %v", tt.name, has, tt.headers)
		}
	}
	if h.count() != 4 {
		t.Errorf("handler ran %d times, want 4 (the 429 must not run it)", h.count())
	}
}

func TestNoRateLimits(t *testing.T) {
	k := New(Options{NoRateLimits: true})
	h := k.Wrap(Endpoint{Name: "a", Limit: 1}, &okHandler{})
	for i := range 5 {
		rec := do(t, h)
		if rec.Code != 200 || rec.Header().Get("X-RateLimit-Limit") != "" {
			t.Fatalf("request %d: status %d, limit header %q; want 200 and none", i, rec.Code, rec.Header().Get("X-RateLimit-Limit"))
		}
	}
}

// TestSetRateLimits turns limits on and off at run time: requests served
// while they are off count in no window.
func TestSetRateLimits(t *testing.T) {
	k := New(Options{NoRateLimits: true, Now: func() time.Time { return time.Unix(1000, 0) }})
	h := k.Wrap(Endpoint{Name: "a", Limit: 2}, &okHandler{})
	steps := []struct {
		name    string
		on      bool
		want    int
		headers bool
	}{
		{"off", false, 200, false},
		{"off, over the limit", false, 200, false},
		{"off, further over", false, 200, false},
		{"on: the first of the window", true, 200, true},
		{"on: the second", true, 200, true},
		{"on: over the limit", true, 429, true},
		{"off again", false, 200, false},
	}
	for _, s := range steps {
		k.SetRateLimits(s.on)
		rec := do(t, h)
		if rec.Code != s.want {
			t.Errorf("%s: status %d, want %d", s.name, rec.Code, s.want)
		}
		if has := rec.Header().Get("X-RateLimit-Limit") != ""; has != s.headers {
			t.Errorf("%s: rate-limit headers present=%v, want %v", s.name, has, s.headers)
		}
	}
}

func TestRequestIDsAndStats(t *testing.T) {
	k := New(Options{})
	h := k.Wrap(Endpoint{Name: "list", Limit: 2}, &okHandler{})
	var ids []string
	for range 3 {
		ids = append(ids, do(t, h).Header().Get("X-Request-Id"))
	}
	want := []string{"req-000001", "req-000002", "req-000003"}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("request ids %q, want %q", ids, want)
		}
	}
	st := k.Stats()
	if st["list"][200] != 2 || st["list"][429] != 1 || st.Total() != 3 {
		t.Errorf("stats %v, want list: 200×2, 429×1", st)
	}
	st["list"][200] = 99
	if k.Stats()["list"][200] != 2 {
		t.Error("Stats is not a deep copy: changing it changed the Kit")
	}
}

func TestCustomErrorBodyAndLatency(t *testing.T) {
	clock := fakeclock.New()
	k := New(Options{
		Now:       clock.Now,
		Sleep:     clock.SleepFunc(),
		Faults:    Faults{Rate503: 1, Latency: 50 * time.Millisecond},
		ErrorBody: func(status int, msg string) any { return map[string]any{"code": status, "message": msg} },
	})
	rec := do(t, k.Wrap(Endpoint{Name: "a"}, &okHandler{}))
	if rec.Code != 503 {
		t.Fatalf("status %d, want 503", rec.Code)
	}
	var body struct {
		Code    int
		Message string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Code != 503 || body.Message != MaintenanceMessage {
		t.Errorf("body %s (%v), want the custom error body", rec.Body.String(), err)
	}
	if slept := clock.Sleeps(); len(slept) != 1 || slept[0] != 50*time.Millisecond {
		t.Errorf("slept %v, want [50ms]", slept)
	}
}

func TestConcurrentRequestsRespectLimit(t *testing.T) {
	clock := fakeclock.New(fakeclock.At(time.Unix(0, 0)))
	k := New(Options{Now: clock.Now})
	h := &okHandler{}
	wrapped := k.Wrap(Endpoint{Name: "a", Limit: 7}, h)
	srv := httptest.NewServer(wrapped)
	defer srv.Close()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	wg.Wait()
	st := k.Stats()
	if st["a"][200] != 7 || st["a"][429] != 13 || h.count() != 7 {
		t.Errorf("stats %v, handler runs %d; want 7×200, 13×429", st, h.count())
	}
}

// A request that read the clock before a window boundary but reached the
// window table after a request of the next window must not reopen the old
// window: that would forget what the new one counted and let more than the
// limit through it.
func TestRateLimitLateRequestDoesNotReopenAnOldWindow(t *testing.T) {
	start := time.Unix(1000, 0)
	clock := fakeclock.New(fakeclock.At(start))
	k := New(Options{Window: 10 * time.Second, Now: clock.Now})
	ep := Endpoint{Name: "agents.list", Limit: 2}
	steps := []struct {
		at      time.Duration // the request's reading of the clock, after start
		allowed bool
	}{
		{15 * time.Second, true},
		{16 * time.Second, true},
		{9 * time.Second, false}, // late: window 1 is full
		{17 * time.Second, false},
	}
	for i, s := range steps {
		clock.Set(start.Add(s.at))
		if q := k.rate(ep, true); q.allowed != s.allowed {
			t.Errorf("step %d (clock %v): allowed %v, want %v", i, s.at, q.allowed, s.allowed)
		}
	}
}
