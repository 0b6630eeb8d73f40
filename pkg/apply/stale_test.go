package apply_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// saved writes p as `plan --out` does and reads it back as apply does.
func saved(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	out, err := plan.ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAStaleSavedPlanIsRefusedAndChangesNothing(t *testing.T) {
	tests := []struct {
		name string
		// move changes the live state after the plan was saved.
		move func(t *testing.T, w *world)
		want map[spec.Dialect]string
	}{
		{
			name: "a new version",
			move: func(t *testing.T, w *world) { w.theirVersion(t, edited[w.dialect]) },
			want: map[spec.Dialect]string{
				spec.DialectClassic:  "stale plan: agent billing-agent is at v2, the plan was made at v1; run plan again",
				spec.DialectPlatform: "stale plan: agent intake-agent is at v2, the plan was made at v1; run plan again",
			},
		},
		{
			name: "a version set moved",
			move: func(t *testing.T, w *world) {
				svc := w.service(t, services[w.dialect])
				set := svc.Spec.VersionSets["staging"]
				set.Agent = spec.Pin{Kind: spec.PinNumber, Number: 1}
				if set.Agent == svc.Spec.VersionSets["staging"].Agent {
					set.Agent = spec.Pin{Kind: spec.PinLatest}
				}
				if err := w.other.UpsertVersionSet(context.Background(), svc, "staging", set); err != nil {
					t.Fatal(err)
				}
			},
			want: map[spec.Dialect]string{
				spec.DialectClassic:  "stale plan: version set staging of service billing-line changed after the plan read it; run plan again",
				spec.DialectPlatform: "stale plan: version set staging of service patient-intake changed after the plan read it; run plan again",
			},
		},
		{
			name: "a service's fields",
			move: func(t *testing.T, w *world) {
				svc := w.service(t, services[w.dialect])
				fields := svc.Spec
				fields.VersionSets = nil
				fields.Description = "Changed by someone else."
				if err := w.other.UpdateService(context.Background(), svc, fields, w.index(t)); err != nil {
					t.Fatal(err)
				}
			},
			want: map[spec.Dialect]string{
				spec.DialectClassic:  "stale plan: the fields of service billing-line changed after the plan read them; run plan again",
				spec.DialectPlatform: "stale plan: the fields of service patient-intake changed after the plan read them; run plan again",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialects(t, func(t *testing.T, w *world) {
				w.apply(t, plan.Options{})
				e := edits[w.dialect]
				w.edit(t, e.file, e.old, e.new)
				p, _ := w.plan(t, plan.Options{})
				p = saved(t, p)
				tt.move(t, w)
				writes := w.writes()
				_, err := apply.Check(context.Background(), w.b, p)
				var stale *apply.StaleError
				if !errors.As(err, &stale) {
					t.Fatalf("Check: %v, want a *apply.StaleError", err)
				}
				if got := err.Error(); got != tt.want[w.dialect] {
					t.Errorf("Check:\n got %s\nwant %s", got, tt.want[w.dialect])
				}
				if diff := cmp.Diff(writes, w.writes()); diff != "" {
					t.Errorf("the stale check wrote (-before +after):\n%s", diff)
				}
			})
		})
	}
}

func TestAFreshSavedPlanIsApplied(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		p, _ := w.plan(t, plan.Options{})
		p = saved(t, p)
		live, err := apply.Check(context.Background(), w.b, p)
		if err != nil {
			t.Fatalf("Check: %v", err)
		}
		rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache})
		if err != nil || !rep.Complete() {
			t.Fatalf("apply the saved plan: %v %v", err, rep.Err())
		}
		w.converged(t, plan.Options{})
		// Applied, the saved plan is stale: what it found absent exists.
		if _, err := apply.Check(context.Background(), w.b, p); err == nil {
			t.Error("the saved plan passes the stale check a second time")
		}
	})
}

func TestAPlanForAnotherTargetIsRefused(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		p, _ := w.plan(t, plan.Options{})
		p.Target.Scope = "another-scope"
		writes := w.writes()
		_, err := apply.Check(context.Background(), w.b, p)
		var te *apply.TargetError
		if !errors.As(err, &te) {
			t.Fatalf("Check: %v, want an *apply.TargetError", err)
		}
		if _, err := apply.Run(context.Background(), w.b, p, apply.Options{}); !errors.As(err, &te) {
			t.Fatalf("Run: %v, want an *apply.TargetError", err)
		}
		if diff := cmp.Diff(writes, w.writes()); diff != "" {
			t.Errorf("a refused plan wrote (-before +after):\n%s", diff)
		}
	})
}

// services names, per dialect, a service of the project.
var services = map[spec.Dialect]string{spec.DialectClassic: "billing-line", spec.DialectPlatform: "patient-intake"}

// service reads the live service called name.
func (w *world) service(t *testing.T, name string) backend.Service {
	t.Helper()
	svcs, err := w.other.Services(context.Background(), w.index(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range svcs {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no service %s", name)
	return backend.Service{}
}

// index lists the live containers into an Index.
func (w *world) index(t *testing.T) backend.Index {
	t.Helper()
	var idx backend.Index
	for _, k := range spec.Kinds() {
		if k.Versioned {
			cs, err := w.other.Containers(context.Background(), k.Kind)
			if err != nil {
				t.Fatal(err)
			}
			idx.Add(cs...)
		}
	}
	return idx
}
