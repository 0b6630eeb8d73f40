package apiclient

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
)

// reply describes one scripted answer; err set means a network error.
type reply struct {
	status int
	header map[string]string
	body   string
	err    error
}

// call records what the transport received.
type call struct {
	method, url, body string
	header            http.Header
	at                time.Time
}

// script is an http.RoundTripper that answers from a list of replies (the
// last one repeats) and records every request.
type script struct {
	mu      sync.Mutex
	replies []reply
	calls   []call
	now     func() time.Time
}

func (s *script) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	s.mu.Lock()
	at := time.Time{}
	if s.now != nil {
		at = s.now()
	}
	s.calls = append(s.calls, call{req.Method, req.URL.String(), string(body), req.Header.Clone(), at})
	r := s.replies[0]
	if len(s.replies) > 1 {
		s.replies = s.replies[1:]
	}
	s.mu.Unlock()
	if r.err != nil {
		return nil, r.err
	}
	h := http.Header{}
	for k, v := range r.header {
		h.Set(k, v)
	}
	return &http.Response{
		StatusCode: r.status,
		Header:     h,
		Body:       io.NopCloser(strings.NewReader(r.body)),
		Request:    req,
	}, nil
}

func (s *script) Calls() []call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]call(nil), s.calls...)
}

var errReset = errors.New("connection reset by peer")

// newTestClient builds a client on a scripted transport and a fake clock.
func newTestClient(t *testing.T, s *script, mod func(*Options)) (*Client, *fakeclock.Clock) {
	t.Helper()
	clk := fakeclock.New()
	if s.now == nil {
		s.now = clk.Now
	}
	o := Options{
		BaseURL:    "https://api.example.test/base/",
		HTTPClient: &http.Client{Transport: s},
		Now:        clk.Now,
		Sleep:      clk.Sleep,
		Rand:       func() float64 { return 0.5 },
	}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, clk
}
