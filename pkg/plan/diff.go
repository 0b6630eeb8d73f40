package plan

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"

	"github.com/amigosync/amigosync/pkg/spec"
)

// FieldChange is one difference between two values, at a dotted path
// ("identity.role", "tags.team").
type FieldChange struct {
	Path string `json:"path"`
	// Op is '+' (added), '-' (removed) or '~' (changed).
	Op byte `json:"-"`
	// Before and After are JSON values (nil when absent).
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}

// DiffFields compares two values field by field through their JSON form.
// Objects are compared key by key; lists and scalars as a whole (the
// renderer shows a list's items added and removed).
func DiffFields(before, after any) []FieldChange {
	var out []FieldChange
	diffTree("", tree(before), tree(after), &out)
	return out
}

// tree is v's JSON form as maps, lists and scalars (nil for a nil pointer).
func tree(v any) any {
	if v == nil {
		return nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var t any
	if json.Unmarshal(b, &t) != nil {
		return nil
	}
	return t
}

func diffTree(path string, a, b any, out *[]FieldChange) {
	am, aIsMap := a.(map[string]any)
	bm, bIsMap := b.(map[string]any)
	switch {
	case aIsMap && bIsMap:
		keys := slices.Sorted(maps.Keys(am))
		for k := range bm {
			if _, ok := am[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			diffTree(join(path, k), am[k], bm[k], out)
		}
	case a == nil && bIsMap:
		diffTree(path, map[string]any{}, b, out)
	case b == nil && aIsMap:
		diffTree(path, a, map[string]any{}, out)
	case empty(a) && empty(b):
	case empty(a):
		*out = append(*out, FieldChange{Path: path, Op: '+', After: b})
	case empty(b):
		*out = append(*out, FieldChange{Path: path, Op: '-', Before: a})
	case !reflect.DeepEqual(a, b):
		*out = append(*out, FieldChange{Path: path, Op: '~', Before: a, After: b})
	}
}

// empty is true for an absent value, an empty string, list or object:
// the manifest model does not tell them apart.
func empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// Transition is an edge of a context graph: "from → to", where to is a
// state, or "ref.state ↩ jumpback" for a jump into a referenced graph.
type Transition struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// String reads "from → to".
func (t Transition) String() string { return t.From + " → " + t.To }

// StateChange is a state present on both sides whose fields differ.
type StateChange struct {
	Name   string        `json:"name"`
	Fields []FieldChange `json:"fields"`
}

// GraphDiff is the state-level difference between two context graph
// versions.
type GraphDiff struct {
	// Fields are the differences outside the states (description, initial
	// and terminal states, guidelines, references).
	Fields        []FieldChange `json:"fields,omitempty"`
	StatesAdded   []string      `json:"states_added,omitempty"`
	StatesRemoved []string      `json:"states_removed,omitempty"`
	StatesChanged []StateChange `json:"states_changed,omitempty"`
	// TransitionsAdded and TransitionsRemoved compare the graphs' edges.
	TransitionsAdded   []Transition `json:"transitions_added,omitempty"`
	TransitionsRemoved []Transition `json:"transitions_removed,omitempty"`
}

// DiffGraphs compares two context graph versions state by state; before
// is nil for a graph's first version.
func DiffGraphs(before, after *spec.ContextGraphSpec) GraphDiff {
	var d GraphDiff
	b, a := orEmpty(before), orEmpty(after)
	bo, ao := b, a
	bo.States, ao.States = nil, nil
	d.Fields = DiffFields(bo, ao)
	bs, as := statesByName(b), statesByName(a)
	for _, s := range a.States {
		old, ok := bs[s.Name]
		if !ok {
			d.StatesAdded = append(d.StatesAdded, s.Name)
			continue
		}
		if f := DiffFields(old, s); len(f) > 0 {
			d.StatesChanged = append(d.StatesChanged, StateChange{Name: s.Name, Fields: f})
		}
	}
	for _, s := range b.States {
		if _, ok := as[s.Name]; !ok {
			d.StatesRemoved = append(d.StatesRemoved, s.Name)
		}
	}
	bt, at := transitions(b), transitions(a)
	d.TransitionsAdded = minus(at, bt)
	d.TransitionsRemoved = minus(bt, at)
	return d
}

// Empty reports whether the graphs are the same.
func (d GraphDiff) Empty() bool {
	return len(d.Fields)+len(d.StatesAdded)+len(d.StatesRemoved)+len(d.StatesChanged)+
		len(d.TransitionsAdded)+len(d.TransitionsRemoved) == 0
}

func orEmpty(g *spec.ContextGraphSpec) spec.ContextGraphSpec {
	if g == nil {
		return spec.ContextGraphSpec{}
	}
	return *g
}

func statesByName(g spec.ContextGraphSpec) map[string]spec.State {
	m := make(map[string]spec.State, len(g.States))
	for _, s := range g.States {
		m[s.Name] = s
	}
	return m
}

// transitions lists a graph's edges in state order, each once.
func transitions(g spec.ContextGraphSpec) []Transition {
	var out []Transition
	seen := map[Transition]bool{}
	for i := range g.States {
		s := &g.States[i]
		for _, n := range s.Successors() {
			t := Transition{From: s.Name, To: n.State}
			if n.IsExternal() {
				t.To = n.External + " ↩ " + n.JumpBack
			}
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// minus is the transitions of a not in b, in a's order.
func minus(a, b []Transition) []Transition {
	in := map[Transition]bool{}
	for _, t := range b {
		in[t] = true
	}
	var out []Transition
	for _, t := range a {
		if !in[t] {
			out = append(out, t)
		}
	}
	return out
}

// scalarText renders a JSON scalar (or a short list/object) on one line.
func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
