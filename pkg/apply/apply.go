package apply

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// DefaultParallelism is how many steps are in flight at most by default:
// enough to keep the endpoints of different kinds busy side by side (the
// clients pace each one), few enough that waiting steps cost nothing.
const DefaultParallelism = 4

// Options shape an apply.
type Options struct {
	// Parallelism bounds the steps in flight; 0 means DefaultParallelism.
	Parallelism int
	// Live is the live state the plan was made against (or that Check
	// listed), for the names and ids of the containers steps refer to;
	// nil lists the containers first. Apply adds what it creates.
	Live *plan.Live
	// Cache receives every version the apply creates, so that the next
	// plan makes list calls only; nil keeps none.
	Cache *cache.Cache
	// Stop, when closed, stops new steps from starting; steps in flight
	// finish (the first Ctrl-C). Cancelling the context of Run aborts the
	// steps in flight too.
	Stop <-chan struct{}
	// Events receives the progress of the steps, one call at a time, in
	// the order things happened; nil discards it.
	Events func(Event)
	// Now is the clock of the elapsed times; default time.Now.
	Now func() time.Time
}

// Run executes the steps of p through b and reports what became of each.
// The error is for a plan that cannot be executed at all (made for
// another target, or malformed, e.g. a hand-edited saved plan); then no
// step was attempted. A step that fails is in the Report (Report.Err).
func Run(ctx context.Context, b backend.Backend, p *plan.Plan, o Options) (*Report, error) {
	if got := plan.TargetOf("", b.Info()); !p.Target.Same(got) {
		return nil, &TargetError{Plan: p.Target, Target: got}
	}
	if err := check(p); err != nil {
		return nil, err
	}
	if o.Live == nil {
		live, err := plan.ReadLive(ctx, b, &spec.Bundle{}, plan.ReadOptions{})
		if err != nil {
			return nil, fmt.Errorf("list the live containers before applying: %w", err)
		}
		o.Live = live
	}
	r := newRun(b, p, o)
	start := r.now()
	r.schedule(ctx)
	return &Report{Target: p.Target, Outcomes: r.outcomes, Interrupted: r.interrupted, Elapsed: r.now().Sub(start)}, nil
}

// run is the state of one Run: the containers and services it created,
// the outcomes so far. mu guards all of it and serialises the events.
type run struct {
	b    backend.Backend
	p    *plan.Plan
	o    Options
	info backend.Info

	mu sync.Mutex
	// known are the live containers and those this run created, the
	// source of the Index each call gets.
	known []backend.Container
	// containers and services are what this run created, by kind and name.
	containers map[plan.Selector]backend.Container
	services   map[string]backend.Service
	outcomes   []Outcome
	// interrupted is set when Stop or the context ended the run before
	// every step was attempted.
	interrupted bool
	// evMu serialises the events, apart from mu so that a slow display
	// never holds up a step.
	evMu sync.Mutex
}

func newRun(b backend.Backend, p *plan.Plan, o Options) *run {
	if o.Parallelism <= 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	r := &run{b: b, p: p, o: o, info: b.Info(),
		containers: map[plan.Selector]backend.Container{}, services: map[string]backend.Service{},
		outcomes: make([]Outcome, len(p.Steps))}
	for _, k := range spec.Kinds() {
		r.known = append(r.known, o.Live.Containers[k.Kind]...)
	}
	for i := range p.Steps {
		r.outcomes[i] = Outcome{Step: &p.Steps[i], Status: StatusNotAttempted}
	}
	return r
}

func (r *run) now() time.Time { return r.o.Now() }

// index returns a fresh Index of every container known so far: each call
// gets its own, so that containers created meanwhile never race a lookup.
func (r *run) index() backend.Index {
	r.mu.Lock()
	defer r.mu.Unlock()
	return backend.NewIndex(r.known...)
}

// created remembers a container this run created.
func (r *run) created(c backend.Container) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.known = append(r.known, c)
	r.containers[plan.Selector{Kind: c.Kind, Name: c.Name}] = c
}

// emit passes an event on, one at a time.
func (r *run) emit(e Event) {
	if r.o.Events == nil {
		return
	}
	r.evMu.Lock()
	defer r.evMu.Unlock()
	r.o.Events(e)
}
