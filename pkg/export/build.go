package export

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// manifestOf makes the spec value of a resource's manifest, per kind, with
// the notes a reader needs; problem says why there can be none.
type manifestOf func(s *resources, r *resource) (value any, notes []string, problem string)

// manifests is the table of kinds: how each becomes a manifest.
var manifests = map[spec.Kind]manifestOf{
	spec.KindAgent:        agentManifest,
	spec.KindContextGraph: graphManifest,
	spec.KindService:      serviceManifest,
}

// build encodes the manifest of every resource exported this round, at a
// path no other manifest takes (even ignoring case). dropped reports a
// resource found to be unwritable: the names the others may use have
// changed, so the round is built again.
func (s *resources) build(d spec.Dialect) (written []Written, dropped bool) {
	taken := map[string]bool{}
	for _, r := range s.list {
		if !r.exported() {
			continue
		}
		make, ok := manifests[r.key.Kind]
		if !ok {
			r.problem = fmt.Sprintf("amigosync cannot export %s", r.key.Kind.Plural())
			return nil, true
		}
		value, notes, problem := make(s, r)
		if problem == "" {
			data, err := encode(d, r.key.Kind, r.key.Name, value)
			if err != nil {
				problem = "it cannot be written as YAML: " + err.Error()
			}
			r.path = freePath(Path(r.key.Kind, r.key.Name), taken)
			written = append(written, Written{Kind: r.key.Kind, Name: r.key.Name, Path: r.path,
				Version: r.container.Latest, NeededBy: r.neededBy, Notes: notes, Data: data})
		}
		if problem != "" {
			r.problem = problem
			return nil, true
		}
	}
	sortWritten(written)
	return written, false
}

// freePath returns p, or p with "~2", "~3"... before ".yaml" when a path
// equal to it but for case is taken ("~" never comes from Path).
func freePath(p string, taken map[string]bool) string {
	stem := strings.TrimSuffix(p, ".yaml")
	for i := 1; ; i++ {
		candidate := p
		if i > 1 {
			candidate = stem + "~" + strconv.Itoa(i) + ".yaml"
		}
		if folded := strings.ToLower(candidate); !taken[folded] {
			taken[folded] = true
			return candidate
		}
	}
}

// agentManifest is the agent's latest version plus the container's
// description (Platform).
func agentManifest(_ *resources, r *resource) (any, []string, string) {
	a := *r.version.Agent
	a.Description = r.container.Description
	return a, nil, ""
}

// graphManifest is the graph's latest version, references to exported
// graphs by name and the others by id.
func graphManifest(s *resources, r *resource) (any, []string, string) {
	g := *r.version.ContextGraph
	var notes []string
	if r.container.Description != "" {
		notes = append(notes, "its container description in the API has no manifest field: plan will propose to clear it")
	}
	if len(g.References) == 0 {
		return g, notes, ""
	}
	g.References = maps.Clone(g.References)
	for _, name := range sortedKeys(g.References) {
		ref := g.References[name]
		if ref.ID == "" {
			continue
		}
		target := s.byID[spec.KindContextGraph][ref.ID]
		if target.exported() {
			g.References[name] = spec.Reference{Graph: target.key.Name, Version: ref.Version}
			continue
		}
		why := "no live context graph has that id (deprecated or deleted)"
		switch {
		case target != nil && target.problem != "":
			why = "context graph " + target.key.Name + " cannot be exported"
		case target != nil:
			why = "context graph " + target.key.Name + " is not exported"
		}
		notes = append(notes, fmt.Sprintf("reference %s keeps graph id %s (v%s): %s", name, ref.ID, ref.Version, why))
	}
	return g, notes, ""
}

// serviceManifest is the service's fields and version sets, its agent and
// context graph by the names of their manifests.
func serviceManifest(s *resources, r *resource) (any, []string, string) {
	svc := r.service.Spec
	for _, need := range []struct {
		kind spec.Kind
		id   string
		name *string
	}{{spec.KindAgent, r.service.AgentID, &svc.Agent}, {spec.KindContextGraph, r.service.ContextGraphID, &svc.ContextGraph}} {
		n := s.byID[need.kind][need.id]
		switch {
		case n.exported():
			*need.name = n.key.Name
		case n != nil:
			return nil, nil, fmt.Sprintf("its %s %s cannot be exported, and a Service manifest names its %s by manifest name", need.kind.Noun(), n.key.Name, need.kind.Noun())
		default:
			return nil, nil, fmt.Sprintf("its %s (id %s) is not a live %s (deprecated or deleted), and a Service manifest names its %s by manifest name",
				need.kind.Noun(), need.id, need.kind.Noun(), need.kind.Noun())
		}
	}
	return svc, nil, ""
}
