package migrate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// terminalExit is the exit condition an inlined copy's terminal state gets:
// in Classic the conversation returned to the jump-back state once the
// referenced graph's terminal state had done its one action.
const terminalExit = "This state's action is done."

// jump is one transition into a referenced graph.
type jump struct {
	from, entry, jumpBack string
}

// collectJumps lists the jumps into each reference, and the references in
// the order first jumped into.
func collectJumps(states []spec.State) (map[string][]jump, []string) {
	jumps := map[string][]jump{}
	var order []string
	for i := range states {
		eachTransition(&states[i], func(n *spec.NextState) {
			if !n.IsExternal() {
				return
			}
			ref, entry := n.Reference()
			if jumps[ref] == nil {
				order = append(order, ref)
			}
			jumps[ref] = append(jumps[ref], jump{from: states[i].Name, entry: entry, jumpBack: n.JumpBack})
		})
	}
	return jumps, order
}

// references resolves the jumps into other graphs: inlined with
// InlineReferences, else each reference used blocks the graph. The
// references stay in the output while any jump is left.
func (gt *graphTranslator) references(g *spec.ContextGraphSpec, refs map[string]spec.Reference) {
	jumps, order := collectJumps(g.States)
	for _, ref := range slices.Sorted(maps.Keys(refs)) {
		if len(jumps[ref]) == 0 && !gt.routed[ref] {
			gt.add(lost("spec.references."+ref, "declared, but no state jumps into it; Platform graphs have no references, so it is left out", ""))
		}
	}
	if len(order) == 0 {
		g.References = nil
		return
	}
	if !gt.t.opts.InlineReferences {
		for _, ref := range order {
			gt.add(blocking("spec.references."+ref,
				fmt.Sprintf("%s; %s is %s, and Platform graphs cannot reference other graphs", describeJumps(ref, jumps[ref]), ref, gt.t.describeRef(refs[ref])),
				fmt.Sprintf("migrate with --inline-references to copy the referenced graph's states into this graph, or in the mapping file send the jumps to a state of this graph with context_graphs.%s.references.%s.route_to: STATE", gt.name, ref)))
		}
		return
	}
	if gt.inline(g, refs, jumps, order) {
		g.References = nil
	}
}

// describeJumps says which states jump where: "state a jumps to
// r.x (returning to b)".
func describeJumps(ref string, js []jump) string {
	parts := make([]string, len(js))
	for i, j := range js {
		parts[i] = fmt.Sprintf("%s to %s.%s (returning to %s)", j.from, ref, j.entry, j.jumpBack)
	}
	if len(js) == 1 {
		return "state " + parts[0] + " jumps"
	}
	return "states " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + " jump"
}

// describeRef names what a reference points at.
func (t *translator) describeRef(r spec.Reference) string {
	name := r.ID
	if r.Graph != "" {
		name = r.Graph
	}
	c, v := t.referenced(r)
	if c != nil {
		name = c.Name
	}
	if r.Version.Kind == spec.PinNumber || c == nil {
		return fmt.Sprintf("context graph %s v%s", name, r.Version)
	}
	return fmt.Sprintf("context graph %s v%d (%s)", name, v, r.Version)
}

// referenced returns the container a reference names, or nil when the
// organization read has no such container, and the version it pins: a
// number, or for current (which a manifest may pin, the org read never
// does) the container's latest version.
func (t *translator) referenced(r spec.Reference) (*Container[spec.ContextGraphSpec], int) {
	c := t.graphsByID[r.ID]
	if r.Graph != "" {
		c = t.graphs[r.Graph]
	}
	switch {
	case r.Version.Kind == spec.PinNumber:
		return c, r.Version.Number
	case c != nil:
		return c, c.Latest
	}
	return nil, 0
}

// inline copies the referenced graphs' states into g: one copy per
// reference and jump-back state. It reports whether every jump could be
// inlined; if not, g is left as it was.
func (gt *graphTranslator) inline(g *spec.ContextGraphSpec, refs map[string]spec.Reference, jumps map[string][]jump, order []string) bool {
	taken := map[string]bool{}
	for _, s := range g.States {
		taken[s.Name] = true
	}
	ok := true
	entries := map[[2]string]map[string]string{} // (ref, jump-back) → referenced state → copy's state
	var added []spec.State
	for _, ref := range order {
		field := "spec.references." + ref
		ig, problem := gt.referencedGraph(ref, refs)
		if problem != "" {
			gt.add(blocking(field, problem, fmt.Sprintf("in the mapping file, send the jumps to a state of this graph with context_graphs.%s.references.%s.route_to: STATE", gt.name, ref)))
			ok = false
			continue
		}
		gt.propagate(field, ig)
		if ig.blocked {
			ok = false
			continue
		}
		for _, jb := range jumpBacks(jumps[ref]) {
			cp := ig.copyFor(jumps[ref], jb, ref+"__"+jb+"__", taken, g)
			if cp.missing != "" {
				gt.add(blocking(field, fmt.Sprintf("a state jumps to %s.%s, but %s has no state %s", ref, cp.missing, ig.where, cp.missing),
					fmt.Sprintf("correct the jump in Classic, or route it with context_graphs.%s.references.%s.route_to: STATE in the mapping file", gt.name, ref)))
				ok = false
				continue
			}
			added = append(added, cp.states...)
			entries[[2]string{ref, jb}] = cp.rename
			gt.add(transformed(field, ig.describeCopy(jumps[ref], jb, cp)))
		}
	}
	if !ok {
		return false
	}
	for i := range g.States {
		eachTransition(&g.States[i], func(n *spec.NextState) {
			if ref, entry := n.Reference(); n.IsExternal() {
				*n = spec.NextState{State: entries[[2]string{ref, n.JumpBack}][entry]}
			}
		})
	}
	g.States = append(g.States, added...)
	return true
}

// referencedGraph translates the graph version a reference names, or says
// why it cannot.
func (gt *graphTranslator) referencedGraph(ref string, refs map[string]spec.Reference) (*inlinedGraph, string) {
	r, declared := refs[ref]
	if !declared {
		return nil, fmt.Sprintf("states jump into %s, which is not declared under references", ref)
	}
	c, v := gt.t.referenced(r)
	switch {
	case c == nil:
		return nil, fmt.Sprintf("the reference names %s, which is not in the organization read (deprecated, or in another organization)", gt.t.describeRef(r))
	case !hasVersion(c, v):
		return nil, fmt.Sprintf("the reference names %s, a version that was not read", gt.t.describeRef(r))
	}
	return gt.t.inlinedGraph(c, v, append(slices.Clone(gt.inlines), gt.self)), ""
}

func hasVersion[S any](c *Container[S], v int) bool {
	_, ok := c.Versions[v]
	return ok
}

// propagate adds what cannot move in an inlined graph to this graph's
// findings: it blocks this graph too.
func (gt *graphTranslator) propagate(field string, ig *inlinedGraph) {
	for _, n := range ig.notes {
		if n.Outcome == CannotMove {
			n.Field = field + ": " + n.Field
			n.Detail = "in the inlined " + ig.where + ": " + n.Detail
			gt.add(n)
		}
	}
}

// jumpBacks lists the distinct jump-back states of the jumps, in order.
func jumpBacks(js []jump) []string {
	var out []string
	for _, j := range js {
		if !slices.Contains(out, j.jumpBack) {
			out = append(out, j.jumpBack)
		}
	}
	return out
}
