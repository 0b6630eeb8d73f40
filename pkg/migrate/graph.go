package migrate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// graphVersion names one version of a Classic context graph.
type graphVersion struct {
	id      string
	version int
}

// graphTranslator translates one version of one context graph.
type graphTranslator struct {
	t       *translator
	name    string
	self    graphVersion
	rules   *graphRules // nil: the mapping file has none for this graph
	notes   []note
	names   map[string]bool // the version's states, after the map's removals
	routed  map[string]bool // references whose jumps the map routes
	ruled   map[string]bool // states the map replaced by an annotation
	inlines []graphVersion  // the graphs being inlined into this one, outermost first
}

// graph translates version v of context graph c.
func (t *translator) graph(c *Container[spec.ContextGraphSpec], v int, g spec.ContextGraphSpec) (spec.ContextGraphSpec, []note) {
	gt := t.graphTranslator(c, v, nil)
	return gt.translate(g), gt.notes
}

func (t *translator) graphTranslator(c *Container[spec.ContextGraphSpec], v int, inlines []graphVersion) *graphTranslator {
	gt := &graphTranslator{t: t, name: c.Name, self: graphVersion{c.ID, v}, rules: t.rules.graphs.get(c.Name),
		routed: map[string]bool{}, ruled: map[string]bool{}, inlines: inlines}
	if gt.rules != nil {
		t.used[gt.rules] = true
	}
	return gt
}

func (gt *graphTranslator) add(n note) { gt.notes = append(gt.notes, n) }

// where names this graph version in messages.
func (gt *graphTranslator) where() string {
	return fmt.Sprintf("context graph %s v%d", gt.name, gt.self.version)
}

// translate returns the Platform form of g, noting what happened.
func (gt *graphTranslator) translate(g spec.ContextGraphSpec) spec.ContextGraphSpec {
	out := g
	out.TopologyDescription = nil
	states, rename := gt.applyStateRules(g.States)
	out.States = states
	if g.Description != "" {
		gt.add(carried("spec.description"))
	}
	gt.renameSpecial(&out, rename)
	for i := range out.States {
		eachTransition(&out.States[i], func(n *spec.NextState) {
			n.State, n.JumpBack = renamed(rename, n.State), renamed(rename, n.JumpBack)
		})
	}
	gt.routeReferences(&out, rename)
	for i := range out.States {
		out.States[i] = gt.state(out.States[i])
	}
	gt.references(&out, g.References)
	for _, f := range []struct {
		field string
		set   bool
	}{
		{"spec.global_intra_state_navigation_guidelines", len(g.GlobalIntraStateNavigationGuidelines) > 0},
		{"spec.global_action_guidelines", len(g.GlobalActionGuidelines) > 0},
		{"spec.global_boundary_constraints", len(g.GlobalBoundaryConstraints) > 0},
	} {
		if f.set {
			gt.add(carried(f.field))
		}
	}
	out.GlobalIntraStateNavigationGuidelines = nonNil(g.GlobalIntraStateNavigationGuidelines)
	out.GlobalActionGuidelines = nonNil(g.GlobalActionGuidelines)
	out.GlobalBoundaryConstraints = nonNil(g.GlobalBoundaryConstraints)
	return out
}

// applyStateRules copies the states (so that the Source is never
// changed), replacing those the map annotates and leaving out those it
// routes elsewhere; rename maps each removed state to where its
// transitions now go.
func (gt *graphTranslator) applyStateRules(states []spec.State) ([]spec.State, map[string]string) {
	gt.names = map[string]bool{}
	for _, s := range states {
		gt.names[s.Name] = true
	}
	rename := map[string]string{}
	out := make([]spec.State, 0, len(states))
	for _, s := range states {
		s = cloneState(s)
		var rule *stateRule
		if gt.rules != nil {
			rule = gt.rules.states.get(s.Name)
		}
		switch {
		case rule == nil:
			out = append(out, s)
		case rule.annotate:
			gt.t.used[rule] = true
			out = append(out, gt.annotate(s, rule))
		default:
			gt.t.used[rule] = true
			if to, ok := gt.routeTarget(s.Name); ok {
				rename[s.Name] = to
				gt.add(transformed(stateField(s.Name), fmt.Sprintf("the %s state is removed by the mapping file (%s); the transitions that led to it go to %s", s.Type, gt.t.ruleAt(rule.at), to)))
				continue
			}
			out = append(out, s)
		}
	}
	for from := range rename {
		delete(gt.names, from)
	}
	return out, rename
}

