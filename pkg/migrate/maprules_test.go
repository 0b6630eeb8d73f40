package migrate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ruleGraph has a recall, a reflection and a tool-call state in a row,
// and a decision state with two ways out.
var ruleGraph = graph("g", "end", `  states:
    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      exit_conditions:
        - {description: Go on., next_state: remember}
        - {description: Choose., next_state: choose}
    - type: recall
      name: remember
      queries: [last visit]
      next_state: think
    - type: reflection
      name: think
      problem: What now?
      word_limit: 50
      audio_filler_triggered_after: 1
      next_state: call
`+toolCallState+`    - type: decision
      name: choose
      objective: Choose.
      audio_filler_triggered_after: 1
      exit_conditions:
        - {description: Done., next_state: end}
        - {description: Again., next_state: start}
`+endState("end"))

// TestMapRules checks that the rules resolve the states they name.
func TestMapRules(t *testing.T) {
	m := parseMap(t, `format_version: 1
context_graphs:
  g:
    states:
      remember: {annotate: Recall the last visit.}
      think: {route_to: call}
      call: {route_to: end}
      choose: {annotate: {inner_thought: Decide., next_state: end}}
`)
	res := translate(t, org(t, map[string]string{"context-graphs/g/v1.yaml": ruleGraph}), migrate.Options{Map: m})
	r := report(t, res, spec.KindContextGraph, "g")
	if r.Status != migrate.Ready {
		t.Fatalf("status = %s: %+v", r.Status, r.Blocking())
	}
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "spec.states[think]", detail: "removed by the mapping file (map.yaml:6:7); the transitions that led to it go to end"})
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "spec.states[remember]", detail: "the recall state is replaced by an annotation state"})
	g := lastGraph(t, res, "g")
	var names []string
	for _, s := range g.States {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"start", "remember", "choose", "end"}, names); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
	remember, _ := g.State("remember")
	wantRemember := spec.State{Type: spec.StateAnnotation, Name: "remember", InnerThought: "Recall the last visit.", NextState: &spec.NextState{State: "end"}}
	if diff := cmp.Diff(wantRemember, *remember); diff != "" {
		t.Errorf("remember, routed through think and call to end (-want +got):\n%s", diff)
	}
	choose, _ := g.State("choose")
	if choose.Type != spec.StateAnnotation || choose.NextState.State != "end" || choose.InnerThought != "Decide." {
		t.Errorf("choose = %+v, want an annotation leading to end", choose)
	}
}

// TestMapRuleErrors checks the rules that do not fit the organization:
// each is an error at its place in the mapping file.
func TestMapRuleErrors(t *testing.T) {
	tests := []struct {
		name, rules string
		want        []string
	}{
		{"unknown graph", "  other:\n    states:\n      x: {route_to: y}\n",
			[]string{"map.yaml:3:3: context_graphs.other: the organization has no context graph called other"}},
		{"unknown state", "  g:\n    states:\n      remembr: {route_to: think}\n", []string{
			"map.yaml:5:7: context_graphs.g.states.remembr: no migrated version of context graph g has a state remembr"}},
		{"route to a missing state", "  g:\n    states:\n      remember: {route_to: thinking}\n", []string{
			"map.yaml:5:28: context_graphs.g.states.remember.route_to: thinking is not a state of context graph g v1 (its states: call, choose, end, remember, start, think)"}},
		{"route loop", "  g:\n    states:\n      think: {route_to: call}\n      call: {route_to: think}\n", []string{
			"map.yaml:5:25: context_graphs.g.states.think.route_to: the route_to rules make a loop of removed states in context graph g v1: think → call → think",
			"map.yaml:6:24: context_graphs.g.states.call.route_to: the route_to rules make a loop of removed states in context graph g v1: call → think → call"}},
		{"annotate a state with two ways out", "  g:\n    states:\n      choose: {annotate: Decide.}\n", []string{
			"map.yaml:5:7: context_graphs.g.states.choose: state choose of context graph g v1 is a decision state with 2 ways out; say which one the annotation leads to: annotate: {inner_thought: ..., next_state: STATE}"}},
		{"annotation leads nowhere", "  g:\n    states:\n      remember: {annotate: {inner_thought: Hi., next_state: nowhere}}\n", []string{
			"map.yaml:5:61: context_graphs.g.states.remember.annotate.next_state: nowhere is not a state of context graph g v1 (its states: call, choose, end, remember, start, think)"}},
		{"unused reference rule", "  g:\n    references:\n      legacy: {route_to: end}\n", []string{
			"map.yaml:5:7: context_graphs.g.references.legacy: no migrated version of context graph g jumps into reference legacy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseMap(t, "format_version: 1\ncontext_graphs:\n"+tt.rules)
			_, err := migrate.Translate(org(t, map[string]string{"context-graphs/g/v1.yaml": ruleGraph}), migrate.Options{Map: m, Validator: newValidator(t)})
			var errs migrate.MapErrors
			if !errors.As(err, &errs) {
				t.Fatalf("Translate error = %v, want MapErrors", err)
			}
			if got, want := err.Error(), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestUnusedToolRule checks that a tool rule no graph needs is an error.
func TestUnusedToolRule(t *testing.T) {
	m := parseMap(t, "format_version: 1\ntools:\n  5f1e2d3c4b5a69788796a5b9: lookup\n")
	_, err := migrate.Translate(org(t, map[string]string{"context-graphs/g/v1.yaml": ruleGraph}),
		migrate.Options{Map: m, Validator: newValidator(t)})
	if want := "map.yaml:3:3: tools.5f1e2d3c4b5a69788796a5b9: no migrated context graph calls tool 5f1e2d3c4b5a69788796a5b9"; err == nil || err.Error() != want {
		t.Errorf("Translate error = %v, want %q", err, want)
	}
}
