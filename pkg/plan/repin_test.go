package plan_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

func TestMakeRepin(t *testing.T) {
	n := spec.NumberPin
	prefs := map[string]spec.LLMConfig{"engage_user": {LLMName: "azure_gpt-4.1-2025-04-14"}}
	agent := backend.Container{Kind: spec.KindAgent, ID: "a1", Name: "assistant", Latest: 2}
	graph := backend.Container{Kind: spec.KindContextGraph, ID: "g1", Name: "front-desk", Latest: 1}
	svc := backend.Service{ID: "s1", Name: "front-desk", AgentID: "a1", ContextGraphID: "g1", Spec: spec.ServiceSpec{
		Agent: "assistant", ContextGraph: "front-desk",
		VersionSets: map[string]spec.VersionSet{
			"release": {Agent: n(1), ContextGraph: n(1), LLMModelPreferences: prefs},
			"staging": {Agent: n(2), ContextGraph: n(1)},
		}}}
	content := &spec.AgentSpec{Background: "Knows its opening hours."}
	tests := []struct {
		name     string
		r        plan.Repin
		wantIDs  []string
		wantSet  *spec.VersionSet
		wantDeps []string
	}{
		{"moves the pins, keeps the preferences",
			plan.Repin{Set: "release", Agent: n(2), ContextGraph: n(1)},
			[]string{"Service/front-desk/version_set/release"},
			&spec.VersionSet{Agent: n(2), ContextGraph: n(1), LLMModelPreferences: prefs}, nil},
		{"already pinned: empty",
			plan.Repin{Set: "staging", Agent: n(2), ContextGraph: n(1)}, nil, nil, nil},
		{"a set that does not exist",
			plan.Repin{Set: "canary", Agent: n(2), ContextGraph: spec.Pin{Kind: spec.PinLatest}},
			[]string{"Service/front-desk/version_set/canary"},
			&spec.VersionSet{Agent: n(2), ContextGraph: spec.Pin{Kind: spec.PinLatest}}, nil},
		{"copies first",
			plan.Repin{Set: "release", Agent: n(3), ContextGraph: n(1), Versions: []plan.VersionCopy{{Container: agent, After: backend.Version{Agent: content}}}},
			[]string{"Agent/assistant/version", "Service/front-desk/version_set/release"},
			&spec.VersionSet{Agent: n(3), ContextGraph: n(1), LLMModelPreferences: prefs}, []string{"Agent/assistant/version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.Target = plan.Target{Dialect: spec.DialectClassic, BaseURL: "https://api.example.invalid", Scope: "org"}
			tt.r.Service, tt.r.Containers, tt.r.Reason = svc, []backend.Container{agent, graph}, "promote"
			p := plan.MakeRepin(tt.r)
			var ids []string
			for _, s := range p.Steps {
				ids = append(ids, s.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Fatalf("steps (-want +got):\n%s", diff)
			}
			if len(p.Reads) != 3 {
				t.Errorf("reads %+v, want the two containers and the service", p.Reads)
			}
			if tt.wantSet == nil {
				return
			}
			last := p.Steps[len(p.Steps)-1]
			if diff := cmp.Diff(*tt.wantSet, *last.After.VersionSet); diff != "" {
				t.Errorf("set (-want +got):\n%s", diff)
			}
			live, ok := svc.Spec.VersionSets[tt.r.Set]
			var want *spec.VersionSet
			if ok {
				want = &live
			}
			if last.Guard.Fingerprint != backend.VersionSetFingerprint(want) || cmp.Diff(tt.wantDeps, last.DependsOn) != "" {
				t.Errorf("guard %q, depends on %v", last.Guard.Fingerprint, last.DependsOn)
			}
			if len(p.Steps) > 1 && p.Steps[0].Guard.Version != agent.Latest+1 {
				t.Errorf("a copy's guard is v%d, want v%d", p.Steps[0].Guard.Version, agent.Latest+1)
			}
		})
	}
}

// TestRepinText renders a promote's plan, and the empty one with the
// command's own sentence.
func TestRepinText(t *testing.T) {
	svc := backend.Service{ID: "s1", Name: "front-desk", Spec: spec.ServiceSpec{VersionSets: map[string]spec.VersionSet{
		"release": {Agent: spec.NumberPin(1), ContextGraph: spec.NumberPin(1)}}}}
	r := plan.Repin{Target: plan.Target{Dialect: spec.DialectPlatform, BaseURL: "https://api.example.invalid", Scope: "ws"},
		Service: svc, Set: "release", Agent: spec.NumberPin(2), ContextGraph: spec.NumberPin(1), Reason: "promote version set staging: agent v2, context graph v1"}
	var b bytes.Buffer
	if err := plan.WriteText(&b, plan.MakeRepin(r), plan.TextOptions{NoChanges: "unused"}); err != nil {
		t.Fatal(err)
	}
	r.Agent = spec.NumberPin(1)
	if err := plan.WriteText(&b, plan.MakeRepin(r), plan.TextOptions{NoChanges: "No changes. Version set release already pins these."}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden", "repin.txt"), b.Bytes())
}
