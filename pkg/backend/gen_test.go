package backend_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/spec"
)

// This file generates random projects for the differential test: one agent,
// one context graph and (Classic) a small graph it references, each in its
// own file, mostly valid, sometimes breaking a rule on purpose. A seed
// always gives the same project.

// genDoc is one generated manifest: its file, kind, name and document.
type genDoc struct {
	file string
	kind spec.Kind
	name string
	doc  map[string]any
}

// genProject is a generated project, documents in creation order
// (referenced graphs before the graphs that reference them).
type genProject struct {
	seed    uint64
	dialect spec.Dialect
	docs    []genDoc
}

// files renders the project as manifest files, amigosync.yaml included.
func (p genProject) files() (map[string]string, error) {
	out := map[string]string{
		spec.ProjectFile: fmt.Sprintf("targets:\n  t:\n    api: %s\n    embedded: true\n", p.dialect),
	}
	for _, d := range p.docs {
		b, err := yaml.Marshal(d.doc)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", d.file, err)
		}
		// yaml.v3 writes some strings ("\t\n") as block scalars it cannot
		// read back; JSON, which is YAML too, says the same thing.
		var back any
		if yaml.Unmarshal(b, &back) != nil {
			if b, err = json.MarshalIndent(d.doc, "", "  "); err != nil {
				return nil, fmt.Errorf("render %s: %w", d.file, err)
			}
		}
		out[d.file] = string(b)
	}
	return out, nil
}

// gen draws the parts of one project.
type gen struct {
	r       *rand.Rand
	d       spec.Dialect
	seed    uint64
	rate    float64  // how often rules are broken: 0 for a clean project
	names   []string // state names of the graph being generated
	refName string   // the graph the main graph may reference (Classic)
}

// generate makes the project of seed for dialect d.
func generate(seed uint64, d spec.Dialect) genProject {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(len(d)))), d: d, seed: seed}
	g.rate = pick(g, 0, 0, 0.2, 0.2, 1)
	p := genProject{seed: seed, dialect: d}
	p.docs = append(p.docs, genDoc{file: "agent.yaml", kind: spec.KindAgent, name: g.containerName("agent"), doc: nil})
	p.docs[0].doc = manifest(spec.KindAgent, p.docs[0].name, g.agent())
	if d == spec.DialectClassic {
		g.refName = fmt.Sprintf("ref-%d", seed)
		p.docs = append(p.docs, genDoc{file: "ref.yaml", kind: spec.KindContextGraph, name: g.refName,
			doc: manifest(spec.KindContextGraph, g.refName, refGraph())})
	}
	name := g.containerName("graph")
	p.docs = append(p.docs, genDoc{file: "graph.yaml", kind: spec.KindContextGraph, name: name,
		doc: manifest(spec.KindContextGraph, name, g.graph())})
	return p
}

func manifest(k spec.Kind, name string, body map[string]any) map[string]any {
	return map[string]any{"apiVersion": spec.APIVersion, "kind": string(k), "metadata": map[string]any{"name": name}, "spec": body}
}

