package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// containerKind is what the planner needs of a versioned container kind:
// the one place a new kind of container is added to the planner.
type containerKind struct {
	kind spec.Kind
	// order places its version steps among the other kinds' (agents
	// first: graphs do not need them, services need both).
	order int
	// desired lists the manifests of this kind: name, version content
	// (without the container's description) and description.
	desired func(b *spec.Bundle) []desiredContainer
}

// desiredContainer is one container manifest.
type desiredContainer struct {
	name        string
	version     backend.Version
	description string
	// refs are the context graphs this one's content refers to by name.
	refs []string
}

var containerKinds = []containerKind{
	{kind: spec.KindAgent, order: 0, desired: func(b *spec.Bundle) []desiredContainer {
		out := make([]desiredContainer, 0, len(b.Agents))
		for _, a := range b.Agents {
			v := a.Spec
			v.Description = ""
			out = append(out, desiredContainer{name: a.Name, version: backend.Version{Agent: &v}, description: a.Spec.Description})
		}
		return out
	}},
	{kind: spec.KindContextGraph, order: 1, desired: func(b *spec.Bundle) []desiredContainer {
		out := make([]desiredContainer, 0, len(b.ContextGraphs))
		for _, g := range b.ContextGraphs {
			d := desiredContainer{name: g.Name, version: backend.Version{ContextGraph: &g.Spec}}
			for _, r := range g.Spec.References {
				if r.Graph != "" {
					d.refs = append(d.refs, r.Graph)
				}
			}
			out = append(out, d)
		}
		return byReferences(out)
	}},
}

// kindOrder is the order of k's version steps among the kinds'.
func kindOrder(k spec.Kind) int {
	for _, c := range containerKinds {
		if c.kind == k {
			return c.order
		}
	}
	return len(containerKinds)
}

// byReferences orders graphs so that each comes after the graphs it
// refers to by name (the validator refuses cycles; one left here is
// broken by name order rather than looping).
func byReferences(ds []desiredContainer) []desiredContainer {
	slices.SortFunc(ds, func(a, b desiredContainer) int { return strings.Compare(a.name, b.name) })
	byName := map[string]desiredContainer{}
	for _, d := range ds {
		byName[d.name] = d
	}
	var out []desiredContainer
	done, visiting := map[string]bool{}, map[string]bool{}
	var visit func(d desiredContainer)
	visit = func(d desiredContainer) {
		if done[d.name] || visiting[d.name] {
			return
		}
		visiting[d.name] = true
		for _, r := range d.refs {
			if dep, ok := byName[r]; ok {
				visit(dep)
			}
		}
		done[d.name] = true
		out = append(out, d)
	}
	for _, d := range ds {
		visit(d)
	}
	return out
}

// containers plans the containers of kind k: create, description, new
// version; and resolves what `current` means for each.
func (m *maker) containers(k containerKind) {
	for _, d := range k.desired(m.desired) {
		c, found := m.identify(k.kind, d.name)
		if !found && m.refused(k.kind, d.name) {
			m.unresolvable[k.kind][d.name] = true
			continue
		}
		var deps []string
		if found {
			m.managed[k.kind][d.name] = c
			m.plan.Reads = append(m.plan.Reads, containerRead(c))
		} else {
			m.plan.Reads = append(m.plan.Reads, Read{Kind: k.kind, Name: d.name})
			desc := d.description
			id := m.add(Step{
				Kind: k.kind, Name: d.name, Object: ObjContainer, Action: Create,
				After:  &Value{Description: &desc},
				Reason: fmt.Sprintf("no %s called %s exists", k.kind.Noun(), d.name),
				Source: m.desired.Locate(k.kind, d.name),
			})
			m.createStep[k.kind][d.name] = id
			deps = append(deps, id)
		}
		if found && d.description != c.Description {
			m.describe(k.kind, d, c)
		}
		m.version(k.kind, d, c, found, deps)
	}
}

// identify finds the live container a manifest name manages: the one not
// deprecated (Classic never lets two live containers share a name).
func (m *maker) identify(kind spec.Kind, name string) (backend.Container, bool) {
	for _, c := range m.live.Containers[kind] {
		if c.Name == name && !c.Deprecated {
			return c, true
		}
	}
	return backend.Container{}, false
}

// refused reports (and records as an error) a name only a deprecated
// Classic container holds: the server keeps it taken, so it cannot be
// created again.
func (m *maker) refused(kind spec.Kind, name string) bool {
	var ids []string
	for _, c := range m.live.Containers[kind] {
		if c.Name == name && c.Deprecated {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return false
	}
	m.errorAt(kind, name, "name-deprecated",
		fmt.Sprintf("the %s name %q belongs to a deprecated %s (%s); Classic keeps the name taken, so it cannot be created again",
			kind.Noun(), name, kind.Noun(), strings.Join(ids, ", ")),
		"Rename the manifest (metadata.name) to create a new one.", "metadata", "name")
	return true
}

// describe plans a description change of a live container.
func (m *maker) describe(kind spec.Kind, d desiredContainer, c backend.Container) {
	before, after := c.Description, d.description
	m.add(Step{
		Kind: kind, Name: d.name, Object: ObjDescription, Action: Update, Container: &c,
		Before: &Value{Description: &before}, After: &Value{Description: &after},
		Guard:  Guard{Fingerprint: backend.DescriptionFingerprint(before)},
		Reason: "the live description differs from the manifest",
		Source: m.desired.Locate(kind, d.name, "spec", "description"),
	})
}

// version plans a new version when the live latest differs from the
// manifest, and records what `current` means.
func (m *maker) version(kind spec.Kind, d desiredContainer, c backend.Container, found bool, deps []string) {
	want, refDeps, ok := m.resolveVersion(kind, d)
	if !ok {
		return
	}
	want = m.norm.NormalizeVersion(kind, want)
	var live *backend.Version
	if found && c.Latest > 0 {
		v, ok := m.live.Latest[c.ID]
		if !ok {
			m.errorAt(kind, d.name, "live-unread", fmt.Sprintf("the live latest version v%d of %s %s was not read, so it cannot be compared", c.Latest, kind.Noun(), d.name), "")
			return
		}
		n := m.norm.NormalizeVersion(kind, v)
		live = &n
	}
	var ctr *backend.Container
	if found {
		ctr = &c
	}
	if live != nil && EqualVersions(*live, want) {
		m.current[kind][d.name] = c.Latest
		return
	}
	if live != nil && !m.possible(kind, d.name, *live, want) {
		return
	}
	next := c.Latest + 1
	s := Step{
		Kind: kind, Name: d.name, Object: ObjVersion, Action: NewVersion, Container: ctr,
		After: &Value{Version: &want}, Guard: Guard{Version: next},
		DependsOn: append(deps, refDeps...), Source: m.desired.Locate(kind, d.name, "spec"),
	}
	s.Reason = "it has no version yet"
	if live != nil {
		s.Before = &Value{Version: live}
		s.Reason = fmt.Sprintf("the live latest version v%d differs from the manifest", c.Latest)
	}
	m.versionStep[kind][d.name] = m.add(s)
	m.current[kind][d.name] = next
}

// containerRead is the fingerprint of a listed container.
func containerRead(c backend.Container) Read {
	return Read{Kind: c.Kind, Name: c.Name, ID: c.ID, Latest: c.Latest, Fingerprint: backend.DescriptionFingerprint(c.Description)}
}
