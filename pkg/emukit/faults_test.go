package emukit

import (
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

// outcomes runs n requests through the Kit in-process and counts statuses
// (0 = dropped).
func outcomes(t *testing.T, k *Kit, h http.Handler, n int) map[int]int {
	t.Helper()
	client := &http.Client{Transport: Transport(k.Wrap(Endpoint{Name: "e"}, h))}
	got := map[int]int{}
	for range n {
		resp, err := client.Get("http://emulator.test/x")
		if err != nil {
			if !errors.Is(err, ErrDropped) {
				t.Fatalf("error %v, want one wrapping ErrDropped", err)
			}
			got[0]++
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got[resp.StatusCode]++
	}
	return got
}

func TestFaultFractions(t *testing.T) {
	const n = 4000
	tests := []struct {
		name   string
		faults Faults
		want   map[int]float64 // status → expected fraction
		runs   float64         // expected fraction of requests that ran the handler
	}{
		{"none", Faults{Seed: 1}, map[int]float64{200: 1}, 1},
		{"503 only", Faults{Rate503: 0.1, Seed: 2}, map[int]float64{200: 0.9, 503: 0.1}, 0.9},
		{"429 only", Faults{Rate429: 0.25, Seed: 3}, map[int]float64{200: 0.75, 429: 0.25}, 0.75},
		{"drop before", Faults{DropBefore: 0.2, Seed: 4}, map[int]float64{200: 0.8, 0: 0.2}, 0.8},
		{"drop after runs the handler", Faults{DropAfter: 0.2, Seed: 5}, map[int]float64{200: 0.8, 0: 0.2}, 1},
		{"all", Faults{Rate503: 0.1, Rate429: 0.1, DropBefore: 0.1, DropAfter: 0.1, Seed: 6},
			map[int]float64{200: 0.6, 503: 0.1, 429: 0.1, 0: 0.2}, 0.7},
		{"everything fails", Faults{Rate503: 1, Seed: 7}, map[int]float64{503: 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := New(Options{Faults: tt.faults})
			h := &okHandler{}
			got := outcomes(t, k, h, n)
			for status, frac := range tt.want {
				if math.Abs(float64(got[status])/n-frac) > 0.03 {
					t.Errorf("status %d: %d of %d, want about %.2f", status, got[status], n, frac)
				}
			}
			for status := range got {
				if _, ok := tt.want[status]; !ok {
					t.Errorf("unexpected status %d (%d times)", status, got[status])
				}
			}
			if math.Abs(float64(h.count())/n-tt.runs) > 0.03 {
				t.Errorf("handler ran %d of %d times, want about %.2f", h.count(), n, tt.runs)
			}
			st := k.Stats()
			for status, c := range got {
				if st["e"][status] != c {
					t.Errorf("stats %v disagree with outcomes %v", st, got)
					break
				}
			}
		})
	}
}

func TestFaultsAreDeterministic(t *testing.T) {
	f := Faults{Rate503: 0.2, Rate429: 0.2, DropBefore: 0.1, DropAfter: 0.1, Seed: 42}
	sequence := func(k *Kit) string {
		client := &http.Client{Transport: Transport(k.Wrap(Endpoint{Name: "e"}, &okHandler{}))}
		var b strings.Builder
		for range 200 {
			resp, err := client.Get("http://emulator.test/")
			if err != nil {
				b.WriteString("D")
				continue
			}
			resp.Body.Close()
			b.WriteString(resp.Status[:3] + ",")
		}
		return b.String()
	}
	a, b := New(Options{Faults: f}), New(Options{Faults: f})
	first := sequence(a)
	if first != sequence(b) {
		t.Fatal("two Kits with the same seed produced different fault sequences")
	}
	a.SetFaults(f)
	if sequence(a) != first {
		t.Error("SetFaults with the same seed did not restart the sequence")
	}
	f.Seed = 43
	a.SetFaults(f)
	if sequence(a) == first {
		t.Error("a different seed produced the same sequence")
	}
	if a.Faults() != f {
		t.Errorf("Faults() = %+v, want %+v", a.Faults(), f)
	}
}

func TestInjectedErrorsCarryHeaders(t *testing.T) {
	tests := []struct {
		name        string
		faults      Faults
		window      time.Duration
		wantStatus  int
		wantDetail  string
		wantRetry   string
		wantRetryMs string
	}{
		{"503", Faults{Rate503: 1}, time.Minute, 503, MaintenanceMessage, "", ""},
		{"429", Faults{Rate429: 1}, time.Minute, 429, "The user has exceeded the rate limit of 5 requests per minute for this endpoint.", "1", "1000"},
		{"429 in a short window", Faults{Rate429: 1}, 200 * time.Millisecond, 429, "The user has exceeded the rate limit of 5 requests per minute for this endpoint.", "1", "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := New(Options{Faults: tt.faults, Window: tt.window})
			rec := do(t, k.Wrap(Endpoint{Name: "signin", Limit: 5}, &okHandler{}))
			if rec.Code != tt.wantStatus || detail(t, rec) != tt.wantDetail {
				t.Fatalf("got %d %q, want %d %q", rec.Code, detail(t, rec), tt.wantStatus, tt.wantDetail)
			}
			h := rec.Header()
			if h.Get("Retry-After") != tt.wantRetry || h.Get("Retry-After-Ms") != tt.wantRetryMs {
				t.Errorf("Retry-After %q / %q, want %q / %q", h.Get("Retry-After"), h.Get("Retry-After-Ms"), tt.wantRetry, tt.wantRetryMs)
			}
			if h.Get("X-RateLimit-Limit") != "5" || h.Get("X-RateLimit-Remaining") != "5" || h.Get("X-Request-Id") != "req-000001" {
				t.Errorf("headers %v: want limit 5, remaining 5 (a fault uses no budget), a request id", h)
			}
		})
	}
}