// routeTarget follows the route_to rules from state x to a state that
// stays, refusing loops and states this version does not have.
func (gt *graphTranslator) routeTarget(x string) (string, bool) {
	first := gt.rules.states.get(x)
	path := []string{x}
	for rule := first; ; {
		to := rule.routeTo
		switch {
		case slices.Contains(path, to):
			gt.t.mapErr(first.routeAt, "the route_to rules make a loop of removed states in %s: %s", gt.where(), strings.Join(append(path, to), " → "))
			return "", false
		case !gt.names[to]:
			gt.t.mapErr(rule.routeAt, "%s is not a state of %s%s", to, gt.where(), stateList(gt.names))
			return "", false
		}
		next := gt.rules.states.get(to)
		if next == nil || next.annotate {
			return to, true
		}
		path, rule = append(path, to), next
	}
}

// annotate replaces s by an annotation state with the rule's inner
// thought, leading where s led (its only successor, or the rule's
// next_state).
func (gt *graphTranslator) annotate(s spec.State, rule *stateRule) spec.State {
	var next spec.NextState
	switch succ := s.Successors(); {
	case rule.nextState != "":
		if !gt.names[rule.nextState] {
			gt.t.mapErr(rule.nextAt, "%s is not a state of %s%s", rule.nextState, gt.where(), stateList(gt.names))
		}
		next = spec.NextState{State: rule.nextState}
	case len(succ) == 1:
		next = succ[0]
	default:
		gt.t.mapErr(rule.at, "state %s of %s is a %s state with %d ways out; say which one the annotation leads to: annotate: {inner_thought: ..., next_state: STATE}",
			s.Name, gt.where(), s.Type, len(succ))
		return s
	}
	gt.ruled[s.Name] = true
	gt.add(transformed(stateField(s.Name), fmt.Sprintf("the %s state is replaced by an annotation state with the mapping file's inner thought (%s)", s.Type, gt.t.ruleAt(rule.at))))
	return spec.State{Type: spec.StateAnnotation, Name: s.Name, InnerThought: rule.innerThought, NextState: &next}
}

// renameSpecial moves the initial and terminal states off removed states.
func (gt *graphTranslator) renameSpecial(g *spec.ContextGraphSpec, rename map[string]string) {
	for _, sp := range []struct {
		field string
		name  *string
	}{
		{"spec.new_user_initial_state", &g.NewUserInitialState},
		{"spec.returning_user_initial_state", &g.ReturningUserInitialState},
		{"spec.terminal_state", &g.TerminalState},
	} {
		if to, ok := rename[*sp.name]; ok {
			gt.add(transformed(sp.field, fmt.Sprintf("%s is removed by the mapping file; %s is used instead", *sp.name, to)))
			*sp.name = to
			continue
		}
		gt.add(carried(sp.field))
	}
}

// routeReferences sends the jumps into references the map routes to the
// rule's state.
func (gt *graphTranslator) routeReferences(g *spec.ContextGraphSpec, rename map[string]string) {
	if gt.rules == nil {
		return
	}
	for i := range g.States {
		eachTransition(&g.States[i], func(n *spec.NextState) {
			ref, _ := n.Reference()
			rule := gt.rules.refs.get(ref)
			if !n.IsExternal() || rule == nil {
				return
			}
			gt.t.used[rule] = true
			to := renamed(rename, rule.routeTo)
			if !gt.names[to] {
				gt.t.mapErr(rule.routeAt, "%s is not a state of %s%s", rule.routeTo, gt.where(), stateList(gt.names))
				return
			}
			gt.routed[ref] = true
			gt.add(transformed("spec.references."+ref, fmt.Sprintf("the jumps into %s go to state %s instead (mapping file %s)", ref, to, gt.t.ruleAt(rule.at))))
			*n = spec.NextState{State: to}
		})
	}
}

// eachTransition calls fn with every transition out of s.
func eachTransition(s *spec.State, fn func(*spec.NextState)) {
	for i := range s.ExitConditions {
		fn(&s.ExitConditions[i].NextState)
	}
	if s.NextState != nil {
		fn(s.NextState)
	}
}

// cloneState copies the parts of a state that translation changes.
func cloneState(s spec.State) spec.State {
	s.ExitConditions = slices.Clone(s.ExitConditions)
	if s.NextState != nil {
		s.NextState = ptr(*s.NextState)
	}
	return s
}

func renamed(rename map[string]string, name string) string {
	if to, ok := rename[name]; ok {
		return to
	}
	return name
}

func stateField(name string) string { return fmt.Sprintf("spec.states[%s]", name) }
