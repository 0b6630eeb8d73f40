package spec

import (
	"fmt"
	"strconv"
)

// graphCheck applies the context-graph rules of the API documentation to
// one schema-valid graph.
type graphCheck struct {
	run   *run
	doc   *document
	g     *ContextGraphSpec
	index map[string]int // state name → first index
	edges []transition   // reused by transitions
	hints *suggester     // of state names, made on first use
}

// transition is one edge out of a state, with where it is written.
type transition struct {
	to    NextState
	state int // index of the state
	exit  int // index of the exit condition, or -1
	field string
}

// path is the path of the next_state (or on_complete) value, built only
// when a diagnostic needs it.
func (t transition) path() []string {
	if t.exit >= 0 {
		return statePath(t.state, "exit_conditions", strconv.Itoa(t.exit), "next_state")
	}
	return statePath(t.state, t.field)
}

func (c *graphCheck) errorf(path []string, atKey bool, code, format string, args ...any) {
	c.run.diags.Append(c.run.diagAt(c.doc, path, atKey, SeverityError, code, fmt.Sprintf(format, args...)))
}

func (c *graphCheck) warnf(path []string, code, format string, args ...any) {
	c.run.diags.Append(c.run.diagAt(c.doc, path, false, SeverityWarning, code, fmt.Sprintf(format, args...)))
}

func statePath(i int, rest ...string) []string {
	return append([]string{"spec", "states", strconv.Itoa(i)}, rest...)
}

func (c *graphCheck) check() {
	before := len(c.run.diags)
	c.index = make(map[string]int, len(c.g.States))
	for i, s := range c.g.States {
		if j, dup := c.index[s.Name]; dup {
			c.errorf(statePath(i, "name"), false, CodeStateDuplicate,
				"state %q is defined twice (also spec.states[%d]); state names must be unique", s.Name, j)
			continue
		}
		c.index[s.Name] = i
	}
	c.checkSpecialStates()
	for i := range c.g.States {
		c.checkState(i)
	}
	// Reachability is only meaningful once every transition is sound;
	// otherwise each broken edge would also show up as warnings.
	if len(c.run.diags) == before {
		c.checkReachability()
	}
}

// checkSpecialStates: both initial states and the terminal state exist and
// are action states; the terminal state has no exits and one action.
func (c *graphCheck) checkSpecialStates() {
	specials := []struct{ field, name string }{
		{"new_user_initial_state", c.g.NewUserInitialState},
		{"returning_user_initial_state", c.g.ReturningUserInitialState},
		{"terminal_state", c.g.TerminalState},
	}
	for _, sp := range specials {
		i, ok := c.index[sp.name]
		if !ok {
			c.errorf([]string{"spec", sp.field}, false, CodeSpecialStateMissing,
				"%s %q is not a state of this graph", sp.field, sp.name)
			continue
		}
		if t := c.g.States[i].Type; t != StateAction {
			c.errorf([]string{"spec", sp.field}, false, CodeSpecialStateType,
				"%s %q is a state of type %s; the initial and terminal states must be action states", sp.field, sp.name, t)
		}
	}
	i, ok := c.index[c.g.TerminalState]
	if !ok || c.g.States[i].Type != StateAction {
		return
	}
	term := c.g.States[i]
	if n := len(term.ExitConditions); n > 0 {
		c.errorf(statePath(i, "exit_conditions"), false, CodeTerminalExits,
			"terminal state %q has %d exit condition(s); the terminal state must have none", term.Name, n)
	}
	if n := len(term.Actions); n > 1 {
		c.errorf(statePath(i, "actions"), false, CodeTerminalActions,
			"terminal state %q has %d actions; the terminal state must have exactly one", term.Name, n)
	}
}

// checkState checks a state's actions and where its transitions lead.
func (c *graphCheck) checkState(i int) {
	s := &c.g.States[i]
	if s.Type == StateAction && len(s.Actions) == 0 {
		c.errorf(statePath(i, "actions"), false, CodeActionsEmpty, "action state %q has no actions; it needs at least one", s.Name)
	}
	if s.Type == StateRecall {
		c.checkRecallSource(i, s)
	}
	for _, t := range c.transitions(i) {
		if !t.to.IsExternal() {
			c.checkInternal(s, t)
			continue
		}
		ref, _ := t.to.Reference()
		if _, ok := c.g.References[ref]; !ok {
			c.errorf(append(t.path(), "0"), false, CodeReferenceUndeclared,
				"state %q jumps to %q, but %q is not declared under references", s.Name, t.to.External, ref)
		}
		if _, ok := c.index[t.to.JumpBack]; !ok {
			c.errorf(append(t.path(), "1"), false, CodeJumpbackUnknown,
				"state %q jumps back to %q, which is not a state of this graph", s.Name, t.to.JumpBack)
		}
	}
}

