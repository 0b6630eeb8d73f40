package apiclient

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// BenchmarkDo measures the client's own overhead per request (pacing,
// retry bookkeeping, JSON, counters) against an in-process emukit handler.
func BenchmarkDo(b *testing.B) {
	kit := emukit.New(emukit.Options{NoRateLimits: true})
	h := kit.Wrap(emukit.Endpoint{Name: "list"}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		emukit.WriteJSON(w, http.StatusOK, map[string]any{"items": []int{1, 2, 3}, "has_more": false})
	}))
	c, err := New(Options{BaseURL: "http://127.0.0.1", HTTPClient: &http.Client{Transport: emukit.Transport(h)}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var out struct{ Items []int }
	for b.Loop() {
		if err := c.Do(ctx, Request{Endpoint: Endpoint{Name: "list"}, Method: "GET", Path: "/x"}, &out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPacerReserve measures one reservation against a full log of a
// large server limit (the sliding-window log is scanned per request).
func BenchmarkPacerReserve(b *testing.B) {
	p := newPacer(1000, time.Minute)
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		t = t.Add(63 * time.Millisecond) // 1000 per minute plus margin: the log stays full
		id, wait := p.reserve(t)
		if wait > 0 {
			b.Fatalf("waited %v", wait)
		}
		p.finish(id, t)
	}
}