// refGraph is the valid graph a Classic graph may jump into.
func refGraph() map[string]any {
	return map[string]any{
		"description": "Referenced.", "new_user_initial_state": "start", "returning_user_initial_state": "start",
		"terminal_state": "end", "references": map[string]any{},
		"states": []any{
			map[string]any{"type": "action", "name": "start", "objective": "Begin.", "actions": []any{"Say hi."},
				"exit_conditions": []any{map[string]any{"description": "Done.", "next_state": "end"}}},
			map[string]any{"type": "action", "name": "end", "objective": "End.", "actions": []any{"Say bye."}},
		},
	}
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// oops reports whether to break a rule, with probability p scaled by the
// project's rate of mistakes.
func (g *gen) oops(p float64) bool { return g.chance(p * g.rate) }

// vary picks one of good, or now and then one of bad.
func vary[T any](g *gen, good, bad []T) T {
	if len(bad) > 0 && g.oops(0.15) {
		return pick(g, bad...)
	}
	return pick(g, good...)
}

func pick[T any](g *gen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

// containerName is a manifest name, unique per seed, sometimes odd.
func (g *gen) containerName(what string) string {
	base := fmt.Sprintf("%s-%d", what, g.seed)
	switch {
	case g.oops(0.03):
		return base + "-" + strings.Repeat("n", 250) // over 256 characters
	case g.oops(0.03):
		return "\u00a0" + base // a leading no-break space
	case g.chance(0.03):
		return base + " ünïcødé ✓"
	}
	return base
}

// text is a free text, sometimes empty, blank, long or unusual.
func (g *gen) text(label string) string {
	if !g.oops(0.04) {
		return fmt.Sprintf("%s %d.", label, g.r.IntN(100))
	}
	return pick(g, "", "   ", "\u00a0", "\v", "\u3000", "\t\n", strings.Repeat("long ", 500),
		"Grüße 👋 "+label, " padded "+label+" ", "x")
}

// texts is a list of free texts, sometimes with more than five entries.
func (g *gen) texts(label string, max int) []any {
	out := []any{}
	for range g.r.IntN(max + 1) {
		out = append(out, g.text(label))
	}
	return out
}

// stateName is the name of state i, sometimes odd or a duplicate.
func (g *gen) stateName(i int) string {
	switch {
	case i == 0:
		return "start"
	case g.oops(0.02):
		return pick(g, "", "bad-name", "has space", "état", "a.b", strings.Repeat("s", 300))
	case g.oops(0.02) && len(g.names) > 0:
		return pick(g, g.names...) // a duplicate
	}
	return fmt.Sprintf("s%d", i)
}

// target is where a transition out of state self goes.
func (g *gen) target(self string) any {
	switch x := g.r.Float64(); {
	case x < 0.04*g.rate:
		return "nowhere"
	case x < 0.07*g.rate:
		return self
	case x < 0.16 && g.d == spec.DialectClassic:
		ref := "other"
		if g.oops(0.2) {
			ref = "undeclared"
		}
		back := pick(g, g.names...)
		if g.oops(0.15) {
			back = "missing_back"
		}
		return []any{ref + ".start", back}
	}
	for {
		if t := pick(g, g.names...); t != self || len(g.names) == 1 {
			return t
		}
	}
}

// graph is the spec of the main context graph.
func (g *gen) graph() map[string]any {
	n := 2 + g.r.IntN(14)
	g.names = nil
	for i := range n {
		g.names = append(g.names, g.stateName(i))
	}
	terminal := "end"
	g.names[n-1] = terminal
	types := spec.StateTypes(g.d)
	states := make([]any, n)
	for i, name := range g.names {
		t := pick(g, types...)
		if (i == 0 || i == n-1) && !g.oops(0.08) {
			t = spec.StateAction
		}
		states[i] = g.state(t, name, i == n-1)
	}
	body := map[string]any{
		"description": g.text("Graph"), "states": states,
		"new_user_initial_state": "start", "returning_user_initial_state": "start", "terminal_state": terminal,
	}
	if g.oops(0.1) {
		body["returning_user_initial_state"] = pick(g, g.names...)
	}
	if g.oops(0.04) {
		body["terminal_state"] = pick(g, "missing_end", g.names[0])
	}
	for _, f := range []string{"global_intra_state_navigation_guidelines", "global_action_guidelines", "global_boundary_constraints"} {
		if g.chance(0.5) {
			body[f] = g.texts("Global", 3)
		}
	}
	if g.d == spec.DialectClassic {
		refs := map[string]any{}
		if g.chance(0.9) {
			refs["other"] = map[string]any{"graph": g.refName, "version": vary(g, []int{1}, []int{0})}
		}
		body["references"] = refs
	} else {
		if g.oops(0.03) {
			body["description"] = strings.Repeat("d", 2001)
		}
		if g.chance(0.3) {
			body["topology_description"] = g.text("Topology")
		}
	}
	return body
}

// state is one state of type t.
func (g *gen) state(t spec.StateType, name string, terminal bool) map[string]any {
	s := map[string]any{"type": string(t), "name": name}
	if g.d == spec.DialectClassic {
		g.classicState(s, t, name, terminal)
	} else {
		g.platformState(s, t, name, terminal)
	}
	// Now and then a required field goes missing.
	if g.oops(0.02) {
		for _, k := range slices.Sorted(maps.Keys(s)) {
			if k != "type" && g.chance(0.3) {
				delete(s, k)
				break
			}
		}
	}
	return s
}

// exits are the exit conditions of a state, none or several for the
// terminal state now and then.
func (g *gen) exits(name string, terminal bool) []any {
	n := 1 + g.r.IntN(3)
	if terminal {
		n = 0
		if g.oops(0.06) {
			n = 1
		}
	}
	out := []any{}
	for range n {
		ec := map[string]any{"description": g.text("Exit"), "next_state": g.target(name)}
		if g.d == spec.DialectPlatform && g.chance(0.2) {
			ec["filler_hint"] = g.text("Hint")
		}
		out = append(out, ec)
	}
	return out
}

// actionCount is how many actions an action state gets.
func (g *gen) actionCount(terminal bool) int {
	switch {
	case g.oops(0.05):
		return 0
	case terminal && !g.oops(0.06):
		return 1
	}
	return 1 + g.r.IntN(3)
}
