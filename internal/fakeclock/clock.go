// Package fakeclock is a settable clock for tests. One Clock is shared by a
// test, the API clients and the emulators it drives, so token lifetimes,
// rate-limit windows, Retry-After waits and backoffs pass in no real time
// while every party still sees the same time move.
//
// It is for tests only; production code takes a clock as a func() time.Time
// and a context-aware sleep, never this type.
package fakeclock

import (
	"context"
	"sync"
	"time"
)

// Start returns the instant a Clock made by New shows first.
func Start() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }

// Clock is a goroutine-safe clock that moves only when told to (or when
// something sleeps on it). The zero value is not usable: call New.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	tick   time.Duration
	sleeps []time.Duration
}

// Option configures a Clock.
type Option func(*Clock)

// At makes the clock start at t instead of Start().
func At(t time.Time) Option { return func(c *Clock) { c.now = t } }

// Ticking makes every Now call move the clock forward by d first, so that
// successive timestamps are distinct and still deterministic.
func Ticking(d time.Duration) Option { return func(c *Clock) { c.tick = d } }

// New returns a Clock showing Start(), changed by the options.
func New(opts ...Option) *Clock {
	c := &Clock{now: Start()}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.tick)
	return c.now
}

// Advance moves the clock forward by d (backward when d is negative, to
// model a client whose clock is behind).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Sleep records d and advances the clock by it at once, unless ctx is
// already done. Its signature is the one the API clients take for waiting.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return nil
}

// SleepFunc adapts Sleep to the emulators' func(time.Duration) form (used
// for injected latency).
func (c *Clock) SleepFunc() func(time.Duration) {
	return func(d time.Duration) { _ = c.Sleep(context.Background(), d) }
}

// Sleeps returns every duration passed to Sleep, in order.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}
