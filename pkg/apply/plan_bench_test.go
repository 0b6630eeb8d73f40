package apply_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// The benchmarks of a plan's live read live here, beside apply's: apply
// seeds the organization they plan.

// benchOrg is the unchanged organization of issue #13's benchmark.
var benchOrg = orgSize{agents: 200, graphs: 200, states: 50, services: 100}

// benchListBound is the list lower bound for benchOrg per dialect
// (listBound computes it; the benchmark checks the two agree).
var benchListBound = map[spec.Dialect]int{spec.DialectClassic: 20, spec.DialectPlatform: 25}

// warmSlack is how far above the list bound a plan with a full version
// cache may go.
const warmSlack = 1.05

// paceSlack is how far above the pacing bound of its slowest endpoint a
// cold plan's wall time should stay. Wall time on a shared machine is
// noisy, so the benchmark reports the ratio and says whether it held,
// but fails only on request counts.
const paceSlack = 1.15

// ceilDiv is ⌈n/d⌉, at least 1: an empty list still costs one request.
func ceilDiv(n, d int) int { return max(1, (n+d-1)/d) }

// listBound is the fewest requests a plan of an org of size can make:
// every list walked at its endpoint's largest page, plus Classic's one
// sign-in.
func listBound(d spec.Dialect, size orgSize) int {
	if d == spec.DialectClassic {
		// Pages of at most 20 agents, 50 SHSMs and 20 services
		// (classic-openapi.json), and one sign-in: for benchOrg
		// ⌈200/20⌉ + ⌈200/50⌉ + ⌈100/20⌉ + 1 = 10 + 4 + 5 + 1 = 20.
		return ceilDiv(size.agents, classic.MaxAgentsPageSize) + ceilDiv(size.graphs, classic.MaxSHSMsPageSize) +
			ceilDiv(size.services, classic.MaxServicesPageSize) + 1
	}
	// platform-openapi.json caps `limit` at 20 (maximum: 20) on every list,
	// agents, context graphs and services alike, and there is no sign-in
	// (the workspace key is the bearer token): for benchOrg
	// ⌈200/20⌉ + ⌈200/20⌉ + ⌈100/20⌉ = 10 + 10 + 5 = 25. Context graphs
	// cost 6 pages more than on Classic, whose SHSM pages hold 50.
	return ceilDiv(size.agents, platform.MaxPageSize) + ceilDiv(size.graphs, platform.MaxPageSize) +
		ceilDiv(size.services, platform.MaxPageSize)
}

// seedOrg starts an emulator of dialect d on clock now (nil: the real
// one) with rate limits off and a rate window of window (for when they
// are turned on), writes an org of size and applies it. The seeding
// clients run on a fake clock, so their pacing costs no real time.
func seedOrg(t testing.TB, d spec.Dialect, size orgSize, window time.Duration, now func() time.Time) *world {
	t.Helper()
	fake := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	kit := emukit.Options{Window: window, NoRateLimits: true, Now: now}
	w := startWorld(t, d, clockOf{now: fake.Now, sleep: fake.Sleep, kit: kit})
	writeOrg(t, w.dir, d, size)
	w.apply(t, plan.Options{})
	return w
}

// readCost is what one plan cost.
type readCost struct {
	stats        apiclient.Stats
	requests     int
	wall         time.Duration
	hits, misses int64
}

// planOnce plans the unchanged org as a new process would: a new client
// on clock clk (it signs in again), the version cache c. A plan with
// steps or errors fails.
func planOnce(t testing.TB, w *world, bundle *spec.Bundle, clk clockOf, c *cache.Cache) readCost {
	t.Helper()
	b := w.connect(clk)
	before := c.Stats()
	start := time.Now()
	live, err := plan.ReadLive(context.Background(), b, bundle, plan.ReadOptions{Cache: c})
	if err != nil {
		t.Fatalf("read the live state: %v", err)
	}
	p, diags := plan.Make(bundle, live, plan.Options{})
	wall := time.Since(start)
	if diags.HasErrors() {
		t.Fatalf("plan: %v", diags)
	}
	if !p.Empty() {
		t.Fatalf("the org is unchanged, yet the plan has steps:\n%s", text(t, p))
	}
	st, after := b.Stats(), c.Stats()
	n := 0
	for _, byStatus := range st {
		for _, k := range byStatus {
			n += k
		}
	}
	return readCost{stats: st, requests: n, wall: wall, hits: after.Hits - before.Hits, misses: after.Misses - before.Misses}
}

