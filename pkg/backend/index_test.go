package backend_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

func TestResolveReferences(t *testing.T) {
	graph := func(id string) backend.Container {
		return backend.Container{Kind: spec.KindContextGraph, ID: id, Name: "payments"}
	}
	old := graph("old")
	old.Deprecated = true
	tests := []struct {
		name string
		idx  backend.Index
		ref  spec.Reference
		want spec.Reference
	}{
		{"known id becomes its name", backend.NewIndex(graph("g1")),
			spec.Reference{ID: "g1", Version: spec.NumberPin(2)}, spec.Reference{Graph: "payments", Version: spec.NumberPin(2)}},
		{"unknown id stays", backend.NewIndex(graph("g1")),
			spec.Reference{ID: "g9", Version: spec.NumberPin(1)}, spec.Reference{ID: "g9", Version: spec.NumberPin(1)}},
		{"deprecated graph alone is named", backend.NewIndex(old),
			spec.Reference{ID: "old", Version: spec.NumberPin(1)}, spec.Reference{Graph: "payments", Version: spec.NumberPin(1)}},
		{"deprecated graph whose name a live graph took stays by id", backend.NewIndex(old, graph("new")),
			spec.Reference{ID: "old", Version: spec.NumberPin(1)}, spec.Reference{ID: "old", Version: spec.NumberPin(1)}},
		{"the live graph of that name is named", backend.NewIndex(old, graph("new")),
			spec.Reference{ID: "new", Version: spec.NumberPin(1)}, spec.Reference{Graph: "payments", Version: spec.NumberPin(1)}},
		{"by name stays", backend.NewIndex(graph("g1")),
			spec.Reference{Graph: "payments", Version: spec.NumberPin(1)}, spec.Reference{Graph: "payments", Version: spec.NumberPin(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := backend.ResolveReferences(spec.ContextGraphSpec{References: map[string]spec.Reference{"r": tt.ref}}, tt.idx)
			if diff := cmp.Diff(tt.want, g.References["r"]); diff != "" {
				t.Errorf("reference (-want +got):\n%s", diff)
			}
		})
	}
}
