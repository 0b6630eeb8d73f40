package spec

import "slices"

// KindInfo describes one manifest kind: how people call it, where it
// stands in the dependency order, which schema checks it, where export
// writes it and how a document of the kind becomes a typed manifest in the
// Bundle. Everything that handles "every kind" iterates Kinds() instead of
// naming the kinds, so a new kind is an entry here, its schema files and
// its wire conversion in pkg/backend.
type KindInfo struct {
	Kind Kind
	// Noun is the kind in running text ("context graph"); Plural is its
	// plural ("context graphs").
	Noun, Plural string
	// Level is the dependency level: a resource refers only to resources
	// of lower levels (context graphs also to other context graphs, which
	// the reference rules order). Creates go up the levels, removals down.
	Level int
	// SchemaStem starts the names of the kind's schema files,
	// schemas/<stem>.<dialect>.json.
	SchemaStem string
	// Versioned says that a resource of the kind is a container of
	// numbered, immutable versions, and the manifest's spec is the content
	// of one version (agents and context graphs; services are updated in
	// place).
	Versioned bool
	// Dir is the directory of the kind in the export layout.
	Dir string

	// manifests decodes documents of the kind into the Bundle's list.
	manifests manifestList
}

// kindTable lists the kinds in dependency order. It is never modified:
// Kinds and KindOf hand out copies.
var kindTable = []KindInfo{
	{Kind: KindAgent, Noun: "agent", Plural: "agents", Level: 0, SchemaStem: "agent",
		Versioned: true, Dir: "agents", manifests: listOf[AgentSpec](func(b *Bundle) *[]Agent { return &b.Agents })},
	{Kind: KindContextGraph, Noun: "context graph", Plural: "context graphs", Level: 0, SchemaStem: "contextgraph",
		Versioned: true, Dir: "context-graphs", manifests: listOf[ContextGraphSpec](func(b *Bundle) *[]ContextGraph { return &b.ContextGraphs })},
	{Kind: KindService, Noun: "service", Plural: "services", Level: 1, SchemaStem: "service",
		Dir: "services", manifests: listOf[ServiceSpec](func(b *Bundle) *[]Service { return &b.Services })},
}

// Kinds returns the manifest kinds in dependency order (Agent,
// ContextGraph, Service): every kind comes after the kinds it refers to.
func Kinds() []KindInfo { return slices.Clone(kindTable) }

// KindOf returns the description of kind k, and false when k is not a
// manifest kind.
func KindOf(k Kind) (KindInfo, bool) {
	for _, info := range kindTable {
		if info.Kind == k {
			return info, true
		}
	}
	return KindInfo{}, false
}

// Noun names the kind in running text ("context graph"); a kind that is
// not a manifest kind is named as written.
func (k Kind) Noun() string {
	if info, ok := KindOf(k); ok {
		return info.Noun
	}
	return string(k)
}

// Plural is the plural of Noun ("context graphs").
func (k Kind) Plural() string {
	if info, ok := KindOf(k); ok {
		return info.Plural
	}
	return string(k) + "s"
}

// kindNames lists the manifest kinds as written in manifests, for
// messages: "Agent, ContextGraph or Service".
func kindNames() string {
	names := make([]string, len(kindTable))
	for i, info := range kindTable {
		names[i] = string(info.Kind)
	}
	return orList(names)
}

// Manifest is one manifest of a kind whose spec is S: the name (the
// identity of the live resource), where it was read and its spec.
type Manifest[S any] struct {
	Name   string `json:"name"`
	Source Source `json:"-"`
	Spec   S      `json:"spec"`
}

// manifestList is what the validator does with the manifests of one kind,
// whatever their spec type.
type manifestList interface {
	// decode decodes a schema-valid spec and appends the manifest to b.
	decode(d *valueDecoder, b *Bundle, name string, src Source, spec any) error
	// merge appends the manifests of parts to b, part after part.
	merge(b *Bundle, parts []*Bundle)
	// source says where the manifest called name was read.
	source(b *Bundle, name string) (Source, bool)
}

// listOf is the manifestList of the Bundle field it returns.
type listOf[S any] func(b *Bundle) *[]Manifest[S]

func (l listOf[S]) decode(d *valueDecoder, b *Bundle, name string, src Source, spec any) error {
	var s S
	if err := d.decode(spec, &s); err != nil {
		return err
	}
	list := l(b)
	*list = append(*list, Manifest[S]{Name: name, Source: src, Spec: s})
	return nil
}

func (l listOf[S]) merge(b *Bundle, parts []*Bundle) {
	n := 0
	for _, p := range parts {
		n += len(*l(p))
	}
	list := l(b)
	*list = slices.Grow(*list, n)
	for _, p := range parts {
		*list = append(*list, *l(p)...)
	}
}

func (l listOf[S]) source(b *Bundle, name string) (Source, bool) {
	m, ok := find(*l(b), name)
	if !ok {
		return Source{}, false
	}
	return m.Source, true
}
