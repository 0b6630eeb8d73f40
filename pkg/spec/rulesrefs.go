package spec

import (
	"fmt"
	"sort"
	"strings"
)

// checkNames refuses two manifests of one kind with the same name: the name
// is the identity of the live resource.
func (r *run) checkNames() {
	first := map[Kind]map[string]*document{}
	for _, doc := range r.docs {
		if _, ok := KindOf(doc.kind); !ok || doc.name == "" {
			continue
		}
		if first[doc.kind] == nil {
			first[doc.kind] = map[string]*document{}
		}
		prev, dup := first[doc.kind][doc.name]
		if !dup {
			first[doc.kind][doc.name] = doc
			continue
		}
		where := nodeRange(prev.file, locate(prev.root, []string{"metadata", "name"}))
		r.diags.Append(r.diagAt(doc, []string{"metadata", "name"}, false, SeverityError, CodeDuplicateName,
			fmt.Sprintf("%s %q is defined twice; the other definition is at %s", doc.kind, doc.name, where)))
	}
}

// names returns the names of every document of a kind (valid or not, so
// that one broken manifest does not make every reference to it fail too).
func (r *run) names(k Kind) map[string]bool {
	out := map[string]bool{}
	for _, doc := range r.docs {
		if doc.kind == k && doc.name != "" {
			out[doc.name] = true
		}
	}
	return out
}

// checkServices checks that services name defined agents and graphs and do
// not declare the server-managed edge version set.
func (r *run) checkServices() {
	agents, graphs := r.names(KindAgent), r.names(KindContextGraph)
	agentHints, graphHints := newSuggester(agents), newSuggester(graphs)
	for i, svc := range r.bundle.Services {
		doc := r.kindDocs[KindService][i]
		// An empty name is one the schema refused or found missing.
		if svc.Spec.Agent != "" && !agents[svc.Spec.Agent] {
			r.diags.Append(r.diagAt(doc, []string{"spec", "agent"}, false, SeverityError, CodeServiceAgent,
				fmt.Sprintf("agent %q is not defined by any Agent manifest%s", svc.Spec.Agent, agentHints.suggest(svc.Spec.Agent))))
		}
		if svc.Spec.ContextGraph != "" && !graphs[svc.Spec.ContextGraph] {
			r.diags.Append(r.diagAt(doc, []string{"spec", "context_graph"}, false, SeverityError, CodeServiceGraph,
				fmt.Sprintf("context graph %q is not defined by any ContextGraph manifest%s", svc.Spec.ContextGraph, graphHints.suggest(svc.Spec.ContextGraph))))
		}
		if _, ok := svc.Spec.VersionSets["edge"]; ok {
			r.diags.Append(r.diagAt(doc, []string{"spec", "version_sets", "edge"}, true, SeverityError, CodeVersionSetEdge,
				"the edge version set is managed by the server (latest agent and context graph) and cannot be declared"))
		}
	}
}

// suggestBudget bounds the work one suggester spends on edit distances
// (the sum of len(name)×len(candidate) over the comparisons it makes).
const suggestBudget = 20_000_000

// suggester offers the closest of a set of defined names for each
// unknown one. It sorts the names once and remembers its answers, and
// once its budget is spent it stops suggesting: otherwise thousands of
// wrong names checked against thousands of defined ones (a generated
// graph of 40,000 states that all lead nowhere) took minutes.
type suggester struct {
	names  []string
	memo   map[string]string
	budget int
}

func newSuggester(defined map[string]bool) *suggester {
	names := make([]string, 0, len(defined))
	for n := range defined {
		names = append(names, n)
	}
	sort.Strings(names)
	return &suggester{names: names, memo: map[string]string{}, budget: suggestBudget}
}

// suggest returns "; did you mean ...?" or "".
func (s *suggester) suggest(name string) string {
	if hint, ok := s.memo[name]; ok {
		return hint
	}
	best, bestD := "", 3
	for _, n := range s.names {
		if s.budget <= 0 {
			return "" // not remembered: the answer is incomplete
		}
		if d := len(name) - len(n); d >= bestD || -d >= bestD {
			continue // editDistance would return at once
		}
		s.budget -= max(1, len(name)*len(n))
		if d := editDistance(name, n, bestD); d < bestD {
			best, bestD = n, d
		}
	}
	hint := ""
	if best != "" {
		hint = fmt.Sprintf("; did you mean %q?", best)
	}
	s.memo[name] = hint
	return hint
}

// checkGraphs applies the rules about references between graphs (the
// rules inside each graph ran when it was decoded).
func (r *run) checkGraphs() {
	graphs := r.names(KindContextGraph)
	hints := newSuggester(graphs)
	for i := range r.bundle.ContextGraphs {
		g := &r.bundle.ContextGraphs[i]
		doc := r.kindDocs[KindContextGraph][i]
		for _, ref := range sortedKeys(g.Spec.References) {
			target := g.Spec.References[ref]
			if target.Graph != "" && !graphs[target.Graph] {
				r.diags.Append(r.diagAt(doc, []string{"spec", "references", ref, "graph"}, false, SeverityError,
					CodeReferenceUnknown, fmt.Sprintf("reference %q names context graph %q, which no ContextGraph manifest defines%s; to use a graph managed elsewhere give its live id instead",
						ref, target.Graph, hints.suggest(target.Graph))))
			}
			if target.ID != "" && target.Version.Kind == PinCurrent {
				r.diags.Append(r.diagAt(doc, []string{"spec", "references", ref, "version"}, false, SeverityError,
					CodePinInvalid, fmt.Sprintf("reference %q pins current, which needs a graph this project manages (graph: NAME); a reference by id pins a version number", ref)))
			}
		}
	}
	r.checkCycles()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkCycles refuses graphs that reference each other in a loop: the
// graphs could never be created in order.
func (r *run) checkCycles() {
	index := map[string]int{}
	for i, g := range r.bundle.ContextGraphs {
		if _, dup := index[g.Name]; !dup {
			index[g.Name] = i
		}
	}
	edges := make([][]int, len(r.bundle.ContextGraphs))
	for i, g := range r.bundle.ContextGraphs {
		for _, ref := range sortedKeys(g.Spec.References) {
			if j, ok := index[g.Spec.References[ref].Graph]; ok {
				edges[i] = append(edges[i], j)
			}
		}
	}
	for _, comp := range stronglyConnected(edges) {
		if len(comp) == 1 && !contains(edges[comp[0]], comp[0]) {
			continue
		}
		names := make([]string, len(comp))
		for k, i := range comp {
			names[k] = r.bundle.ContextGraphs[i].Name
		}
		sort.Strings(names)
		loop := strings.Join(append(names, names[0]), " → ")
		for _, i := range comp {
			g := r.bundle.ContextGraphs[i]
			for _, ref := range sortedKeys(g.Spec.References) {
				if j, ok := index[g.Spec.References[ref].Graph]; ok && contains(comp, j) {
					r.diags.Append(r.diagAt(r.kindDocs[KindContextGraph][i], []string{"spec", "references", ref}, true, SeverityError,
						CodeReferenceCycle, fmt.Sprintf("reference %q is part of a reference cycle (%s); graphs must reference each other without loops", ref, loop)))
				}
			}
		}
	}
}

func contains(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

// stronglyConnected returns the strongly connected components of a
// directed graph (Tarjan's algorithm), each sorted.
func stronglyConnected(edges [][]int) [][]int {
	n := len(edges)
	index, low := make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			sort.Ints(comp)
			comps = append(comps, comp)
		}
	}
	for v := 0; v < n; v++ {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comps
}
