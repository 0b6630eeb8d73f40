package apply_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// edits are one manifest change per dialect that needs exactly one new
// version: a new sentence in an agent's background.
var edits = map[spec.Dialect]struct{ file, old, new string }{
	spec.DialectClassic:  {"agent.yaml", "background: Bea answers", "background: Bea kindly answers"},
	spec.DialectPlatform: {"agents/intake-agent.yaml", "background: >-\n", "background: >-\n    Ava is patient.\n"},
}

func TestApplyToAnEmptyTargetThenNothingThenOneVersion(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		rep := w.apply(t, plan.Options{})
		if len(rep.Outcomes) == 0 {
			t.Fatal("the first apply to an empty target did nothing")
		}
		w.converged(t, plan.Options{})
		before := latest(t, w.b)

		// A second apply is a no-op: zero writes.
		writes := w.writes()
		if rep := w.apply(t, plan.Options{}); len(rep.Outcomes) != 0 {
			t.Fatalf("the second apply has %d steps, want none", len(rep.Outcomes))
		}
		if diff := cmp.Diff(writes, w.writes()); diff != "" {
			t.Errorf("the second apply wrote (-before +after):\n%s", diff)
		}

		// One manifest changed: exactly one new version, and nothing else
		// moves but what pins the current version.
		e := edits[w.dialect]
		w.edit(t, e.file, e.old, e.new)
		rep = w.apply(t, plan.Options{})
		after := latest(t, w.b)
		var grew []string
		for name, n := range after {
			if n != before[name] {
				grew = append(grew, name)
				if n != before[name]+1 {
					t.Errorf("%s went from v%d to v%d, want one new version", name, before[name], n)
				}
			}
		}
		if len(grew) != 1 {
			t.Errorf("containers with new versions: %v, want exactly one", grew)
		}
		w.converged(t, plan.Options{})
		// The version cache holds what apply created: the plan just made
		// read no version from the API.
		if rep.Outcomes[0].Warning != nil {
			t.Errorf("warning: %v", rep.Outcomes[0].Warning)
		}
	})
}

// latest lists the latest version of every live container by kind/name.
func latest(t *testing.T, b backend.Backend) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, k := range spec.Kinds() {
		if !k.Versioned {
			continue
		}
		cs, err := b.Containers(context.Background(), k.Kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if !c.Deprecated {
				out[string(k.Kind)+"/"+c.Name] = c.Latest
			}
		}
	}
	return out
}

func TestReportSummary(t *testing.T) {
	steps := []plan.Step{
		{ID: "a", Action: plan.Create}, {ID: "b", Action: plan.NewVersion}, {ID: "c", Action: plan.NewVersion}, {ID: "d", Action: plan.Update},
	}
	outcomes := func(statuses ...apply.Status) []apply.Outcome {
		var out []apply.Outcome
		for i, s := range statuses {
			out = append(out, apply.Outcome{Step: &steps[i], Status: s})
		}
		return out
	}
	tests := []struct {
		name string
		rep  apply.Report
		want string
	}{
		{"complete", apply.Report{Outcomes: outcomes(apply.StatusDone, apply.StatusDone, apply.StatusDone, apply.StatusDone), Elapsed: 4230e6},
			"Apply complete: 1 created, 2 new versions, 1 updated, 0 removed in 4.2s."},
		{"failed", apply.Report{Outcomes: outcomes(apply.StatusDone, apply.StatusFailed, apply.StatusNotAttempted, apply.StatusNotAttempted), Elapsed: 1500e6},
			"Apply failed: 1 step done, 1 failed, 2 not attempted, in 1.5s. Nothing was overwritten; run plan to see the remaining work, and apply again to complete it."},
		{"interrupted", apply.Report{Interrupted: true, Outcomes: outcomes(apply.StatusDone, apply.StatusDone, apply.StatusNotAttempted, apply.StatusNotAttempted), Elapsed: 61e9},
			"Apply interrupted: 2 steps done, 0 failed, 2 not attempted, in 1m1s. Nothing was overwritten; run plan to see the remaining work, and apply again to complete it."},
		{"nothing to do", apply.Report{}, "Apply complete: 0 created, 0 new versions, 0 updated, 0 removed in 0s."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rep.Summary(); got != tt.want {
				t.Errorf("Summary:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}
