package apply

import (
	"context"

	"github.com/amigosync/amigosync/pkg/plan"
)

// finished is a step that ran, with its outcome.
type finished struct {
	i       int
	outcome Outcome
}

// graph is the plan's DAG by step index.
type graph struct {
	// waiting counts the unfinished dependencies of each step.
	waiting []int
	// dependents lists the steps that wait for each step.
	dependents [][]int
}

func newGraph(steps []plan.Step) graph {
	at := make(map[string]int, len(steps))
	for i, s := range steps {
		at[s.ID] = i
	}
	g := graph{waiting: make([]int, len(steps)), dependents: make([][]int, len(steps))}
	for i, s := range steps {
		for _, dep := range s.DependsOn {
			g.waiting[i]++
			g.dependents[at[dep]] = append(g.dependents[at[dep]], i)
		}
	}
	return g
}

// schedule runs the steps: a step starts once every step it depends on
// is done, while fewer than Parallelism are in flight. After a failure,
// or once Stop is closed or ctx is done, no step starts; the ones in
// flight finish (cancelling ctx cancels their requests).
func (r *run) schedule(ctx context.Context) {
	steps := r.p.Steps
	g := newGraph(steps)
	var ready []int
	for i := range steps {
		if g.waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	results := make(chan finished)
	lanes := map[lane]int{}
	inFlight, stopped := 0, false
	stop, cancelled := r.o.Stop, ctx.Done()
	for {
		for !stopped && inFlight < r.o.Parallelism && len(ready) > 0 {
			var i int
			i, ready = pick(steps, ready, lanes)
			lanes[laneOf(&steps[i])]++
			inFlight++
			go func() { results <- finished{i, r.step(ctx, &steps[i])} }()
		}
		if inFlight == 0 {
			break
		}
		select {
		case f := <-results:
			inFlight--
			lanes[laneOf(&steps[f.i])]--
			r.record(f)
			if f.outcome.Status != StatusDone {
				stopped = true
				continue
			}
			for _, d := range g.dependents[f.i] {
				if g.waiting[d]--; g.waiting[d] == 0 {
					ready = append(ready, d)
				}
			}
		case <-stop:
			stop, stopped = nil, true
		case <-cancelled:
			cancelled, stopped = nil, true
		}
	}
	r.notAttempted(stopped)
}

// record keeps the outcome of a finished step.
func (r *run) record(f finished) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes[f.i] = f.outcome
}

// notAttempted reports the steps that never started.
func (r *run) notAttempted(stopped bool) {
	r.mu.Lock()
	var left []*plan.Step
	failed := false
	for _, o := range r.outcomes {
		switch o.Status {
		case StatusNotAttempted:
			left = append(left, o.Step)
		case StatusFailed:
			failed = true
		}
	}
	r.interrupted = stopped && !failed && len(left) > 0
	r.mu.Unlock()
	now := r.now()
	for _, s := range left {
		r.emit(Event{Type: EventNotAttempted, Step: s, At: now})
	}
}

// lane groups the steps that go to one endpoint: the same action on the
// same object of the same kind.
type lane struct {
	kind   string
	object plan.Object
	action plan.Action
}

func laneOf(s *plan.Step) lane { return lane{string(s.Kind), s.Object, s.Action} }

// pick chooses the ready step to start next: the first in plan order of
// the lane with the fewest steps in flight, so that steps bound for
// different endpoints proceed side by side instead of the slots filling
// with steps that all wait for one endpoint's rate limit. It returns the
// step's index and the ready list without it.
func pick(steps []plan.Step, ready []int, lanes map[lane]int) (int, []int) {
	best := 0
	for k := 1; k < len(ready); k++ {
		a, b := ready[k], ready[best]
		la, lb := lanes[laneOf(&steps[a])], lanes[laneOf(&steps[b])]
		if la < lb || (la == lb && a < b) {
			best = k
		}
	}
	i := ready[best]
	return i, append(ready[:best:best], ready[best+1:]...)
}
