package emukit

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Endpoint names a rate-limit class and its documented limit per window
// (0 = not limited). Endpoints sharing a Name share one budget.
type Endpoint struct {
	Name  string // rate-limit class and counter key, e.g. "agents.create"
	Limit int    // requests per window; 0 = not limited
}

// Faults are the fractions (0..1) of requests that get an injected fault,
// one field per [FaultKind], plus a latency added to every request.
// Decisions are deterministic given Seed and the order of requests. The
// fractions are exclusive bands of one draw per request, so their sum is
// the fraction of requests faulted. [FaultSettings] builds them from one
// rate shared by some kinds.
type Faults struct {
	Rate503    float64       // answered 503 (maintenance) without running the handler
	Rate429    float64       // answered 429 with Retry-After without running the handler
	DropBefore float64       // connection aborted before the handler runs: nothing changed
	DropAfter  float64       // handler runs and commits, then the connection is aborted
	Latency    time.Duration // added to every request, faulted or not
	Seed       int64         // seed of the fault sequence
}

// Options configure a Kit. The zero value is usable.
type Options struct {
	// Window is the length of a rate-limit "minute"; default time.Minute.
	// Tests and benchmarks scale it down.
	Window time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Sleep waits for injected latency; default time.Sleep.
	Sleep func(time.Duration)
	// Faults are the initial injected faults; see also Kit.SetFaults.
	Faults Faults
	// NoRateLimits turns rate limiting (and its headers) off.
	NoRateLimits bool
	// ErrorBody builds the body of the errors the Kit itself answers
	// (503, 429); default {"detail": msg}.
	ErrorBody func(status int, msg string) any
}

// Kit wraps endpoint handlers with request ids, latency, fault injection,
// rate limits and counters. It is safe for concurrent use.
type Kit struct {
	opts  Options
	start time.Time
	reqID atomic.Int64
	// unlimited is Options.NoRateLimits, changed by SetRateLimits.
	unlimited atomic.Bool

	mu      sync.Mutex
	faults  Faults
	rng     *rand.Rand
	windows map[string]*window
	stats   Stats
}

// window is the fixed rate-limit window an endpoint class is currently in.
type window struct {
	index int64
	used  int
}

// MaintenanceMessage is the detail of an injected 503.
const MaintenanceMessage = "The service is going through temporary maintenance."

// New returns a Kit with the options' defaults filled in.
func New(o Options) *Kit {
	if o.Window <= 0 {
		o.Window = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = time.Sleep
	}
	if o.ErrorBody == nil {
		o.ErrorBody = func(_ int, msg string) any { return map[string]string{"detail": msg} }
	}
	k := &Kit{opts: o, start: o.Now(), windows: map[string]*window{}, stats: Stats{}}
	k.unlimited.Store(o.NoRateLimits)
	k.SetFaults(o.Faults)
	return k
}

// SetRateLimits turns rate limiting on or off from the next request on.
// Benchmarks seed a large state with limits off, then measure with them
// on. Requests served while limits were off count in no window.
func (k *Kit) SetRateLimits(on bool) { k.unlimited.Store(!on) }

// SetFaults replaces the injected faults and restarts the fault sequence
// from f.Seed.
func (k *Kit) SetFaults(f Faults) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.faults = f
	k.rng = rand.New(rand.NewPCG(uint64(f.Seed), uint64(f.Seed)^0x9e3779b97f4a7c15))
}

// Faults returns the faults currently injected.
func (k *Kit) Faults() Faults {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.faults
}

// Stats returns a deep copy of the request counters.
func (k *Kit) Stats() Stats {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.stats.clone()
}

// drawFault picks the fault for the next request ("" for none) and
// returns the latency.
func (k *Kit) drawFault() (FaultKind, time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	f := k.faults
	if f.total() <= 0 {
		return "", f.Latency
	}
	u := k.rng.Float64()
	for _, band := range faultTable() {
		rate := *band.rate(&f)
		if u < rate {
			return band.kind, f.Latency
		}
		u -= rate
	}
	return "", f.Latency
}

// count records one response of endpoint name; status 0 is a dropped connection.
func (k *Kit) count(name string, status int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	byStatus := k.stats[name]
	if byStatus == nil {
		byStatus = map[int]int{}
		k.stats[name] = byStatus
	}
	byStatus[status]++
}

// nextRequestID returns the next deterministic request id.
func (k *Kit) nextRequestID() string {
	return fmt.Sprintf("req-%06d", k.reqID.Add(1))
}

// writeKitError answers an error the Kit itself decided (503, 429).
func (k *Kit) writeKitError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, k.opts.ErrorBody(status, msg))
}
