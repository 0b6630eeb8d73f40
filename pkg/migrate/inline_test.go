package migrate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// hostGraph is graph a: start jumps into r.entry1 returning to back1, and
// back1 jumps into r.entry2 returning to end. extra adds states.
func hostGraph(ref, refID string, refVersion int, entry1, entry2, extra string) string {
	return graph("a", "end", fmt.Sprintf(`  references:
    %s: {id: "%s", version: %d}
  global_action_guidelines: [Be kind.]
  states:
    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      exit_conditions:
        - {description: Pay., next_state: [%s.%s, back1]}
        - {description: Skip., next_state: back1}
    - type: action
      name: back1
      objective: Back.
      actions: [Welcome back.]
      exit_conditions:
        - {description: Pay again., next_state: [%s.%s, end]}
        - {description: Done., next_state: end}
%s`, ref, refID, refVersion, ref, entry1, ref, entry2, extra)+endState("end"))
}

// payGraph is graph b: pay → confirm → fin (terminal), with globals.
var payGraph = graphFrom("b", "pay", "fin", `  global_action_guidelines: [Be kind., Quote amounts exactly.]
  global_boundary_constraints: [No card numbers by voice.]
  states:
    - type: action
      name: pay
      objective: Take the payment.
      actions: [Take it.]
      exit_conditions:
        - {description: Taken., next_state: confirm}
    - type: annotation
      name: confirm
      inner_thought: Paid.
      next_state: fin
    - type: action
      name: fin
      objective: Confirm.
      actions: [Confirm the payment.]
`)

