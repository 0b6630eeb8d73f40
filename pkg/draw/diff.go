package draw

import "github.com/amigosync/amigosync/pkg/spec"

// Diff draws the change from before to after in one picture: everything in
// after, with the states, jump nodes and transitions that after adds marked
// Added, those whose content or label changed marked Changed, and those
// only before has drawn too, marked Removed. A state is changed when any of
// its fields changed (not only its transitions), or when it became or
// stopped being the terminal state.
//
// For a new graph pass a zero before (everything is added); for a removed
// one a zero after (everything is removed).
func Diff(before, after spec.ContextGraphSpec) Picture {
	old, cur := From(before), From(after)
	out := Picture{}
	oldNodes := make(map[string]Node, len(old.Nodes))
	for _, n := range old.Nodes {
		oldNodes[n.Key] = n
	}
	curNodes := make(map[string]bool, len(cur.Nodes))
	for _, n := range cur.Nodes {
		curNodes[n.Key] = true
		if o, ok := oldNodes[n.Key]; !ok {
			n.Mark = Added
		} else if o.content != n.content {
			n.Mark = Changed
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, n := range old.Nodes {
		if !curNodes[n.Key] {
			n.Mark = Removed
			out.Nodes = append(out.Nodes, n)
		}
	}
	out.Edges = diffEdges(old.Edges, cur.Edges)
	return out
}

// diffEdges marks the edges of cur against those of old, by their key
// (kind, endpoints and occurrence), and appends the removed ones.
func diffEdges(old, cur []Edge) []Edge {
	oldEdges := make(map[string]Edge, len(old))
	for _, e := range old {
		oldEdges[e.key] = e
	}
	curEdges := make(map[string]bool, len(cur))
	out := make([]Edge, 0, len(cur))
	for _, e := range cur {
		curEdges[e.key] = true
		if o, ok := oldEdges[e.key]; !ok {
			e.Mark = Added
		} else if o.text != e.text {
			e.Mark = Changed
		}
		out = append(out, e)
	}
	for _, e := range old {
		if !curEdges[e.key] {
			e.Mark = Removed
			out = append(out, e)
		}
	}
	return out
}
