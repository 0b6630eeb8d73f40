package migrate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Result is a translated organization.
type Result struct {
	Agents        []Resource[spec.AgentSpec]
	ContextGraphs []Resource[spec.ContextGraphSpec]
	Services      []ServiceResult
	Report        *Report
	// IDMap maps each migrated Classic (id, version) to its Platform
	// (name, version); the caller records the real Platform ids and
	// versions in it as they are created.
	IDMap *IDMap
}

// Resource is one translated agent or context graph.
type Resource[S any] struct {
	Kind      spec.Kind
	Name      string
	ClassicID string
	// Latest is the Classic container's latest version.
	Latest int
	Status Status
	// Versions are the Platform versions to create, oldest first. A
	// blocked resource keeps its best-effort translation (what cannot
	// move left in its Classic form), for the user to edit.
	Versions []Version[S]
	// NotMigrated lists the Classic versions left behind.
	NotMigrated []int
}

// Version is one Platform version to create and the Classic version(s) it
// comes from (several when consecutive versions translate to the same
// content).
type Version[S any] struct {
	// Platform is the version's number in a workspace that has no
	// versions of the container yet (1, 2, ...).
	Platform int
	Classic  []int
	Spec     S
}

// Last returns the newest version, the content of the resource's manifest.
func (r *Resource[S]) Last() (Version[S], bool) {
	if len(r.Versions) == 0 {
		return Version[S]{}, false
	}
	return r.Versions[len(r.Versions)-1], true
}

// ClassicPins are the Classic pins of one version set: a number is a
// Classic version number, to be mapped.
type ClassicPins struct {
	Agent        spec.Pin
	ContextGraph spec.Pin
}

// ServiceResult is one translated service.
type ServiceResult struct {
	Name      string
	ClassicID string
	Status    Status
	// AgentID and ContextGraphID are the Classic ids of the service's
	// agent and context graph ("" when they were not read).
	AgentID, ContextGraphID string
	// Spec is the Platform service, its version sets pinning the
	// planned Platform numbers (see Repin for the real ones).
	Spec spec.ServiceSpec
	// Pins holds the Classic pins of each migrated version set.
	Pins map[string]ClassicPins
}

// Repin returns the service with every numeric pin set to the Platform
// version the IDMap records for the pinned Classic version (planned, or
// real once recorded). It is an error for a pinned version the map does
// not hold.
func (s *ServiceResult) Repin(m *IDMap) (spec.ServiceSpec, error) {
	out := s.Spec
	out.VersionSets = make(map[string]spec.VersionSet, len(s.Spec.VersionSets))
	for _, name := range slices.Sorted(maps.Keys(s.Spec.VersionSets)) {
		vs := s.Spec.VersionSets[name]
		pins := s.Pins[name]
		var err error
		if vs.Agent, err = m.pin(spec.KindAgent, s.AgentID, pins.Agent); err != nil {
			return spec.ServiceSpec{}, fmt.Errorf("service %s: version set %s: agent: %w", s.Name, name, err)
		}
		if vs.ContextGraph, err = m.pin(spec.KindContextGraph, s.ContextGraphID, pins.ContextGraph); err != nil {
			return spec.ServiceSpec{}, fmt.Errorf("service %s: version set %s: context graph: %w", s.Name, name, err)
		}
		out.VersionSets[name] = vs
	}
	if len(out.VersionSets) == 0 {
		out.VersionSets = nil
	}
	return out, nil
}

// Manifests are Platform manifests, in the manifest model.
type Manifests struct {
	Agents        []spec.Agent
	ContextGraphs []spec.ContextGraph
	Services      []spec.Service
}

// Manifests returns the manifests of the resources with status st: each
// container's newest version and each service, pinned as the IDMap says.
// With Ready they are what `migrate` writes to its output directory and
// applies; with Blocked, what it writes commented out.
func (r *Result) Manifests(st Status) (Manifests, error) {
	var out Manifests
	for _, a := range r.Agents {
		if v, ok := a.Last(); ok && a.Status == st {
			out.Agents = append(out.Agents, spec.Agent{Name: a.Name, Spec: v.Spec})
		}
	}
	for _, g := range r.ContextGraphs {
		if v, ok := g.Last(); ok && g.Status == st {
			out.ContextGraphs = append(out.ContextGraphs, spec.ContextGraph{Name: g.Name, Spec: v.Spec})
		}
	}
	for i := range r.Services {
		s := &r.Services[i]
		if s.Status != st {
			continue
		}
		sp := s.Spec
		if st == Ready {
			var err error
			if sp, err = s.Repin(r.IDMap); err != nil {
				return Manifests{}, err
			}
		}
		out.Services = append(out.Services, spec.Service{Name: s.Name, Spec: sp})
	}
	return out, nil
}

// Rounds returns the older versions of the ready containers as rounds of
// manifests to plan and apply one after the other, before Manifests(Ready):
// round i holds the i-th version of every ready container that has more
// than i versions. Applying them in order creates every migrated version
// oldest first, so the Platform numbers keep the Classic order. Versions
// the IDMap records as applied (by an earlier run, see IDMap.Adopt) are
// left out, and so are the rounds they empty.
func (r *Result) Rounds() []Manifests {
	var rounds []Manifests
	grow := func(i int) *Manifests {
		for len(rounds) <= i {
			rounds = append(rounds, Manifests{})
		}
		return &rounds[i]
	}
	for _, a := range r.Agents {
		for i := 0; a.Status == Ready && i < len(a.Versions)-1; i++ {
			if !applied(r.IDMap, &a, i) {
				m := grow(i)
				m.Agents = append(m.Agents, spec.Agent{Name: a.Name, Spec: a.Versions[i].Spec})
			}
		}
	}
	for _, g := range r.ContextGraphs {
		for i := 0; g.Status == Ready && i < len(g.Versions)-1; i++ {
			if !applied(r.IDMap, &g, i) {
				m := grow(i)
				m.ContextGraphs = append(m.ContextGraphs, spec.ContextGraph{Name: g.Name, Spec: g.Versions[i].Spec})
			}
		}
	}
	return slices.DeleteFunc(rounds, func(m Manifests) bool { return len(m.Agents)+len(m.ContextGraphs) == 0 })
}

// applied reports whether m records the i-th version of res as applied.
func applied[S any](m *IDMap, res *Resource[S], i int) bool {
	if m == nil {
		return false
	}
	e, ok := m.Lookup(res.Kind, res.ClassicID, res.Versions[i].Classic[0])
	return ok && e.Applied
}
