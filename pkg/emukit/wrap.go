package emukit

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// quota is the state of one rate-limit window as seen by one request.
type quota struct {
	allowed   bool
	limit     int
	remaining int
	reset     time.Time     // end of the current window
	wait      time.Duration // time until reset, from the request's now
}

// Wrap returns h behind the Kit. Per request, in order: an X-Request-Id
// header (req-000001, ...); injected latency; injected faults (drop-before:
// the connection is aborted and h does not run; 503 maintenance; 429 with
// Retry-After); the rate limit of ep.Name in fixed windows aligned to the
// Kit's start (every response of a limited endpoint carries
// X-RateLimit-Limit/Remaining/Reset; over the limit the answer is 429 with
// Retry-After and Retry-After-Ms); h itself; drop-after (h has run and
// committed its change, then the connection is aborted so the client gets no
// response). Every outcome is counted under (ep.Name, status), drops with
// status 0.
//
// A drop panics with http.ErrAbortHandler, which net/http turns into a
// closed connection and [Transport] into a client-side error.
func (k *Kit) Wrap(ep Endpoint, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", k.nextRequestID())
		kind, latency := k.drawFault()
		if latency > 0 {
			k.opts.Sleep(latency)
		}
		limited := ep.Limit > 0 && !k.unlimited.Load()
		switch kind {
		case FaultDropBefore:
			k.count(ep.Name, 0)
			panic(http.ErrAbortHandler)
		case Fault503:
			if limited {
				setRateHeaders(w.Header(), k.rate(ep, false))
			}
			k.writeKitError(w, http.StatusServiceUnavailable, MaintenanceMessage)
			k.count(ep.Name, http.StatusServiceUnavailable)
			return
		case Fault429:
			k.injected429(w, ep, limited)
			return
		}
		if limited {
			q := k.rate(ep, true)
			setRateHeaders(w.Header(), q)
			if !q.allowed {
				setRetryAfter(w.Header(), q.wait)
				k.writeKitError(w, http.StatusTooManyRequests, rateLimitMessage(ep.Limit))
				k.count(ep.Name, http.StatusTooManyRequests)
				return
			}
		}
		if kind == FaultDropAfter {
			h.ServeHTTP(newRecorder(), r)
			k.count(ep.Name, 0)
			panic(http.ErrAbortHandler)
		}
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		k.count(ep.Name, sw.statusCode())
	})
}

// injected429 answers an injected 429: Retry-After one second (or one
// window, when the window is shorter).
func (k *Kit) injected429(w http.ResponseWriter, ep Endpoint, limited bool) {
	if limited {
		setRateHeaders(w.Header(), k.rate(ep, false))
	}
	setRetryAfter(w.Header(), min(time.Second, k.opts.Window))
	msg := "Too many requests; retry later."
	if ep.Limit > 0 {
		msg = rateLimitMessage(ep.Limit)
	}
	k.writeKitError(w, http.StatusTooManyRequests, msg)
	k.count(ep.Name, http.StatusTooManyRequests)
}

// rateLimitMessage is the detail of a 429 for an endpoint limited to n.
func rateLimitMessage(n int) string {
	return fmt.Sprintf("The user has exceeded the rate limit of %d requests per minute for this endpoint.", n)
}

// rate reports the window of ep at the Kit's now; with consume it also takes
// one request from it when one is left.
func (k *Kit) rate(ep Endpoint, consume bool) quota {
	now := k.opts.Now()
	elapsed := now.Sub(k.start)
	index := int64(0)
	if elapsed > 0 {
		index = int64(elapsed / k.opts.Window)
	}
	reset := k.start.Add(time.Duration(index+1) * k.opts.Window)

	k.mu.Lock()
	defer k.mu.Unlock()
	win := k.windows[ep.Name]
	switch {
	case win == nil || win.index < index:
		win = &window{index: index}
		k.windows[ep.Name] = win
	case win.index > index:
		// now was read before the lock, and a request that read a later
		// clock has already opened the next window. Count this one in that
		// window: going back would forget the requests counted there and
		// let more than the limit through.
		index = win.index
		reset = k.start.Add(time.Duration(index+1) * k.opts.Window)
	}
	q := quota{limit: ep.Limit, reset: reset, wait: reset.Sub(now)}
	q.allowed = win.used < ep.Limit
	if consume && q.allowed {
		win.used++
	}
	q.remaining = max(ep.Limit-win.used, 0)
	return q
}

// setRateHeaders writes the X-RateLimit-* headers of q.
func setRateHeaders(h http.Header, q quota) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(q.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(q.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnixSeconds(q.reset), 10))
}

// setRetryAfter writes Retry-After (whole seconds, at least 1) and
// Retry-After-Ms (milliseconds, at least 1) for a wait of d.
func setRetryAfter(h http.Header, d time.Duration) {
	secs := max(int64(math.Ceil(d.Seconds())), 1)
	ms := max((d+time.Millisecond-1)/time.Millisecond, 1)
	h.Set("Retry-After", strconv.FormatInt(secs, 10))
	h.Set("Retry-After-Ms", strconv.FormatInt(int64(ms), 10))
}

// ceilUnixSeconds is t as epoch seconds, rounded up.
func ceilUnixSeconds(t time.Time) int64 {
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return s
}
