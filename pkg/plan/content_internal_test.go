package plan

import (
	"testing"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestEqualVersions: the reflect.DeepEqual fast path must not change what
// counts as equal, nil and empty lists and maps included.
func TestEqualVersions(t *testing.T) {
	graph := func(edit func(g *spec.ContextGraphSpec)) backend.Version {
		g := spec.ContextGraphSpec{Description: "d", NewUserInitialState: "a",
			States:                 []spec.State{{Type: "action", Name: "a", Objective: "o"}},
			GlobalActionGuidelines: []string{"g"}, References: map[string]spec.Reference{}}
		edit(&g)
		return backend.Version{ContextGraph: &g}
	}
	same := func(*spec.ContextGraphSpec) {}
	tests := []struct {
		name string
		a, b backend.Version
		want bool
	}{
		{"identical", graph(same), graph(same), true},
		{"nil and empty list", graph(same), graph(func(g *spec.ContextGraphSpec) { g.GlobalBoundaryConstraints = []string{} }), true},
		{"nil and empty map", graph(same), graph(func(g *spec.ContextGraphSpec) { g.References = nil }), true},
		{"a state's field", graph(same), graph(func(g *spec.ContextGraphSpec) { g.States[0].Objective = "other" }), false},
		{"a state more", graph(same), graph(func(g *spec.ContextGraphSpec) { g.States = append(g.States, spec.State{Name: "b"}) }), false},
		{"agent and graph", graph(same), backend.Version{Agent: &spec.AgentSpec{}}, false},
		{"agents", backend.Version{Agent: &spec.AgentSpec{Behaviors: []string{}}}, backend.Version{Agent: &spec.AgentSpec{}}, true},
	}
	for _, tt := range tests {
		if got := EqualVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: EqualVersions = %v, want %v", tt.name, got, tt.want)
		}
		if got := EqualVersions(tt.b, tt.a); got != tt.want {
			t.Errorf("%s, swapped: EqualVersions = %v, want %v", tt.name, got, tt.want)
		}
	}
}
