package backend_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// referencingGraph jumps from start into two referenced graphs.
func referencingGraph(refs map[string]spec.Reference) spec.ContextGraphSpec {
	g := testGraph("Refers to others.")
	g.References = refs
	g.States[0].ExitConditions = append(g.States[0].ExitConditions,
		spec.ExitCondition{Description: "Pay.", NextState: spec.NextState{External: "pay.start", JumpBack: "end"}},
		spec.ExitCondition{Description: "Old.", NextState: spec.NextState{External: "old.start", JumpBack: "end"}})
	return g
}

func TestReferencesBetweenGraphs(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		pay := mustContainer(t, w.b, spec.KindContextGraph, "payments")
		old := mustContainer(t, w.b, spec.KindContextGraph, "old")
		for _, c := range []backend.Container{pay, old} {
			if err := w.b.CreateVersion(ctx, c, 1, graphVersion(testGraph(c.Name)), backend.Index{}); err != nil {
				t.Fatal(err)
			}
		}
		billing := mustContainer(t, w.b, spec.KindContextGraph, "billing")
		full := index(t, w.b)
		g := referencingGraph(map[string]spec.Reference{
			"pay": {Graph: "payments", Version: number(1)},
			"old": {ID: old.ID, Version: number(1)},
		})
		err := w.b.CreateVersion(ctx, billing, 1, graphVersion(g), full)
		if d == spec.DialectPlatform {
			if !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("platform graph with references: %v; want ErrUnsupported", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		tests := []struct {
			name string
			idx  backend.Index
			want map[string]spec.Reference
		}{
			{"every graph known", full, map[string]spec.Reference{
				"pay": {Graph: "payments", Version: number(1)}, "old": {Graph: "old", Version: number(1)}}},
			{"old unknown", backend.NewIndex(pay), map[string]spec.Reference{
				"pay": {Graph: "payments", Version: number(1)}, "old": {ID: old.ID, Version: number(1)}}},
		}
		for _, tc := range tests {
			got, err := readGraph(ctx, w.b, billing, 1, tc.idx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got.References); diff != "" {
				t.Errorf("%s: references (-want +got):\n%s", tc.name, diff)
			}
		}
		g.References["pay"] = spec.Reference{Graph: "no-such-graph", Version: number(1)}
		err = w.b.CreateVersion(ctx, billing, 2, graphVersion(g), full)
		if err == nil || !strings.Contains(err.Error(), "no-such-graph") {
			t.Errorf("a reference to an unknown graph: %v; want an error naming it", err)
		}
		g.References["pay"] = spec.Reference{Graph: "payments", Version: spec.Pin{Kind: spec.PinCurrent}}
		err = w.b.CreateVersion(ctx, billing, 2, graphVersion(g), full)
		if !errors.Is(err, backend.ErrUnsupported) || !strings.Contains(err.Error(), "resolved") {
			t.Errorf("a reference pinning current: %v; want ErrUnsupported saying it must be resolved", err)
		}
		if got := container(t, w.b, spec.KindContextGraph, "billing"); got.Latest != 1 {
			t.Errorf("billing is at version %d after refused creates; want 1", got.Latest)
		}
	})
}

// TestWhatADialectCannotCarryIsRefused: a state type or transition the
// API does not have is refused before anything is sent.
func TestWhatADialectCannotCarryIsRefused(t *testing.T) {
	external := testGraph("Jumps out.")
	external.States[0].ExitConditions[0].NextState = spec.NextState{External: "other.start", JumpBack: "end"}
	foreign := map[spec.Dialect]spec.StateType{spec.DialectClassic: spec.StateDataCollection, spec.DialectPlatform: spec.StateRecall}
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		withForeign := testGraph("Foreign state.")
		withForeign.States = append(withForeign.States, spec.State{Type: foreign[d], Name: "odd"})
		tests := []struct {
			name    string
			graph   spec.ContextGraphSpec
			refused bool
		}{
			{"a state type of the other dialect", withForeign, true},
			{"a jump into another graph", external, d == spec.DialectPlatform},
		}
		for _, tc := range tests {
			c := mustContainer(t, w.b, spec.KindContextGraph, strings.ReplaceAll(tc.name, " ", "-"))
			err := w.b.CreateVersion(ctx, c, 1, graphVersion(tc.graph), backend.Index{})
			if tc.refused && !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("%s: %v; want ErrUnsupported", tc.name, err)
			}
			if tc.refused && container(t, w.b, spec.KindContextGraph, c.Name).Latest != 0 {
				t.Errorf("%s: a version was created anyway", tc.name)
			}
		}
	})
}
