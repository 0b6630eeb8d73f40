package backend

import "github.com/amigosync/amigosync/pkg/spec"

// Index maps container names to ids and back, per kind. Build it with
// NewIndex from what Containers returned (and add what was created since).
// The zero value is empty and usable for lookups.
type Index struct {
	ids   map[spec.Kind]map[string]string // kind → name → id
	names map[spec.Kind]map[string]string // kind → id → name
}

// NewIndex indexes containers. When a name is held by several (Classic keeps
// deprecated containers), the live one wins.
func NewIndex(containers ...Container) Index {
	var x Index
	x.Add(containers...)
	return x
}

// Add indexes more containers.
func (x *Index) Add(containers ...Container) {
	if x.ids == nil {
		x.ids = map[spec.Kind]map[string]string{}
		x.names = map[spec.Kind]map[string]string{}
	}
	for _, c := range containers {
		if x.ids[c.Kind] == nil {
			x.ids[c.Kind] = map[string]string{}
			x.names[c.Kind] = map[string]string{}
		}
		x.names[c.Kind][c.ID] = c.Name
		if _, taken := x.ids[c.Kind][c.Name]; !taken || !c.Deprecated {
			x.ids[c.Kind][c.Name] = c.ID
		}
	}
}

// ID returns the id of the container of kind called name.
func (x Index) ID(kind spec.Kind, name string) (string, bool) {
	id, ok := x.ids[kind][name]
	return id, ok
}

// Name returns the name of the container of kind with id.
func (x Index) Name(kind spec.Kind, id string) (string, bool) {
	name, ok := x.names[kind][id]
	return name, ok
}

// ResolveReferences returns g with every reference by id that idx knows
// rewritten as a reference by graph name, the form ReadVersion returns;
// apply it to a manifest before comparing it with a read, so that
// `{id: X}` and `{graph: <name of X>}` compare equal. An id is rewritten
// only when its name names it back: a deprecated Classic graph whose name a
// live graph took stays by id, since `{graph: name}` means the live one.
func ResolveReferences(g spec.ContextGraphSpec, idx Index) spec.ContextGraphSpec {
	if len(g.References) == 0 {
		return g
	}
	refs := make(map[string]spec.Reference, len(g.References))
	for name, r := range g.References {
		graph, ok := idx.Name(spec.KindContextGraph, r.ID)
		if back, _ := idx.ID(spec.KindContextGraph, graph); ok && r.ID != "" && back == r.ID {
			r = spec.Reference{Graph: graph, Version: r.Version}
		}
		refs[name] = r
	}
	g.References = refs
	return g
}