// checkCosts fails unless the cold plan made the list bound plus exactly
// one version read per managed container (all cache misses) and the warm
// one at most warmSlack × the bound, with a hit for every container.
func checkCosts(t testing.TB, d spec.Dialect, size orgSize, cold, warm readCost) {
	t.Helper()
	bound := listBound(d, size)
	if want := bound + size.managed(); cold.requests != want {
		t.Errorf("%s cold plan: %d requests, want %d (%d list calls and sign-ins + %d version reads):\n%s",
			d, cold.requests, want, bound, size.managed(), cold.stats)
	}
	if cold.misses != int64(size.managed()) || cold.hits != 0 {
		t.Errorf("%s cold plan: %d cache misses and %d hits, want %d and 0", d, cold.misses, cold.hits, size.managed())
	}
	if limit := warmSlack * float64(bound); float64(warm.requests) > limit {
		t.Errorf("%s warm plan: %d requests, more than %.2f (%.2f × the list bound %d):\n%s",
			d, warm.requests, limit, warmSlack, bound, warm.stats)
	}
	if warm.hits != int64(size.managed()) || warm.misses != 0 {
		t.Errorf("%s warm plan: %d cache hits and %d misses, want %d and 0", d, warm.hits, warm.misses, size.managed())
	}
}

// paceBound is the least wall time Classic's documented limits allow for
// the requests in st, the bound of the slowest endpoint: n requests at
// limit per window cannot have their last batch start before
// ⌈n/limit⌉ − 1 windows (as BenchmarkApplyClassicVersions computes).
func paceBound(t testing.TB, st apiclient.Stats, window time.Duration) (time.Duration, string) {
	t.Helper()
	var bound time.Duration
	slowest := "none"
	for name, byStatus := range st {
		e, ok := classic.LookupEndpoint(name)
		if !ok {
			t.Fatalf("the Classic client counted requests to %q, an endpoint of no table", name)
		}
		n := 0
		for _, k := range byStatus {
			n += k
		}
		if e.Limit == 0 {
			continue
		}
		if d := time.Duration((n+e.Limit-1)/e.Limit-1) * window; d > bound {
			bound, slowest = d, fmt.Sprintf("%s (%d requests at %d per window)", name, n, e.Limit)
		}
	}
	return bound, slowest
}

// TestPlanRequestsTinyOrg runs the benchmarks' harness on a tiny org with
// no rate limits and counts every request exactly.
func TestPlanRequestsTinyOrg(t *testing.T) {
	tiny := orgSize{agents: 3, graphs: 3, states: 3, services: 2}
	tests := []struct {
		dialect          spec.Dialect
		bound, cold, big int
	}{
		// 1 agent page + 1 SHSM page + 1 service page + 1 sign-in; then 6 reads.
		{spec.DialectClassic, 4, 10, 20},
		// 1 page each of agents, context graphs and services; then 6 reads.
		{spec.DialectPlatform, 3, 9, 25},
	}
	for _, tt := range tests {
		t.Run(string(tt.dialect), func(t *testing.T) {
			t.Parallel()
			if got := listBound(tt.dialect, benchOrg); got != tt.big || got != benchListBound[tt.dialect] {
				t.Errorf("list bound of the benchmark's org: %d, want %d", got, tt.big)
			}
			if got := listBound(tt.dialect, tiny); got != tt.bound {
				t.Fatalf("list bound of the tiny org: %d, want %d", got, tt.bound)
			}
			w := seedOrg(t, tt.dialect, tiny, time.Minute, nil)
			bundle := w.bundle(t)
			fake := fakeclock.New(fakeclock.Ticking(time.Millisecond))
			clk := clockOf{now: fake.Now, sleep: fake.Sleep}
			c := cache.New(t.TempDir())
			cold := planOnce(t, w, bundle, clk, c)
			warm := planOnce(t, w, bundle, clk, c)
			checkCosts(t, tt.dialect, tiny, cold, warm)
			if cold.requests != tt.cold || warm.requests != tt.bound {
				t.Errorf("requests: cold %d, warm %d; want %d and %d\ncold:\n%swarm:\n%s",
					cold.requests, warm.requests, tt.cold, tt.bound, cold.stats, warm.stats)
			}
		})
	}
}

// BenchmarkPlanClassic plans benchOrg, unchanged, on a Classic emulator
// enforcing the documented limits on a one-second window (benchWindow):
// a cold plan (empty version cache) and a warm one (cache full). It fails
// when a request bound is broken and reports the wall time of the cold
// plan against the pacing bound of its slowest endpoint.
//
//	go test ./pkg/apply -run '^$' -bench PlanClassic -benchtime 1x
func BenchmarkPlanClassic(b *testing.B) { benchPlan(b, spec.DialectClassic) }

