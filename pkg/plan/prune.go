package plan

import (
	"cmp"
	"maps"
	"slices"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// serverSets are the version sets amigosync never removes: `edge` is the
// server's own, `release` is what a service runs by default.
var serverSets = map[string]bool{"edge": true, "release": true}

// orphans are the live things no manifest names.
type orphans struct {
	containers []backend.Container
	services   []backend.Service
	sets       []orphanSet
}

type orphanSet struct {
	service backend.Service
	name    string
}

// orphans lists what no manifest names: live (not deprecated) containers,
// services that are not managed, and the sets of managed services that
// their manifest does not name (edge excepted).
func (m *maker) orphans() orphans {
	var o orphans
	for _, k := range containerKinds {
		for _, c := range m.live.Containers[k.kind] {
			if _, managed := m.managed[k.kind][c.Name]; !managed && !c.Deprecated && !m.desiredName(k.kind, c.Name) {
				o.containers = append(o.containers, c)
			}
		}
	}
	managedIDs := map[string]bool{}
	for _, s := range m.managedSvc {
		managedIDs[s.ID] = true
	}
	for _, s := range m.live.Services {
		if !managedIDs[s.ID] {
			o.services = append(o.services, s)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(m.managedSvc)) {
		svc := m.managedSvc[name]
		desired, _ := m.desired.Service(name)
		for _, set := range slices.Sorted(maps.Keys(svc.Spec.VersionSets)) {
			if _, named := desired.Spec.VersionSets[set]; !named && set != "edge" {
				o.sets = append(o.sets, orphanSet{service: svc, name: set})
			}
		}
	}
	return o
}

// desiredName reports whether a manifest of kind is called name (one
// refused for a deprecated name is not an orphan either).
func (m *maker) desiredName(kind spec.Kind, name string) bool {
	for _, k := range containerKinds {
		if k.kind != kind {
			continue
		}
		for _, d := range k.desired(m.desired) {
			if d.name == name {
				return true
			}
		}
	}
	return false
}

// unmanaged records what no manifest names, when it is left alone.
func (m *maker) unmanaged() {
	if m.opts.Prune {
		return
	}
	o := m.orphans()
	for _, c := range o.containers {
		m.plan.Unmanaged = append(m.plan.Unmanaged, Unmanaged{Kind: c.Kind, Name: c.Name, ID: c.ID})
	}
	for _, s := range o.services {
		m.plan.Unmanaged = append(m.plan.Unmanaged, Unmanaged{Kind: spec.KindService, Name: s.Name, ID: s.ID})
	}
	for _, s := range o.sets {
		m.plan.Unmanaged = append(m.plan.Unmanaged, Unmanaged{Kind: spec.KindService, Name: s.service.Name, ID: s.service.ID, Set: s.name})
	}
	slices.SortFunc(m.plan.Unmanaged, func(a, b Unmanaged) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Set, b.Set), cmp.Compare(a.ID, b.ID))
	})
}

// prune plans the removal of what no manifest names: version sets first
// (never edge or release), then services, then containers once no service
// that stays uses them.
func (m *maker) prune() {
	o := m.orphans()
	for _, s := range o.sets {
		if serverSets[s.name] {
			continue
		}
		before := s.service.Spec.VersionSets[s.name]
		svc := s.service
		m.add(Step{
			Kind: spec.KindService, Name: s.service.Name, Object: ObjVersionSet, Set: s.name, Action: Remove, Service: &svc,
			Before: &Value{VersionSet: &before}, Guard: Guard{Fingerprint: backend.VersionSetFingerprint(&before)},
			Reason: "no manifest names this version set (--prune)",
			Source: m.desired.Locate(spec.KindService, s.service.Name, "spec", "version_sets"),
		})
	}
	removed := map[string]string{} // service id → step id
	for _, s := range o.services {
		if m.live.Target.Dialect == spec.DialectClassic && !s.Spec.Active() {
			continue // Classic removes a service by deactivating it: nothing to do
		}
		svc := s
		m.plan.Reads = append(m.plan.Reads, serviceRead(svc))
		removed[svc.ID] = m.add(Step{
			Kind: spec.KindService, Name: svc.Name, Object: ObjService, Action: Remove, Service: &svc,
			Before: &Value{Service: &svc.Spec}, Guard: Guard{Fingerprint: backend.ServiceFingerprint(svc)},
			Reason: "no manifest names this service (--prune)",
		})
	}
	for _, c := range o.containers {
		ctr := c
		m.plan.Reads = append(m.plan.Reads, containerRead(ctr))
		m.add(Step{
			Kind: ctr.Kind, Name: ctr.Name, Object: ObjContainer, Action: Remove, Container: &ctr,
			Guard:     Guard{Fingerprint: backend.DescriptionFingerprint(ctr.Description)},
			DependsOn: m.usersMoved(ctr, removed),
			Reason:    "no manifest names this " + ctr.Kind.Noun() + " (--prune)",
		})
	}
}

// usersMoved are the steps after which no service uses container c: the
// removal of services that go, the update of managed services that move
// to another agent or context graph.
func (m *maker) usersMoved(c backend.Container, removed map[string]string) []string {
	var deps []string
	for _, s := range m.live.Services {
		if s.AgentID != c.ID && s.ContextGraphID != c.ID {
			continue
		}
		if id, ok := removed[s.ID]; ok {
			deps = append(deps, id)
			continue
		}
		if _, ok := m.plan.Step(stepID(spec.KindService, s.Name, ObjService, "")); ok && m.managedSvc[s.Name].ID == s.ID {
			deps = append(deps, stepID(spec.KindService, s.Name, ObjService, ""))
		}
	}
	slices.Sort(deps)
	return slices.Compact(deps)
}

// only keeps the steps of the selected resources and the steps they
// depend on (transitively), and the diagnostics about those resources.
func only(steps []Step, diags spec.Diagnostics, sel []Selector) ([]Step, spec.Diagnostics) {
	byID := map[string]Step{}
	for _, s := range steps {
		byID[s.ID] = s
	}
	keep := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		if keep[id] {
			return
		}
		keep[id] = true
		for _, d := range byID[id].DependsOn {
			visit(d)
		}
	}
	wanted := map[Selector]bool{}
	for _, s := range sel {
		wanted[s] = true
	}
	for _, s := range steps {
		if wanted[Selector{Kind: s.Kind, Name: s.Name}] {
			visit(s.ID)
		}
	}
	var out []Step
	for _, s := range steps {
		if keep[s.ID] {
			out = append(out, s)
			wanted[Selector{Kind: s.Kind, Name: s.Name}] = true
		}
	}
	var ds spec.Diagnostics
	for _, d := range diags {
		if d.Kind == "" || wanted[Selector{Kind: spec.Kind(d.Kind), Name: d.Name}] {
			ds = append(ds, d)
		}
	}
	return out, ds
}
