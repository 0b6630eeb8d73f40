package plan

import (
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// equalOpts make nil and empty lists and maps equal: the normalisers
// already do so for what the APIs give back, this covers the rest.
var equalOpts = cmp.Options{cmpopts.EquateEmpty()}

// EqualVersions reports whether two normalised versions hold the same
// content (nil and empty lists and maps being the same). reflect.DeepEqual
// answers the common case, an unchanged version, first: cmp.Equal with
// EquateEmpty tries its filter at every node by reflection, which for 200
// graphs of 50 states took seconds, more than the live read's pacing
// allows (BenchmarkPlanClassic). The types have no Equal methods and no
// unexported fields, so DeepEqual's yes is cmp's yes too; only its no is
// asked again, for nil versus empty.
func EqualVersions(a, b backend.Version) bool {
	return reflect.DeepEqual(a, b) || cmp.Equal(a, b, equalOpts)
}

// resolveVersion returns the manifest's version content as it will be
// sent: for a context graph, every reference by graph name pinned to a
// number (`current` resolved to what it means in this plan), and the IDs
// of the steps it waits for. ok is false when a reference cannot be
// resolved (an error is recorded).
func (m *maker) resolveVersion(kind spec.Kind, d desiredContainer) (backend.Version, []string, bool) {
	if d.version.ContextGraph == nil || len(d.version.ContextGraph.References) == 0 {
		return d.version, nil, true
	}
	g := *d.version.ContextGraph
	refs := make(map[string]spec.Reference, len(g.References))
	var deps []string
	ok := true
	for _, key := range slices.Sorted(maps.Keys(g.References)) {
		r, dep, good := m.resolveReference(d.name, key, g.References[key])
		ok = ok && good
		refs[key] = r
		if dep != "" {
			deps = append(deps, dep)
		}
	}
	g.References = refs
	return backend.Version{ContextGraph: &g}, deps, ok
}

// resolveReference resolves one reference of graph `graph`.
func (m *maker) resolveReference(graph, key string, r spec.Reference) (spec.Reference, string, bool) {
	if r.Graph == "" {
		return m.resolveReferenceByID(graph, key, r)
	}
	kind := spec.KindContextGraph
	at := []string{"spec", "references", key, "version"}
	var dep string
	if created, ok := m.createStep[kind][r.Graph]; ok {
		dep = created
	}
	if refCurrent(r) {
		n, ok := m.current[kind][r.Graph]
		if !ok {
			m.errorAt(kind, graph, "reference-unresolved",
				fmt.Sprintf("reference %s pins the current version of context graph %s, which this plan does not resolve", key, r.Graph), "", at...)
			return r, "", false
		}
		if step, ok := m.versionStep[kind][r.Graph]; ok {
			dep = step
		}
		return spec.Reference{Graph: r.Graph, Version: spec.NumberPin(n)}, dep, true
	}
	if !m.exists(kind, r.Graph, r.Version.Number) {
		m.errorAt(kind, graph, "pin-missing-version",
			fmt.Sprintf("reference %s pins context graph %s v%d, which does not exist%s", key, r.Graph, r.Version.Number, m.latestNote(kind, r.Graph)), "", at...)
		return r, "", false
	}
	if step, ok := m.versionStep[kind][r.Graph]; ok && m.current[kind][r.Graph] == r.Version.Number {
		dep = step
	}
	return spec.Reference{Graph: r.Graph, Version: r.Version}, dep, true
}

// resolveReferenceByID checks a reference by live id and rewrites it by
// name when the graph is known, the form a read gives back.
func (m *maker) resolveReferenceByID(graph, key string, r spec.Reference) (spec.Reference, string, bool) {
	for _, c := range m.live.Containers[spec.KindContextGraph] {
		if c.ID != r.ID {
			continue
		}
		if refCurrent(r) || r.Version.Number > c.Latest {
			m.errorAt(spec.KindContextGraph, graph, "pin-missing-version",
				fmt.Sprintf("reference %s pins version %s of context graph %s (%s), which does not exist (the latest is v%d)", key, pinText(r), c.Name, c.ID, c.Latest),
				"A reference by id may pin only an existing version number.", "spec", "references", key, "version")
			return r, "", false
		}
		return spec.Reference{Graph: c.Name, Version: r.Version}, "", true
	}
	m.errorAt(spec.KindContextGraph, graph, "reference-unknown-id",
		fmt.Sprintf("reference %s names context graph id %s, which does not exist on the server", key, r.ID), "", "spec", "references", key, "id")
	return r, "", false
}

// exists reports whether version n of the container called name exists
// live or is created by this plan.
func (m *maker) exists(kind spec.Kind, name string, n int) bool {
	if c, ok := m.managed[kind][name]; ok && n >= 1 && n <= c.Latest {
		return true
	}
	_, creates := m.versionStep[kind][name]
	return creates && m.current[kind][name] == n
}

// latestNote says what exists of the container called name.
func (m *maker) latestNote(kind spec.Kind, name string) string {
	c, managed := m.managed[kind][name]
	_, creates := m.versionStep[kind][name]
	switch {
	case managed && creates:
		return fmt.Sprintf(" (the latest is v%d, and this plan creates v%d)", c.Latest, m.current[kind][name])
	case managed:
		return fmt.Sprintf(" (the latest is v%d)", c.Latest)
	case creates:
		return fmt.Sprintf(" (it is created by this plan, as v%d)", m.current[kind][name])
	}
	return fmt.Sprintf(" (no %s called %s exists or is created)", kind.Noun(), name)
}

// possible reports (and records as an error) a change the API cannot make
// with a new version.
func (m *maker) possible(kind spec.Kind, name string, live, want backend.Version) bool {
	if m.live.Target.Dialect == spec.DialectClassic && live.Agent != nil && want.Agent != nil &&
		live.Agent.VoiceConfig != nil && want.Agent.VoiceConfig == nil {
		m.errorAt(kind, name, "impossible-change",
			fmt.Sprintf("agent %s: the live version has a voice_config (voice_id %q) and the manifest has none, but Classic cannot remove a voice config with a new version (a missing voice_config means \"unchanged\")",
				name, live.Agent.VoiceConfig.VoiceID),
			"Keep voice_config in the manifest, or create a new agent under another name.", "spec")
		return false
	}
	return true
}

// refCurrent reports whether a reference pins the `current` version.
func refCurrent(r spec.Reference) bool { return r.Version.Kind == spec.PinCurrent }

// pinText renders a reference's pin.
func pinText(r spec.Reference) string {
	if refCurrent(r) {
		return "current"
	}
	return fmt.Sprintf("v%d", r.Version.Number)
}
