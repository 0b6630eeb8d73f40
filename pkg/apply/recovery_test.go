package apply_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/plan"
)

// untilComplete plans and applies again and again, as a person would
// after each failure, until an apply does every step; it fails the test
// after rounds attempts. A failed live read counts as a round too.
func (w *world) untilComplete(t *testing.T, rounds int) int {
	t.Helper()
	for round := 1; round <= rounds; round++ {
		p, live, err := w.tryPlan(t)
		if err != nil {
			t.Logf("round %d: plan: %v", round, err)
			continue
		}
		rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if rep.Complete() {
			return round
		}
		t.Logf("round %d: %v; %s", round, rep.Err(), rep.Summary())
	}
	t.Fatalf("apply did not complete in %d rounds", rounds)
	return 0
}

func TestWithInjectedFaultsApplyCompletesAndCreatesNoVersionTwice(t *testing.T) {
	for _, seed := range []int64{7, 11, 23} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dialects(t, func(t *testing.T, w *world) {
				// 20% of requests fail: 5% each of 503, 429, dropped before
				// the handler runs and dropped after it committed.
				w.kit.SetFaults(emukit.Faults{Rate503: 0.05, Rate429: 0.05, DropBefore: 0.05, DropAfter: 0.05, Seed: seed})
				rounds := w.untilComplete(t, 30)
				e := edits[w.dialect]
				w.edit(t, e.file, e.old, e.new)
				rounds += w.untilComplete(t, 30)
				w.kit.SetFaults(emukit.Faults{})
				t.Logf("%d rounds", rounds)

				// Exactly the versions it should have: one each, and the
				// edited agent a second; none created twice.
				for name, n := range latest(t, w.b) {
					want := 1
					if name == "Agent/"+edited[w.dialect] {
						want = 2
					}
					if n != want {
						t.Errorf("%s is at v%d, want v%d", name, n, want)
					}
				}
				w.converged(t, plan.Options{})
			})
		})
	}
}

// tryPlan is plan without failing the test on a read error.
func (w *world) tryPlan(t *testing.T) (*plan.Plan, *plan.Live, error) {
	t.Helper()
	bundle := w.bundle(t)
	live, err := plan.ReadLive(context.Background(), w.b, bundle, plan.ReadOptions{Cache: w.cache})
	if err != nil {
		return nil, nil, err
	}
	p, diags := plan.Make(bundle, live, plan.Options{})
	if diags.HasErrors() {
		t.Fatalf("plan: %v", diags)
	}
	return p, live, nil
}

func TestStopEndsTheRunAfterTheStepsInFlight(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		p, live := w.plan(t, plan.Options{})
		stop := make(chan struct{})
		var events []apply.EventType
		rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache, Parallelism: 1, Stop: stop,
			Events: func(e apply.Event) {
				events = append(events, e.Type)
				if e.Type == apply.EventDone && len(events) == 4 {
					close(stop) // Ctrl-C after the second step
				}
			}})
		if err != nil {
			t.Fatal(err)
		}
		tally := rep.Tally()
		if !rep.Interrupted || tally.Done != 2 || tally.Failed != 0 || tally.NotAttempted != len(p.Steps)-2 {
			t.Fatalf("after a stop: interrupted %v, %+v of %d steps; want 2 done, the rest not attempted", rep.Interrupted, tally, len(p.Steps))
		}
		if got := events[len(events)-1]; got != apply.EventNotAttempted {
			t.Errorf("the last event is %s, want %s", got, apply.EventNotAttempted)
		}
		// The next plan is exactly the steps not attempted.
		next, _ := w.plan(t, plan.Options{})
		var want []string
		for _, o := range rep.Outcomes {
			if o.Status == apply.StatusNotAttempted {
				want = append(want, o.Step.ID)
			}
		}
		if got := ids(next); !slices.Equal(got, want) {
			t.Errorf("the plan after a stop:\n got %v\nwant %v (the steps not attempted)", got, want)
		}
		w.apply(t, plan.Options{})
		w.converged(t, plan.Options{})
	})
}

func TestTheFirstFailureStartsNoNewStep(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		w.apply(t, plan.Options{})
		// Two changes: the edited agent's version first, then a version
		// set that would follow it.
		e := edits[w.dialect]
		w.edit(t, e.file, e.old, e.new)
		p, live := w.plan(t, plan.Options{})
		w.theirVersion(t, edited[w.dialect])
		rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Parallelism: 1})
		if err != nil {
			t.Fatal(err)
		}
		tally := rep.Tally()
		if tally.Failed != 1 || tally.Done != 0 || tally.NotAttempted != len(p.Steps)-1 {
			t.Errorf("outcomes %+v of %d steps, want the first failed and none other attempted", tally, len(p.Steps))
		}
		if rep.Interrupted {
			t.Error("a failed run is reported as interrupted")
		}
		if errors.Is(rep.Err(), context.Canceled) {
			t.Error("the failure is a cancellation")
		}
	})
}

func ids(p *plan.Plan) []string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.ID)
	}
	return out
}