// TestInlineCopies checks one copy per jump-back state, the names, the
// terminal's new exit and the merged global guidelines.
func TestInlineCopies(t *testing.T) {
	src := org(t, map[string]string{
		"context-graphs/a/v1.yaml": hostGraph("r", id("b"), 1, "pay", "confirm", ""),
		"context-graphs/b/v1.yaml": payGraph,
	})
	res := translate(t, src, migrate.Options{InlineReferences: true})
	r := report(t, res, spec.KindContextGraph, "a")
	if r.Status != migrate.Ready {
		t.Fatalf("status = %s: %+v", r.Status, r.Blocking())
	}
	g := lastGraph(t, res, "a")
	if g.References != nil {
		t.Errorf("references = %v, want none", g.References)
	}
	start, _ := g.State("start")
	if got := start.ExitConditions[0].NextState; got != (spec.NextState{State: "r__back1__pay"}) {
		t.Errorf("start's jump leads to %+v, want r__back1__pay", got)
	}
	back1, _ := g.State("back1")
	if got := back1.ExitConditions[0].NextState; got != (spec.NextState{State: "r__end__confirm"}) {
		t.Errorf("back1's jump leads to %+v, want r__end__confirm", got)
	}
	var names []string
	for _, s := range g.States {
		names = append(names, s.Name)
	}
	want := []string{"start", "back1", "end", "r__back1__pay", "r__back1__confirm", "r__back1__fin", "r__end__confirm", "r__end__fin"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	fin, _ := g.State("r__back1__fin")
	wantFin := spec.State{Type: spec.StateAction, Name: "r__back1__fin", Objective: "Confirm.",
		Actions:             []spec.Action{{Description: "Confirm the payment."}},
		ActionGuidelines:    []string{"Quote amounts exactly."},
		BoundaryConstraints: []string{"No card numbers by voice."},
		ExitConditions:      []spec.ExitCondition{{Description: "This state's action is done.", NextState: spec.NextState{State: "back1"}}}}
	if diff := cmp.Diff(wantFin, *fin); diff != "" {
		t.Errorf("the copied terminal state (-want +got):\n%s", diff)
	}
	f := finding(t, r, migrate.Transformed, "spec.references.r")
	for _, part := range []string{"the states pay, confirm, fin of context graph b v1 are copied in as r__back1__pay, r__back1__confirm, r__back1__fin, entered from start",
		"r__back1__fin, becomes an action state that exits to back1", "global guidelines of context graph b v1 that this graph lacks"} {
		if !strings.Contains(f.Detail, part) {
			t.Errorf("finding %q does not say %q", f.Detail, part)
		}
	}
	if b := report(t, res, spec.KindContextGraph, "b"); b.Status != migrate.Ready {
		t.Errorf("b, migrated on its own too, is %s", b.Status)
	}
}

// TestInlineNameClash checks that a copied state never takes the name of
// a state the graph has.
func TestInlineNameClash(t *testing.T) {
	clash := `    - type: annotation
      name: r__back1__pay
      inner_thought: Already here.
      next_state: end
`
	src := org(t, map[string]string{
		"context-graphs/a/v1.yaml": hostGraph("r", id("b"), 1, "pay", "pay", clash),
		"context-graphs/b/v1.yaml": payGraph,
	})
	res := translate(t, src, migrate.Options{InlineReferences: true})
	g := lastGraph(t, res, "a")
	start, _ := g.State("start")
	if got := start.ExitConditions[0].NextState.State; got != "r__back1__pay_2" {
		t.Errorf("start's jump leads to %s, want r__back1__pay_2", got)
	}
	if r := report(t, res, spec.KindContextGraph, "a"); r.Status != migrate.Ready {
		t.Errorf("status = %s: %+v", r.Status, r.Blocking())
	}
}

// TestInlineBlocked checks the references that cannot be inlined: each
// blocks the graph with a reason and a fix.
func TestInlineBlocked(t *testing.T) {
	recallGraph := graphFrom("b", "begin", "fin", `  states:
    - type: action
      name: begin
      objective: Begin.
      actions: [Begin.]
      exit_conditions:
        - {description: Go., next_state: pay}
    - type: recall
      name: pay
      queries: [balance]
      next_state: fin
`+endState("fin"))
	cycleB := graphFrom("b", "pay", "fin", `  references:
    back: {id: "`+id("a")+`", version: 1}
  states:
    - type: action
      name: pay
      objective: Pay.
      actions: [Pay.]
      exit_conditions:
        - {description: Again., next_state: [back.start, fin]}
`+endState("fin"))
	tests := []struct {
		name, host, b string
		field         string
		detail, fix   string
	}{
		{"graph not in the organization", hostGraph("r", "65a1b2c3d4e5f60718293a4b", 1, "pay", "pay", ""), payGraph,
			"spec.references.r", "names context graph 65a1b2c3d4e5f60718293a4b v1, which is not in the organization read", "context_graphs.a.references.r.route_to: STATE"},
		{"version not read", hostGraph("r", id("b"), 2, "pay", "pay", ""), payGraph,
			"spec.references.r", "names context graph b v2, a version that was not read", "route_to"},
		{"entry state missing", hostGraph("r", id("b"), 1, "pay", "nowhere", ""), payGraph,
			"spec.references.r", "a state jumps to r.nowhere, but context graph b v1 has no state nowhere", "route_to"},
		{"referenced graph cannot move", hostGraph("r", id("b"), 1, "pay", "pay", ""), recallGraph,
			"spec.references.r: spec.states[pay]", "in the inlined context graph b v1: Platform has no recall states", "context_graphs.b.states.pay.route_to: fin"},
		{"cycle", hostGraph("r", id("b"), 1, "pay", "pay", ""), cycleB,
			"spec.references.r: spec.references.back: spec.references", "the graphs reference each other in a loop", "route one of the jumps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := org(t, map[string]string{"context-graphs/a/v1.yaml": tt.host, "context-graphs/b/v1.yaml": tt.b})
			res := translate(t, src, migrate.Options{InlineReferences: true})
			r := report(t, res, spec.KindContextGraph, "a")
			if r.Status != migrate.Blocked {
				t.Errorf("status = %s, want blocked", r.Status)
			}
			checkFinding(t, r, want{outcome: migrate.CannotMove, field: tt.field, blocking: true, detail: tt.detail, fix: tt.fix})
			if g := lastGraph(t, res, "a"); len(g.References) == 0 {
				t.Errorf("a blocked graph should keep its references for the user to see")
			}
		})
	}
}

