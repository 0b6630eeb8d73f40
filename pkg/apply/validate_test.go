package apply_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

func TestAMalformedPlanIsRefusedBeforeAnyStep(t *testing.T) {
	desc := "d"
	agent := backend.Container{Kind: spec.KindAgent, ID: "a1", Name: "a", Latest: 3}
	version := &plan.Value{Version: &backend.Version{Agent: &spec.AgentSpec{}}}
	svc := backend.Service{ID: "s1", Name: "s"}
	tests := []struct {
		name  string
		steps []plan.Step
		want  string
	}{
		{"an unknown kind of step",
			[]plan.Step{{ID: "x", Object: plan.ObjVersion, Action: plan.Remove}},
			"the plan cannot be applied: step x: apply does not know how to remove a version; run plan again"},
		{"a missing value",
			[]plan.Step{{ID: "x", Object: plan.ObjContainer, Action: plan.Create, Kind: spec.KindAgent, Name: "a"}},
			"the plan cannot be applied: step x: it lacks the description it sets; run plan again"},
		{"a dependency on no step",
			[]plan.Step{{ID: "x", Object: plan.ObjContainer, Action: plan.Create, After: &plan.Value{Description: &desc}, DependsOn: []string{"y"}}},
			"the plan cannot be applied: step x: it depends on step y, which the plan does not hold; run plan again"},
		{"a cycle",
			[]plan.Step{
				{ID: "x", Object: plan.ObjContainer, Action: plan.Create, After: &plan.Value{Description: &desc}, DependsOn: []string{"y"}},
				{ID: "y", Object: plan.ObjContainer, Action: plan.Create, After: &plan.Value{Description: &desc}, DependsOn: []string{"x"}},
			},
			"the plan cannot be applied: step x: it depends on itself through other steps; run plan again"},
		{"a version of a container neither live nor created",
			[]plan.Step{{ID: "x", Object: plan.ObjVersion, Action: plan.NewVersion, Kind: spec.KindAgent, Name: "a", After: version, Guard: plan.Guard{Version: 1}}},
			"the plan cannot be applied: step x: it carries no live container and waits for no step that creates it; run plan again"},
		{"an edited version guard",
			[]plan.Step{{ID: "x", Object: plan.ObjVersion, Action: plan.NewVersion, Kind: spec.KindAgent, Name: "a", Container: &agent, After: version, Guard: plan.Guard{Version: 3}}},
			"the plan cannot be applied: step x: its guard does not match the live container (at v3, the next version is v4, not v3), as if the saved plan had been edited; run plan again"},
		{"an edited fingerprint",
			[]plan.Step{{ID: "x", Object: plan.ObjService, Action: plan.Remove, Service: &svc, Guard: plan.Guard{Fingerprint: "sha256:00"}}},
			"the plan cannot be applied: step x: its guard does not match the live service's fields it carries, as if the saved plan had been edited; run plan again"},
	}
	w := newWorld(t, spec.DialectClassic)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &plan.Plan{Target: plan.TargetOf("", w.b.Info()), Steps: tt.steps}
			writes := w.writes()
			_, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: &plan.Live{}})
			var pe *apply.PlanError
			if !errors.As(err, &pe) {
				t.Fatalf("Run: %v, want an *apply.PlanError", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Run:\n got %s\nwant %s", got, tt.want)
			}
			if diff := cmp.Diff(writes, w.writes()); diff != "" {
				t.Errorf("a refused plan wrote:\n%s", diff)
			}
		})
	}
}
