package apiclient

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// pacer keeps one endpoint under its rate limit with a sliding-window log:
// at most limit requests in any window of length window+margin. A token
// bucket with burst=limit can put limit requests at the end of one window and
// limit more at the start of the next, which a server counting a sliding
// window refuses; the log cannot.
//
// An entry counts as "now" while its request is in flight and is stamped
// with the time its answer arrived: the server saw the request no later
// than that. So whatever the latency, no window of the server's clock holds
// more than limit requests (if the clocks agree); the margin covers skew.
type pacer struct {
	mu     sync.Mutex
	limit  int // requests per window; 0 = no limit known
	window time.Duration
	margin time.Duration
	log    []slot
	nextID uint64
	// until is set by X-RateLimit-Remaining: 0 and by 429 answers: no
	// request to this endpoint starts before it.
	until time.Time
}

type slot struct {
	id       uint64
	at       time.Time
	inFlight bool
}

func newPacer(limit int, window time.Duration) *pacer {
	return &pacer{limit: limit, window: window, margin: window / 20}
}

// acquire waits until a request may start and reserves its slot; the
// returned id is passed to finish. Waiting holds no lock. Before each
// wait, onWait (when set) is told how long and why.
func (p *pacer) acquire(ctx context.Context, e Endpoint, o Options) (uint64, error) {
	for {
		at := o.Now()
		id, wait := p.reserve(at)
		if wait <= 0 {
			return id, nil
		}
		if o.OnWait != nil {
			o.OnWait(ctx, p.describe(e, at, wait))
		}
		if err := o.Sleep(ctx, wait); err != nil {
			return 0, err
		}
	}
}

// describe says why a request to e waits d at now.
func (p *pacer) describe(e Endpoint, now time.Time, d time.Duration) Wait {
	p.mu.Lock()
	defer p.mu.Unlock()
	e.Limit = p.limit
	return Wait{Endpoint: e, Window: p.window, For: d, Server: now.Before(p.until)}
}

// reserve takes a slot at now, or says how long to wait before trying again.
func (p *pacer) reserve(now time.Time) (uint64, time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	span := p.window + p.margin
	cutoff := now.Add(-span)
	p.log = slices.DeleteFunc(p.log, func(s slot) bool { return !s.inFlight && !s.at.After(cutoff) })
	p.trim()
	if now.Before(p.until) {
		return 0, p.until.Sub(now)
	}
	if p.limit > 0 && len(p.log) >= p.limit {
		if wait := p.waitForSlot(now, span); wait > 0 {
			return 0, wait
		}
	}
	p.nextID++
	p.log = append(p.log, slot{id: p.nextID, at: now, inFlight: true})
	return p.nextID, 0
}

// unlimitedLog is how many finished entries an endpoint with no known
// limit keeps, ready for a limit that a later answer may announce.
const unlimitedLog = 1000

// trim keeps the log small: only the newest limit finished entries can
// ever decide a wait, so older ones are dropped (in batches, so the sort
// is amortised). In-flight entries always stay.
func (p *pacer) trim() {
	keep := p.limit
	if keep <= 0 {
		keep = unlimitedLog
	}
	if len(p.log) <= 2*keep {
		return
	}
	slices.SortStableFunc(p.log, func(a, b slot) int {
		switch {
		case a.inFlight != b.inFlight:
			if a.inFlight {
				return 1
			}
			return -1
		}
		return a.at.Compare(b.at)
	})
	finished := len(p.log)
	for finished > 0 && p.log[finished-1].inFlight {
		finished--
	}
	if drop := finished - keep; drop > 0 {
		p.log = slices.Delete(p.log, 0, drop)
	}
}

// waitForSlot returns how long until fewer than limit entries remain in
// the window: until the (n-limit)th oldest entry leaves it. When that entry
// is still in flight its end is unknown, so it polls every margin.
func (p *pacer) waitForSlot(now time.Time, span time.Duration) time.Duration {
	log := slices.Clone(p.log)
	for i := range log {
		if log[i].inFlight {
			log[i].at = now
		}
	}
	slices.SortFunc(log, func(a, b slot) int { return a.at.Compare(b.at) })
	oldest := log[len(log)-p.limit]
	wait := oldest.at.Add(span).Sub(now)
	if oldest.at.Equal(now) {
		wait = min(wait, max(p.margin, time.Millisecond))
	}
	return wait
}

// finish stamps a request's slot with the time its answer arrived (or its
// attempt failed).
func (p *pacer) finish(id uint64, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.log {
		if p.log[i].id == id {
			p.log[i].inFlight = false
			if at.After(p.log[i].at) {
				p.log[i].at = at
			}
		}
	}
}

// block stops requests to this endpoint from starting before t.
func (p *pacer) block(t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.After(p.until) {
		p.until = t
	}
}

// observe adjusts the pacer from X-RateLimit-Limit (the server's limit wins
// over the documented one) and X-RateLimit-Remaining: 0 (wait until
// X-RateLimit-Reset, at most one window away, so a skewed clock cannot stall
// us for long).
func (p *pacer) observe(h http.Header, now time.Time) {
	if n, err := strconv.Atoi(h.Get("X-RateLimit-Limit")); err == nil && n > 0 {
		p.mu.Lock()
		p.limit = n
		p.mu.Unlock()
	}
	if h.Get("X-RateLimit-Remaining") != "0" {
		return
	}
	t, ok := resetTime(h, now)
	if !ok {
		return
	}
	if limit := now.Add(p.window + p.margin); t.After(limit) {
		t = limit
	}
	p.block(t)
}

// pacers holds one pacer per endpoint name. Its lock is held only to look
// a pacer up, never while waiting, so endpoints proceed independently.
type pacers struct {
	mu     sync.Mutex
	window time.Duration
	by     map[string]*pacer
}

func (ps *pacers) get(e Endpoint) *pacer {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	p, ok := ps.by[e.Name]
	if !ok {
		p = newPacer(e.Limit, ps.window)
		ps.by[e.Name] = p
	}
	return p
}

// maxHint bounds any wait read from a header, so absurd values cannot
// overflow a time.Duration; MaxRetryAfter caps it further.
const maxHint = 24 * time.Hour

// retryAfter reads how long a 429 or 503 answer asks us to wait:
// Retry-After-Ms (milliseconds, the emulators' extension for scaled
// windows), else Retry-After (seconds or an HTTP date), else the
// X-RateLimit-Reset time. It returns 0 when the answer gives no hint.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if ms, err := strconv.ParseInt(h.Get("Retry-After-Ms"), 10, 64); err == nil && ms >= 0 {
		return min(time.Duration(min(ms, int64(maxHint/time.Millisecond)))*time.Millisecond, maxHint)
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
			return time.Duration(min(s, int64(maxHint/time.Second))) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil && t.After(now) {
			return min(t.Sub(now), maxHint)
		}
	}
	if t, ok := resetTime(h, now); ok && t.After(now) {
		return min(t.Sub(now), maxHint)
	}
	return 0
}

// resetTime reads X-RateLimit-Reset (epoch seconds), refusing values that
// are not within a day of now.
func resetTime(h http.Header, now time.Time) (time.Time, bool) {
	reset, err := strconv.ParseFloat(h.Get("X-RateLimit-Reset"), 64)
	if err != nil || math.IsNaN(reset) {
		return time.Time{}, false
	}
	day := maxHint.Seconds()
	at := float64(now.Unix())
	if reset < at-day || reset > at+day {
		return time.Time{}, false
	}
	return time.UnixMilli(int64(reset * 1000)), true
}