// TestReferenceRules checks that a reference rule wins over inlining, and
// that without --inline-references a jump blocks with both fixes named.
func TestReferenceRules(t *testing.T) {
	files := map[string]string{
		"context-graphs/a/v1.yaml": hostGraph("r", id("b"), 1, "pay", "pay", ""),
		"context-graphs/b/v1.yaml": payGraph,
	}
	res := translate(t, org(t, files), migrate.Options{})
	r := report(t, res, spec.KindContextGraph, "a")
	checkFinding(t, r, want{outcome: migrate.CannotMove, field: "spec.references.r", blocking: true,
		detail: "states start to r.pay (returning to back1) and back1 to r.pay (returning to end) jump; r is context graph b v1, and Platform graphs cannot reference other graphs",
		fix:    "migrate with --inline-references"})

	m := parseMap(t, "format_version: 1\ncontext_graphs:\n  a:\n    references:\n      r: {route_to: end}\n")
	res = translate(t, org(t, files), migrate.Options{InlineReferences: true, Map: m})
	r = report(t, res, spec.KindContextGraph, "a")
	if r.Status != migrate.Ready {
		t.Fatalf("status = %s: %+v", r.Status, r.Blocking())
	}
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "spec.references.r", detail: "the jumps into r go to state end instead (mapping file map.yaml:5:7)"})
	g := lastGraph(t, res, "a")
	if len(g.States) != 3 {
		t.Errorf("states = %d, want the 3 of a (nothing inlined)", len(g.States))
	}
}

// TestUnusedReference checks that a declared reference no state uses is
// left out without blocking.
func TestUnusedReference(t *testing.T) {
	a := graph("a", "end", `  references:
    r: {id: "`+id("b")+`", version: 1}
  states:
`+endState("start")+endState("end"))
	a = strings.Replace(a, "terminal_state: end", "terminal_state: start", 1)
	a = strings.Replace(a, endState("end"), "", 1)
	res := translate(t, org(t, map[string]string{"context-graphs/a/v1.yaml": a, "context-graphs/b/v1.yaml": payGraph}), migrate.Options{})
	r := report(t, res, spec.KindContextGraph, "a")
	if r.Status != migrate.Ready {
		t.Fatalf("status = %s: %+v", r.Status, r.Blocking())
	}
	checkFinding(t, r, want{outcome: migrate.CannotMove, field: "spec.references.r", detail: "no state jumps into it"})
	if g := lastGraph(t, res, "a"); g.References != nil {
		t.Errorf("references = %v, want none", g.References)
	}
}

// TestInlineCurrentPin checks that a reference pinned current inlines the
// referenced graph's latest version.
func TestInlineCurrentPin(t *testing.T) {
	v2 := strings.Replace(payGraph, "Confirm the payment.", "Confirm the payment and send a receipt.", 1)
	src := org(t, map[string]string{"context-graphs/a/v1.yaml": hostGraph("r", id("b"), 1, "pay", "pay", ""),
		"context-graphs/b/v1.yaml": payGraph, "context-graphs/b/v2.yaml": v2})
	// A manifest can pin current, by graph name (a read of the
	// organization gives ids and numbers).
	src.ContextGraphs[0].Versions[1].References["r"] = spec.Reference{Graph: "b", Version: spec.Pin{Kind: spec.PinCurrent}}
	res := translate(t, src, migrate.Options{InlineReferences: true})
	r := report(t, res, spec.KindContextGraph, "a")
	if r.Status != migrate.Ready {
		t.Fatalf("status = %s: %+v", r.Status, r.Blocking())
	}
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "spec.references.r", detail: "of context graph b v2 are copied in"})
	g := lastGraph(t, res, "a")
	fin, _ := g.State("r__end__fin")
	if got := fin.Actions[0].Description; got != "Confirm the payment and send a receipt." {
		t.Errorf("the copy's terminal action is %q, want version 2's", got)
	}
}