// BenchmarkPlanPlatform is BenchmarkPlanClassic on Platform. The Platform
// document publishes no rate limits (a bare 429 "Rate limited." on the
// skills operations only, no numbers), so its emulator serves none and
// this benchmark checks requests only; the wall time is reported as is.
//
//	go test ./pkg/apply -run '^$' -bench PlanPlatform -benchtime 1x
func BenchmarkPlanPlatform(b *testing.B) { benchPlan(b, spec.DialectPlatform) }

// secondAligned is the real clock shifted (by less than a second) so that
// its first reading, the emulator Kit's start and so the start of its
// rate-limit windows, is a whole second. The emulator reports a window's
// end in X-RateLimit-Reset as whole epoch seconds, rounded up, and the
// clients wait for it after an X-RateLimit-Remaining: 0; at a per-minute
// window that rounding costs at most 1/60 of a window, but at a one-second
// window it could cost up to a whole one. With windows starting on whole
// seconds the header is exact, as the rounding is at real scale. The
// emulator and the measured clients share this clock.
type secondAligned struct {
	once  sync.Once
	shift time.Duration
}

// Now returns the shifted time; the first call fixes the shift.
func (c *secondAligned) Now() time.Time {
	now := time.Now()
	c.once.Do(func() { c.shift = now.Truncate(time.Second).Add(time.Second).Sub(now) })
	return now.Add(c.shift)
}

// benchPlan seeds benchOrg with limits off, turns them on and measures
// b.N cold and warm plans, each by a new client on the real clock.
func benchPlan(b *testing.B, d spec.Dialect) {
	b.StopTimer() // only the plans are timed
	clock := &secondAligned{}
	w := seedOrg(b, d, benchOrg, benchWindow, clock.Now)
	w.kit.SetRateLimits(true)
	bundle := w.bundle(b)
	bound := listBound(d, benchOrg)
	if bound != benchListBound[d] {
		b.Fatalf("list bound %d, want the issue's %d", bound, benchListBound[d])
	}
	clk := clockOf{now: clock.Now, window: benchWindow}
	var cold, warm readCost
	var pace time.Duration
	var slowest string
	for range b.N {
		c := cache.New(b.TempDir())
		runs := [2]readCost{}
		for i := range runs {
			// Let the budgets of the seeding or the last plan run out: the
			// bound assumes a fresh window.
			time.Sleep(benchWindow + benchWindow/20)
			b.StartTimer()
			runs[i] = planOnce(b, w, bundle, clk, c)
			b.StopTimer()
		}
		checkCosts(b, d, benchOrg, runs[0], runs[1])
		if b.Failed() {
			b.FailNow()
		}
		if d == spec.DialectClassic {
			pace, slowest = paceBound(b, runs[0].stats, benchWindow)
		}
		cold.requests, cold.wall = cold.requests+runs[0].requests, cold.wall+runs[0].wall
		warm.requests, warm.wall = warm.requests+runs[1].requests, warm.wall+runs[1].wall
	}
	n := float64(b.N)
	b.ReportMetric(float64(bound), "bound-requests")
	b.ReportMetric(float64(cold.requests)/n, "cold-requests/op")
	b.ReportMetric(float64(cold.requests)/n/float64(bound+benchOrg.managed()), "cold-x-(bound+reads)")
	b.ReportMetric(float64(warm.requests)/n, "warm-requests/op")
	b.ReportMetric(float64(warm.requests)/n/float64(bound), "warm-x-bound")
	b.ReportMetric((cold.wall / time.Duration(b.N)).Seconds(), "cold-s/op")
	b.ReportMetric((warm.wall / time.Duration(b.N)).Seconds(), "warm-s/op")
	if d == spec.DialectClassic {
		ratio := float64(cold.wall/time.Duration(b.N)) / float64(pace)
		b.ReportMetric(ratio, "cold-x-pace-bound")
		verdict := "within"
		if ratio > paceSlack {
			verdict = "OVER"
		}
		b.Logf("cold wall time %.2f× the pace bound %s of %s: %s %.2f×", ratio, pace, slowest, verdict, paceSlack)
	}
	b.Logf("%s: cold %d requests in %s, warm %d requests in %s; list bound %d, %d version reads",
		d, cold.requests/b.N, (cold.wall / time.Duration(b.N)).Round(time.Millisecond),
		warm.requests/b.N, (warm.wall / time.Duration(b.N)).Round(time.Millisecond), bound, benchOrg.managed())
}
