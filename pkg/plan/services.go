package plan

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// services plans every service manifest: create or update its fields,
// then upsert each version set it names with its pins resolved.
func (m *maker) services() {
	list := slices.Clone(m.desired.Services)
	slices.SortFunc(list, func(a, b spec.Service) int { return strings.Compare(a.Name, b.Name) })
	for _, s := range list {
		live, found, ok := m.identifyService(s.Name)
		if !ok {
			continue
		}
		fields := s.Spec
		fields.VersionSets = nil
		want := m.norm.NormalizeService(fields)
		deps := m.serviceNeeds(want)
		var step string
		if found {
			m.managedSvc[s.Name] = live
			m.plan.Reads = append(m.plan.Reads, serviceRead(live))
			step = m.updateService(s.Name, live, want, deps)
		} else {
			m.plan.Reads = append(m.plan.Reads, Read{Kind: spec.KindService, Name: s.Name})
			step = m.add(Step{
				Kind: spec.KindService, Name: s.Name, Object: ObjService, Action: Create,
				After:     &Value{Service: &want},
				DependsOn: deps, Reason: fmt.Sprintf("no service called %s exists", s.Name),
				Source: m.desired.Locate(spec.KindService, s.Name),
			})
		}
		m.versionSets(s, live, found, step)
	}
}

// serviceNeeds are the steps a service's agent and context graph wait for:
// their containers' creation and their new versions.
func (m *maker) serviceNeeds(s spec.ServiceSpec) []string {
	var deps []string
	for _, ref := range []struct {
		kind spec.Kind
		name string
	}{{spec.KindAgent, s.Agent}, {spec.KindContextGraph, s.ContextGraph}} {
		for _, steps := range []map[string]string{m.createStep[ref.kind], m.versionStep[ref.kind]} {
			if id, ok := steps[ref.name]; ok {
				deps = append(deps, id)
			}
		}
	}
	return deps
}

// updateService plans a change of a live service's fields; it returns the
// step's ID, or "" when the fields already match.
func (m *maker) updateService(name string, live backend.Service, want spec.ServiceSpec, deps []string) string {
	have := live.Spec
	have.VersionSets = nil
	have = m.norm.NormalizeService(have)
	if cmp.Equal(have, want, equalOpts) {
		return ""
	}
	if !m.servicePossible(name, have, want) {
		return ""
	}
	return m.add(Step{
		Kind: spec.KindService, Name: name, Object: ObjService, Action: Update, Service: &live,
		Before: &Value{Service: &have}, After: &Value{Service: &want},
		Guard:     Guard{Fingerprint: backend.ServiceFingerprint(live)},
		DependsOn: deps, Reason: "the live service differs from the manifest",
		Source: m.desired.Locate(spec.KindService, name, "spec"),
	})
}

// servicePossible reports (and records as errors) changes Platform cannot
// make to a service: a persona, an escalation policy or a voice config,
// once set, can be replaced but not cleared.
func (m *maker) servicePossible(name string, have, want spec.ServiceSpec) bool {
	if m.live.Target.Dialect != spec.DialectPlatform {
		return true
	}
	ok := true
	for _, f := range []struct {
		field      string
		had, wants bool
	}{
		{"persona_id", have.PersonaID != nil, want.PersonaID != nil},
		{"escalation_policy", have.EscalationPolicy != nil, want.EscalationPolicy != nil},
		{"voice_config", have.VoiceConfig != nil, want.VoiceConfig != nil},
	} {
		if f.had && !f.wants {
			m.errorAt(spec.KindService, name, "impossible-change",
				fmt.Sprintf("service %s: the live service has a %s and the manifest has none, but Platform cannot clear a service's %s", name, f.field, f.field),
				"Keep "+f.field+" in the manifest (it may be changed), or create a new service under another name.", "spec")
			ok = false
		}
	}
	return ok
}

// ManagedService returns the live service among services that a manifest
// called name manages: the active one, or the only one. found is false
// when none is called name, or when several could be meant; then all
// lists every service called name.
func ManagedService(services []backend.Service, name string) (svc backend.Service, found bool, all []backend.Service) {
	var active []backend.Service
	for _, s := range services {
		if s.Name == name {
			all = append(all, s)
			if s.Spec.Active() {
				active = append(active, s)
			}
		}
	}
	switch {
	case len(active) == 1:
		return active[0], true, all
	case len(active) == 0 && len(all) == 1:
		return all[0], true, all
	}
	return backend.Service{}, false, all
}

// DescribeServices lists services as "id (active), id (inactive)".
func DescribeServices(services []backend.Service) string {
	ids := make([]string, len(services))
	for i, s := range services {
		state := "inactive"
		if s.Spec.Active() {
			state = "active"
		}
		ids[i] = s.ID + " (" + state + ")"
	}
	return strings.Join(ids, ", ")
}

