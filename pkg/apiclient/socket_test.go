package apiclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestRealSocketDroppedConnection runs over a loopback socket: the server
// closes the first connection without answering; the GET is retried and
// succeeds, the POST is not retried.
func TestRealSocketDroppedConnection(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		w.Header().Set("X-Request-Id", "req-000002")
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	defer srv.Close()
	c, err := New(Options{BaseURL: srv.URL, HTTPClient: srv.Client(), BackoffBase: 1})
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ OK bool }
	if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "get"}, Method: "GET", Path: "/x"}, &out); err != nil || !out.OK {
		t.Fatalf("GET: %v, %+v", err, out)
	}
	err = c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "post"}, Method: "POST", Path: "/x", Body: map[string]int{"a": 1}, Retry: RetryRateLimited}, nil)
	if !IsNetwork(err) {
		t.Fatalf("POST on a dropped connection: %v", err)
	}
	if got := c.Stats().String(); got != "get: error×1 200×1\npost: error×1\n" {
		t.Errorf("stats:\n%s", got)
	}
}