// checkRecallSource enforces the Classic API's rule that a recall state
// either runs its own queries or asks for requested_information, not both
// and not neither ("If this field is defined, requested_information must
// be None", on RecallState.queries).
func (c *graphCheck) checkRecallSource(i int, s *State) {
	switch hasQueries := len(s.Queries) > 0; {
	case hasQueries && s.RequestedInformation != nil:
		c.errorf(statePath(i, "requested_information"), true, CodeRecallSource,
			"recall state %q has both queries and requested_information; it needs exactly one of them", s.Name)
	case !hasQueries && s.RequestedInformation == nil:
		c.errorf(statePath(i), false, CodeRecallSource,
			"recall state %q has neither queries nor requested_information; it needs exactly one of them", s.Name)
	}
}

func (c *graphCheck) checkInternal(s *State, t transition) {
	if t.to.State == s.Name {
		c.errorf(t.path(), false, CodeNextStateSelf, "state %q transitions to itself; a next state must be another state", s.Name)
		return
	}
	if _, ok := c.index[t.to.State]; !ok {
		c.errorf(t.path(), false, CodeNextStateUnknown, "state %q transitions to %q, which is not a state of this graph%s",
			s.Name, t.to.State, c.suggestState(t.to.State))
	}
}

// suggestState offers the closest state name to an unknown one.
func (c *graphCheck) suggestState(name string) string {
	if c.hints == nil {
		names := make(map[string]bool, len(c.index))
		for n := range c.index {
			names[n] = true
		}
		c.hints = newSuggester(names)
	}
	return c.hints.suggest(name)
}

// transitions lists the edges out of state i with their paths. The slice
// is reused by the next call.
func (c *graphCheck) transitions(i int) []transition {
	s := &c.g.States[i]
	out := c.edges[:0]
	for j, ec := range s.ExitConditions {
		out = append(out, transition{to: ec.NextState, state: i, exit: j})
	}
	if s.NextState != nil {
		out = append(out, transition{to: *s.NextState, state: i, exit: -1, field: "next_state"})
	}
	if s.OnComplete != "" {
		out = append(out, transition{to: NextState{State: s.OnComplete}, state: i, exit: -1, field: "on_complete"})
	}
	c.edges = out
	return out
}

// checkReachability warns about states no conversation can enter and
// states from which the terminal state cannot be reached.
func (c *graphCheck) checkReachability() {
	n := len(c.g.States)
	var from, to []int // the edges between states of this graph
	for i := range c.g.States {
		for _, t := range c.transitions(i) {
			name := t.to.State
			if t.to.IsExternal() {
				name = t.to.JumpBack // the conversation resumes there
			}
			if j, ok := c.index[name]; ok {
				from, to = append(from, i), append(to, j)
			}
		}
	}
	succ, pred := newAdjacency(n, from, to), newAdjacency(n, to, from)
	var starts []int
	for _, name := range []string{c.g.NewUserInitialState, c.g.ReturningUserInitialState} {
		if i, ok := c.index[name]; ok {
			starts = append(starts, i)
		}
	}
	reached := closure(succ, starts)
	for i, s := range c.g.States {
		if len(starts) > 0 && !reached[i] && c.index[s.Name] == i {
			c.warnf(statePath(i, "name"), CodeStateUnreachable,
				"state %q cannot be reached from %s", s.Name, c.initialStates())
		}
	}
	term, ok := c.index[c.g.TerminalState]
	if !ok {
		return
	}
	toTerminal := closure(pred, []int{term})
	for i, s := range c.g.States {
		if !toTerminal[i] && c.index[s.Name] == i {
			c.warnf(statePath(i, "name"), CodeTerminalUnreachable,
				"the terminal state %q cannot be reached from state %q", c.g.TerminalState, s.Name)
		}
	}
}

// adjacency lists the edges out of each of n nodes in one array: the
// targets of node v are to[start[v]:start[v+1]].
type adjacency struct {
	start, to []int
}

// newAdjacency builds the adjacency of the edges src[k] → dst[k], in
// edge order.
func newAdjacency(n int, src, dst []int) adjacency {
	a := adjacency{start: make([]int, n+1), to: make([]int, len(dst))}
	for _, v := range src {
		a.start[v+1]++
	}
	for v := 0; v < n; v++ {
		a.start[v+1] += a.start[v]
	}
	next := append([]int(nil), a.start[:n]...)
	for k, v := range src {
		a.to[next[v]] = dst[k]
		next[v]++
	}
	return a
}

// closure returns the nodes reachable from starts (inclusive).
func closure(edges adjacency, starts []int) []bool {
	seen := make([]bool, len(edges.start)-1)
	stack := append([]int(nil), starts...)
	for _, s := range starts {
		seen[s] = true
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, w := range edges.to[edges.start[v]:edges.start[v+1]] {
			if !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return seen
}

// initialStates names the initial state(s) for messages.
func (c *graphCheck) initialStates() string {
	if c.g.NewUserInitialState == c.g.ReturningUserInitialState {
		return fmt.Sprintf("the initial state %q", c.g.NewUserInitialState)
	}
	return fmt.Sprintf("the initial states %q and %q", c.g.NewUserInitialState, c.g.ReturningUserInitialState)
}
