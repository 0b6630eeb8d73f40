package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// resource is one live resource that export may write.
type resource struct {
	key plan.Selector
	// container is the agent or context graph as listed, with version
	// the content of its latest version.
	container backend.Container
	version   backend.Version
	service   backend.Service
	// selected is set for the resources the export writes; neededBy
	// names the selected resource that needs this one (--only).
	selected bool
	neededBy string
	// problem says why it cannot be written; empty when it can.
	problem string
	// path is where this round writes its manifest.
	path string
}

// resources are the live resources, in kind order and then by name.
type resources struct {
	list  []*resource
	byKey map[plan.Selector]*resource
	// byID finds agents and context graphs by kind and id.
	byID  map[spec.Kind]map[string]*resource
	notes []string
}

// collect lists what a live state can export: every container that is not
// deprecated (Classic keeps deprecated ones; to export, deprecated means
// removed) and the service each name manages.
func collect(live *plan.Live) *resources {
	s := &resources{byKey: map[plan.Selector]*resource{}, byID: map[spec.Kind]map[string]*resource{}}
	for _, k := range spec.Kinds() {
		if k.Versioned {
			s.collectContainers(live, k)
		}
	}
	s.collectServices(live.Services)
	for _, r := range s.list {
		r.selected = true
	}
	return s
}

func (s *resources) collectContainers(live *plan.Live, k spec.KindInfo) {
	containers := slices.Clone(live.Containers[k.Kind])
	slices.SortFunc(containers, func(a, b backend.Container) int { return strings.Compare(a.Name, b.Name) })
	deprecated := 0
	s.byID[k.Kind] = map[string]*resource{}
	for _, c := range containers {
		if c.Deprecated {
			deprecated++
			continue
		}
		key := plan.Selector{Kind: k.Kind, Name: c.Name}
		if r := s.byKey[key]; r != nil {
			r.problem = fmt.Sprintf("several live %s are called %q (ids %s, %s); a manifest names one", k.Plural, c.Name, r.container.ID, c.ID)
			s.byID[k.Kind][c.ID] = r
			continue
		}
		r := &resource{key: key, container: c}
		v, read := live.Latest[c.ID]
		switch {
		case c.Latest < 1:
			r.problem = "it has no version yet, and a manifest holds the content of a version"
		case !read || v.Kind() != k.Kind:
			r.problem = fmt.Sprintf("its latest version (v%d) was not read", c.Latest)
		default:
			r.version = v
		}
		s.add(r)
		s.byID[k.Kind][c.ID] = r
	}
	if deprecated > 0 {
		s.notes = append(s.notes, fmt.Sprintf("%d deprecated %s not exported (export treats deprecated as removed)", deprecated, plural(deprecated, k.Noun, k.Plural)))
	}
}

func (s *resources) collectServices(services []backend.Service) {
	var names []string
	for _, svc := range services {
		if !slices.Contains(names, svc.Name) {
			names = append(names, svc.Name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		svc, found, all := plan.ManagedService(services, name)
		r := &resource{key: plan.Selector{Kind: spec.KindService, Name: name}, service: svc}
		switch {
		case !found:
			r.problem = fmt.Sprintf("%d services are called %s: %s; amigosync manages the active one, or the only one (rename the others or activate the one you mean)",
				len(all), name, plan.DescribeServices(all))
		case len(all) > 1:
			s.notes = append(s.notes, fmt.Sprintf("%d inactive %s called %s not exported (amigosync manages the active one)",
				len(all)-1, plural(len(all)-1, "service", "services"), name))
		}
		s.add(r)
	}
}

func (s *resources) add(r *resource) {
	s.list = append(s.list, r)
	s.byKey[r.key] = r
}

// choose keeps the resources only selects and what they need; no
// selection keeps every one. A selector that names no live resource is an
// error: a typo would otherwise export nothing and look like success.
func (s *resources) choose(only []plan.Selector, targetName string) error {
	if len(only) == 0 {
		return nil
	}
	for _, r := range s.list {
		r.selected = false
	}
	for _, sel := range only {
		r := s.byKey[sel]
		if r == nil {
			return fmt.Errorf("--only %s: target %q has no %s called %q", sel, targetName, sel.Kind.Noun(), sel.Name)
		}
		r.neededBy = ""
		s.mark(r, "")
	}
	return nil
}

// mark selects r and, for root, what r needs.
func (s *resources) mark(r *resource, root string) {
	if r.selected {
		return
	}
	r.selected, r.neededBy = true, root
	if root == "" {
		root = r.key.String()
	}
	for _, n := range s.needs(r) {
		s.mark(n, root)
	}
}

// needs lists the live resources r's manifest names: a service's agent and
// context graph, the graphs a graph refers to.
func (s *resources) needs(r *resource) []*resource {
	var out []*resource
	switch {
	case r.key.Kind == spec.KindService:
		for _, need := range []struct {
			kind spec.Kind
			id   string
		}{{spec.KindAgent, r.service.AgentID}, {spec.KindContextGraph, r.service.ContextGraphID}} {
			if n := s.byID[need.kind][need.id]; n != nil {
				out = append(out, n)
			}
		}
	case r.version.ContextGraph != nil:
		for _, name := range sortedKeys(r.version.ContextGraph.References) {
			if n := s.byID[spec.KindContextGraph][r.version.ContextGraph.References[name].ID]; n != nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// exported reports whether r is written this round.
func (r *resource) exported() bool { return r != nil && r.selected && r.problem == "" }

// ownerOf returns the resource whose manifest is file.
func (s *resources) ownerOf(file string) plan.Selector {
	for _, r := range s.list {
		if r.path == file && r.exported() {
			return r.key
		}
	}
	return plan.Selector{}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
