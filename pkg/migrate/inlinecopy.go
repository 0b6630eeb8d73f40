package migrate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// inlinedGraph is a referenced graph version, translated once for every
// graph that inlines it.
type inlinedGraph struct {
	where   string // "context graph payments v1"
	spec    spec.ContextGraphSpec
	notes   []note
	blocked bool
}

// inlinedGraph translates version v of c for inlining. stack lists the
// graph versions being inlined into each other, outermost first: meeting
// one again is a reference cycle, which cannot be inlined.
func (t *translator) inlinedGraph(c *Container[spec.ContextGraphSpec], v int, stack []graphVersion) *inlinedGraph {
	key := graphVersion{c.ID, v}
	where := fmt.Sprintf("context graph %s v%d", c.Name, v)
	if slices.Contains(stack, key) {
		return &inlinedGraph{where: where, blocked: true, notes: []note{blocking("spec.references",
			"the graphs reference each other in a loop, so their states cannot be copied into one another",
			"in the mapping file, route one of the jumps of the loop to a state of its own graph (references.REF.route_to)")}}
	}
	if ig := t.inlined[key]; ig != nil {
		return ig
	}
	gt := t.graphTranslator(c, v, stack)
	out := gt.translate(c.Versions[v])
	ig := &inlinedGraph{where: where, spec: out, notes: gt.notes,
		blocked: slices.ContainsFunc(gt.notes, func(n note) bool { return n.Blocking })}
	t.inlined[key] = ig
	return ig
}

// inlineCopy is one copy of a referenced graph's states.
type inlineCopy struct {
	states []spec.State
	// rename maps the referenced graph's states to the copies' names.
	rename map[string]string
	// missing names an entry state the referenced graph does not have.
	missing string
	// globals says whether global guidelines were added to the copies.
	globals bool
}

// copyFor copies the states of the referenced graph that the jumps
// returning to jumpBack can reach, named prefix+state (made unique against
// taken, which it extends). The copy of the terminal state exits to
// jumpBack; the referenced graph's global guidelines that the host graph
// lacks, which Platform cannot keep per graph, are added to the copied
// action states.
func (ig *inlinedGraph) copyFor(js []jump, jumpBack, prefix string, taken map[string]bool, host *spec.ContextGraphSpec) inlineCopy {
	b := &ig.spec
	var starts []string
	for _, j := range js {
		if j.jumpBack != jumpBack {
			continue
		}
		if _, ok := b.State(j.entry); !ok {
			return inlineCopy{missing: j.entry}
		}
		starts = append(starts, j.entry)
	}
	reach := reachable(b, starts)
	cp := inlineCopy{rename: map[string]string{}}
	for _, s := range b.States {
		if reach[s.Name] {
			cp.rename[s.Name] = uniqueName(prefix+s.Name, taken)
		}
	}
	nav := missingFrom(b.GlobalIntraStateNavigationGuidelines, host.GlobalIntraStateNavigationGuidelines)
	act := missingFrom(b.GlobalActionGuidelines, host.GlobalActionGuidelines)
	bounds := missingFrom(b.GlobalBoundaryConstraints, host.GlobalBoundaryConstraints)
	for _, s := range b.States {
		if !reach[s.Name] {
			continue
		}
		c := cloneState(s)
		c.Name = cp.rename[s.Name]
		eachTransition(&c, func(n *spec.NextState) { n.State = cp.rename[n.State] })
		if s.Name == b.TerminalState {
			c.ExitConditions = []spec.ExitCondition{{Description: terminalExit, NextState: spec.NextState{State: jumpBack}}}
		}
		if c.Type == spec.StateAction && len(nav)+len(act)+len(bounds) > 0 {
			c.IntraStateNavigationGuidelines = slices.Concat(c.IntraStateNavigationGuidelines, nav)
			c.ActionGuidelines = slices.Concat(c.ActionGuidelines, act)
			c.BoundaryConstraints = slices.Concat(c.BoundaryConstraints, bounds)
			cp.globals = true
		}
		cp.states = append(cp.states, c)
	}
	return cp
}

// describeCopy says which states one copy holds, where from, and how it
// returns.
func (ig *inlinedGraph) describeCopy(js []jump, jumpBack string, cp inlineCopy) string {
	b := &ig.spec
	var from, orig, copies []string
	for _, j := range js {
		if j.jumpBack == jumpBack && !slices.Contains(from, j.from) {
			from = append(from, j.from)
		}
	}
	for _, s := range b.States {
		if n, ok := cp.rename[s.Name]; ok {
			orig, copies = append(orig, s.Name), append(copies, n)
		}
	}
	msg := fmt.Sprintf("inlined: the states %s of %s are copied in as %s, entered from %s",
		strings.Join(orig, ", "), ig.where, strings.Join(copies, ", "), strings.Join(from, ", "))
	if n, ok := cp.rename[b.TerminalState]; ok {
		msg += fmt.Sprintf("; the copy of its terminal state, %s, becomes an action state that exits to %s", n, jumpBack)
	} else {
		msg += fmt.Sprintf("; the copy cannot reach its terminal state, so, as in Classic, it never returns to %s", jumpBack)
	}
	if cp.globals {
		msg += fmt.Sprintf("; the global guidelines of %s that this graph lacks are added to the copied action states", ig.where)
	}
	return msg
}

// reachable returns the states of g that can be reached from starts.
func reachable(g *spec.ContextGraphSpec, starts []string) map[string]bool {
	seen := map[string]bool{}
	stack := slices.Clone(starts)
	for len(stack) > 0 {
		name := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[name] {
			continue
		}
		seen[name] = true
		if s, ok := g.State(name); ok {
			for _, n := range s.Successors() {
				stack = append(stack, n.State)
			}
		}
	}
	return seen
}

// uniqueName returns name, or name_2, name_3... if taken, and takes it.
func uniqueName(name string, taken map[string]bool) string {
	n := name
	for i := 2; taken[n]; i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	taken[n] = true
	return n
}

// missingFrom returns the entries of list that have is missing.
func missingFrom(list, have []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(have, s) {
			out = append(out, s)
		}
	}
	return out
}
