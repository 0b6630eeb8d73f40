package apiclient

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// kitServer is one endpoint behind an emukit.Kit that shares the test's
// fake clock, so rate-limit windows pass without real waiting.
func kitServer(clk *fakeclock.Clock, limit int, window time.Duration, faults emukit.Faults) (*emukit.Kit, http.Handler) {
	kit := emukit.New(emukit.Options{Window: window, Now: clk.Now, Faults: faults, Sleep: clk.SleepFunc()})
	mux := http.NewServeMux()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		emukit.WriteJSON(w, http.StatusOK, map[string]any{"items": []int{}, "has_more": false})
	})
	mux.Handle("GET /list", kit.Wrap(emukit.Endpoint{Name: "list", Limit: limit}, ok))
	mux.Handle("POST /create", kit.Wrap(emukit.Endpoint{Name: "create"}, ok))
	return kit, mux
}

func kitClient(t *testing.T, clk *fakeclock.Clock, h http.Handler, window time.Duration) *Client {
	t.Helper()
	c, err := New(Options{
		BaseURL: "http://127.0.0.1", HTTPClient: &http.Client{Transport: emukit.Transport(h)},
		RateWindow: window, Now: clk.Now, Sleep: clk.Sleep, Rand: func() float64 { return 0.5 },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBurstAgainstEmukitGetsNo429 sends 100 list calls to an endpoint
// limited to 20 per 1-second window. The client knows no limit in advance
// and learns it from X-RateLimit-Limit. The misconfigured row (a client
// that believes the window is 1ms) shows the check can fail.
func TestBurstAgainstEmukitGetsNo429(t *testing.T) {
	tests := []struct {
		name         string
		workers      int
		documented   int // the limit the client is seeded with; 0 = learn it
		clientWindow time.Duration
		want429      bool
	}{
		{"sequential", 1, 0, time.Second, false},
		{"4 concurrent callers", 4, 0, time.Second, false},
		{"seeded with the documented limit", 4, 20, time.Second, false},
		{"misconfigured window", 1, 0, time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := fakeclock.New()
			kit, h := kitServer(clk, 20, time.Second, emukit.Faults{})
			c := kitClient(t, clk, h, tt.clientWindow)
			var wg sync.WaitGroup
			errs := make(chan error, 100)
			for range tt.workers {
				wg.Go(func() {
					for range 100 / tt.workers {
						errs <- c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list", Limit: tt.documented}, Method: "GET", Path: "/list"}, nil)
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			st := kit.Stats()
			if st["list"][200] != 100 {
				t.Errorf("server counted %v", st)
			}
			if got := st["list"][429]; (got > 0) != tt.want429 {
				t.Errorf("server answered %d × 429 (want some: %v)\n%s", got, tt.want429, st)
			}
		})
	}
}

// TestFaultsAgainstEmukit: reads get through injected 503s, 429s and
// dropped connections; a write whose connection drops after the server
// committed it is not sent again (the server sees each write once).
func TestFaultsAgainstEmukit(t *testing.T) {
	t.Run("GET through 503s, 429s and drops", func(t *testing.T) {
		clk := fakeclock.New()
		kit, h := kitServer(clk, 0, time.Second, emukit.Faults{Rate503: 0.2, DropBefore: 0.1, Rate429: 0.1, Seed: 7})
		c := kitClient(t, clk, h, time.Second)
		for i := range 50 {
			if err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "list"}, Method: "GET", Path: "/list"}, nil); err != nil {
				t.Fatalf("GET %d: %v", i, err)
			}
		}
		st := kit.Stats()
		if st["list"][200] != 50 || st["list"][503] == 0 || st["list"][0] == 0 || st["list"][429] == 0 {
			t.Errorf("server saw %v", st)
		}
		if got := c.Stats()["list"]; got[0] != st["list"][0] || got[503] != st["list"][503] {
			t.Errorf("client counted %v, server %v", got, st["list"])
		}
	})
	t.Run("POST dropped after commit is not resent", func(t *testing.T) {
		clk := fakeclock.New()
		kit, h := kitServer(clk, 0, time.Second, emukit.Faults{DropAfter: 0.3, Seed: 3})
		c := kitClient(t, clk, h, time.Second)
		failed := 0
		for i := range 50 {
			err := c.Do(context.Background(), Request{Endpoint: Endpoint{Name: "create"}, Method: "POST", Path: "/create", Body: map[string]int{"n": i}, Retry: RetryRateLimited}, nil)
			switch {
			case IsNetwork(err) && IsUncertain(err):
				failed++
			case err != nil:
				t.Fatalf("POST %d: %v", i, err)
			}
		}
		st := kit.Stats()["create"]
		if failed == 0 || st[0] != failed || st[0]+st[200] != 50 {
			t.Errorf("%d POSTs failed; server saw %v", failed, st)
		}
	})
}
