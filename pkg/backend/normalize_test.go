package backend_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestWhiteSpaceRoundTrip: a YAML block scalar ends in a newline. Classic
// trims such strings, Platform keeps them; either way the read equals the
// normalised manifest.
func TestWhiteSpaceRoundTrip(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		norm := backend.NormalizerFor(d)
		a := testAgent("Line one.\nLine two.\n")
		a.Behaviors = []string{"  Be kind.\n"}
		g := testGraph("A graph.\n")
		g.States[0].Objective = "Greet.\n"
		g.States[0].Actions[0].Description = " Say hello. "
		g.GlobalActionGuidelines = []string{"Be clear.\n"}

		agent := mustContainer(t, w.b, spec.KindAgent, "spaced")
		graph := mustContainer(t, w.b, spec.KindContextGraph, "spaced")
		if err := w.b.CreateVersion(ctx, agent, 1, agentVersion(a), backend.Index{}); err != nil {
			t.Fatal(err)
		}
		if err := w.b.CreateVersion(ctx, graph, 1, graphVersion(g), backend.Index{}); err != nil {
			t.Fatal(err)
		}
		gotA, err := readAgent(ctx, w.b, agent, 1)
		if err != nil {
			t.Fatal(err)
		}
		checkRead(t, "agent", normalizeAgent(norm)(a), gotA, normalizeAgent(norm))
		gotG, err := readGraph(ctx, w.b, graph, 1, backend.Index{})
		if err != nil {
			t.Fatal(err)
		}
		checkRead(t, "graph", normalizeGraph(norm)(g), gotG, normalizeGraph(norm))
		trimmed := gotA.Background == "Line one.\nLine two."
		if trimmed != (d == spec.DialectClassic) {
			t.Errorf("background read back as %q", gotA.Background)
		}
	})
}

// TestNormalizers shows what each dialect's normaliser does to a manifest.
func TestNormalizers(t *testing.T) {
	hint, hard := "warm", "hard"
	ten, six, yes, no := 10, 6, true, false
	state := spec.State{
		Type: spec.StateAction, Name: "s", Objective: " o ",
		Actions:          []spec.Action{{Description: "a", FillerHint: &hint}},
		Guardrails:       []spec.Guardrail{{Name: "g", Description: "d"}},
		ActionGuidelines: []string{}, TurnPolicy: map[string]any{"context_strategy": "summarize"},
	}
	collect := spec.State{Type: spec.StateDataCollection, Name: "c", Objective: "o", OnComplete: "s",
		Fields: []spec.CollectionField{{Key: "k", Type: "string", Label: "K"}}}
	tests := []struct {
		dialect spec.Dialect
		in, out spec.State
	}{
		{spec.DialectClassic, state, spec.State{Type: spec.StateAction, Name: "s", Objective: "o",
			Actions: []spec.Action{{Description: "a"}}}},
		{spec.DialectPlatform, state, spec.State{Type: spec.StateAction, Name: "s", Objective: " o ",
			Actions:    []spec.Action{{Description: "a", FillerHint: &hint}},
			Guardrails: []spec.Guardrail{{Name: "g", Description: "d", Enforcement: hard}},
			TurnPolicy: map[string]any{"barge_in_enabled": true, "block_forward_call": false, "block_forward_call_after_turns": -1.0,
				"context_strategy": "summarize", "degradation_threshold": -1.0, "greeting_shield_s": 0.0, "safety_response": "stay_empathize"}}},
		{spec.DialectPlatform, collect, spec.State{Type: spec.StateDataCollection, Name: "c", Objective: "o", OnComplete: "s",
			Fields:   []spec.CollectionField{{Key: "k", Type: "string", Label: "K", Required: &yes}},
			MaxTurns: &ten, SurfaceFallback: &no, SurfaceFallbackAfterTurn: &six}},
	}
	for _, tc := range tests {
		got := normalizeGraph(backend.NormalizerFor(tc.dialect))(spec.ContextGraphSpec{States: []spec.State{tc.in}})
		if diff := cmp.Diff([]spec.State{tc.out}, got.States); diff != "" {
			t.Errorf("%s %s state (-want +got):\n%s", tc.dialect, tc.in.Type, diff)
		}
	}
}