// identifyService finds the live service a manifest name manages (see
// ManagedService). found is false when none has the name; ok is false
// when several could be meant (an error is recorded).
func (m *maker) identifyService(name string) (svc backend.Service, found, ok bool) {
	svc, found, all := ManagedService(m.live.Services, name)
	if found || len(all) == 0 {
		return svc, found, true
	}
	m.errorAt(spec.KindService, name, "service-ambiguous",
		fmt.Sprintf("%d services are called %s: %s; amigosync manages the active one, or the only one, so it cannot tell which one this manifest means",
			len(all), name, DescribeServices(all)),
		"Rename the services you do not mean (or activate the one you mean) in the dashboard, then plan again.", "metadata", "name")
	return backend.Service{}, false, false
}

// versionSets plans the upsert of every version set the manifest names.
func (m *maker) versionSets(s spec.Service, live backend.Service, found bool, serviceStep string) {
	for _, set := range slices.Sorted(maps.Keys(s.Spec.VersionSets)) {
		vs := s.Spec.VersionSets[set]
		agent, dep1, ok1 := m.pin(s.Name, set, "agent", spec.KindAgent, s.Spec.Agent, vs.Agent)
		graph, dep2, ok2 := m.pin(s.Name, set, "context_graph", spec.KindContextGraph, s.Spec.ContextGraph, vs.ContextGraph)
		if !ok1 || !ok2 {
			continue
		}
		want := m.normalizeSet(set, spec.VersionSet{Agent: agent, ContextGraph: graph, LLMModelPreferences: vs.LLMModelPreferences})
		var before *spec.VersionSet
		if found {
			if have, ok := live.Spec.VersionSets[set]; ok {
				h := m.normalizeSet(set, have)
				if cmp.Equal(h, want, equalOpts) {
					continue
				}
				before = &h
			}
		}
		step := Step{
			Kind: spec.KindService, Name: s.Name, Object: ObjVersionSet, Set: set, Action: Update,
			After: &Value{VersionSet: &want}, DependsOn: nonEmpty(serviceStep, dep1, dep2),
			Source: m.desired.Locate(spec.KindService, s.Name, "spec", "version_sets", set),
			Reason: "the version set does not exist yet",
		}
		if found {
			svc := live
			step.Service = &svc
			step.Guard.Fingerprint = backend.VersionSetFingerprint(liveSet(live, set))
		}
		if before != nil {
			step.Before = &Value{VersionSet: before}
			step.Reason = "the live version set differs from the manifest"
		}
		m.add(step)
	}
}

// liveSet returns the live version set name of svc, or nil.
func liveSet(svc backend.Service, name string) *spec.VersionSet {
	if vs, ok := svc.Spec.VersionSets[name]; ok {
		return &vs
	}
	return nil
}

// normalizeSet normalises one version set as the dialect gives it back.
func (m *maker) normalizeSet(name string, vs spec.VersionSet) spec.VersionSet {
	out := m.norm.NormalizeService(spec.ServiceSpec{VersionSets: map[string]spec.VersionSet{name: vs}})
	if n, ok := out.VersionSets[name]; ok {
		return n
	}
	return vs
}

// pin resolves one pin of a version set to a number or latest, with the
// step that creates the pinned version (if any). A number that neither
// exists nor is created is an error at the pin.
func (m *maker) pin(svc, set, field string, kind spec.Kind, container string, p spec.Pin) (spec.Pin, string, bool) {
	at := []string{"spec", "version_sets", set, field}
	created := func(n int) string {
		if id, ok := m.versionStep[kind][container]; ok && m.current[kind][container] == n {
			return id
		}
		return ""
	}
	if m.unresolvable[kind][container] {
		return p, "", false
	}
	switch p.Kind {
	case spec.PinLatest:
		return p, "", true
	case spec.PinCurrent:
		n, ok := m.current[kind][container]
		if !ok {
			m.errorAt(spec.KindService, svc, "pin-unresolved",
				fmt.Sprintf("version set %s pins the current version of %s %s, which this plan cannot resolve (see the errors of that manifest)", set, kind.Noun(), container), "", at...)
			return p, "", false
		}
		return spec.Pin{Kind: spec.PinNumber, Number: n}, created(n), true
	}
	if !m.exists(kind, container, p.Number) {
		m.errorAt(spec.KindService, svc, "pin-missing-version",
			fmt.Sprintf("version set %s pins %s %s v%d, which does not exist%s", set, kind.Noun(), container, p.Number, m.latestNote(kind, container)),
			"Pin a version that exists, `latest`, or `current` (the version matching the manifest).", at...)
		return p, "", false
	}
	return p, created(p.Number), true
}

// serviceRead is the fingerprint of a listed service and its sets.
func serviceRead(s backend.Service) Read {
	r := Read{Kind: spec.KindService, Name: s.Name, ID: s.ID, Fingerprint: backend.ServiceFingerprint(s)}
	for name := range s.Spec.VersionSets {
		if r.Sets == nil {
			r.Sets = map[string]string{}
		}
		r.Sets[name] = backend.VersionSetFingerprint(liveSet(s, name))
	}
	return r
}

// nonEmpty returns the non-empty ids.
func nonEmpty(ids ...string) []string {
	var out []string
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}
