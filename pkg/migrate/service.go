package migrate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/amigosync/amigosync/pkg/spec"
)

// platformDefaults says what Platform assumes for the service settings
// Classic does not have.
const platformDefaults = "Platform-only settings (channel_type, environment, safety_filters_enabled, tool_capacity, persona_id, escalation_policy, voice_config) are left unset, so Platform's defaults apply: a voice channel in production, safety filters on, tool_capacity 3"

// service translates one service. Its version sets pin the planned
// Platform numbers of the versions they pinned in Classic; a service whose
// agent or graph cannot move cannot either.
func (t *translator) service(s *Service, res *Result) ServiceResult {
	found := t.findingsOf(spec.KindService, s.Name)
	out := ServiceResult{Name: s.Name, ClassicID: s.ID, Pins: map[string]ClassicPins{}}
	agent := findResource(res.Agents, s.Spec.Agent)
	graph := findResource(res.ContextGraphs, s.Spec.ContextGraph)
	if agent != nil {
		out.AgentID = agent.ClassicID
	}
	if graph != nil {
		out.ContextGraphID = graph.ClassicID
	}
	found.add(0, dependency(spec.KindAgent, "spec.agent", s.Spec.Agent, agent != nil, agent != nil && agent.Status == Blocked))
	found.add(0, dependency(spec.KindContextGraph, "spec.context_graph", s.Spec.ContextGraph, graph != nil, graph != nil && graph.Status == Blocked))
	sp := s.Spec
	sp.ChannelType, sp.Environment, sp.SafetyFiltersEnabled, sp.ToolCapacity = "", "", nil, nil
	sp.PersonaID, sp.EscalationPolicy, sp.VoiceConfig = nil, nil, nil
	for _, n := range serviceFieldNotes(s.Spec) {
		found.add(0, n)
	}
	sp.VersionSets = map[string]spec.VersionSet{}
	for _, name := range slices.Sorted(maps.Keys(s.Spec.VersionSets)) {
		vs := s.Spec.VersionSets[name]
		if name == edgeSet {
			found.add(0, transformed("spec.version_sets.edge", "not copied: edge is kept at the latest versions by the server, on both APIs"))
			continue
		}
		a, an := mapPin(spec.KindAgent, "spec.version_sets."+name+".agent", vs.Agent, agent)
		g, gn := mapPin(spec.KindContextGraph, "spec.version_sets."+name+".context_graph", vs.ContextGraph, graph)
		for _, n := range append(an, gn...) {
			found.add(0, n)
		}
		out.Pins[name] = ClassicPins{Agent: vs.Agent, ContextGraph: vs.ContextGraph}
		sp.VersionSets[name] = spec.VersionSet{Agent: a, ContextGraph: g, LLMModelPreferences: vs.LLMModelPreferences}
		if len(an)+len(gn) == 0 {
			found.add(0, carried("spec.version_sets."+name))
		}
	}
	if len(sp.VersionSets) == 0 {
		sp.VersionSets = nil
	}
	out.Spec = sp
	return out
}

// dependency notes the agent or graph a service uses: carried over, or
// blocking when it was not read or cannot move.
func dependency(kind spec.Kind, field, name string, read, blocked bool) note {
	switch {
	case !read:
		return blocking(field, fmt.Sprintf("names %s %s, which is not in the organization read (deprecated?)", kind.Noun(), name),
			fmt.Sprintf("point the service at a live %s in Classic, or leave the service out", kind.Noun()))
	case blocked:
		return blocking(field, fmt.Sprintf("%s %s cannot move yet (see its findings)", kind.Noun(), name),
			fmt.Sprintf("resolve the blocking findings of %s %s", kind.Noun(), name))
	}
	return carried(field)
}

// serviceFieldNotes notes the service fields other than the agent, the
// graph and the version sets.
func serviceFieldNotes(s spec.ServiceSpec) []note {
	var notes []note
	if s.Description != "" {
		notes = append(notes, carried("spec.description"))
	}
	notes = append(notes, carried("spec.is_active"))
	if len(s.Tags) > 0 {
		notes = append(notes, transformed("spec.tags", "Classic's tag map ({key: value}) is sent as Platform's list of {key, value} tags; a tag without a value (null) stays without one"))
	}
	if len(s.Keyterms) > 0 {
		notes = append(notes, carried("spec.keyterms"))
	}
	return append(notes, transformed("spec", platformDefaults))
}

// mapPin maps a Classic pin to the planned Platform one: a number to the
// Platform version its Classic version becomes; latest floats on both.
func mapPin[S any](kind spec.Kind, field string, p spec.Pin, r *Resource[S]) (spec.Pin, []note) {
	if p.Kind == spec.PinLatest || r == nil {
		return p, nil
	}
	n := p.Number
	if p.Kind == spec.PinCurrent {
		n = r.Latest
	}
	for _, v := range r.Versions {
		for _, c := range v.Classic {
			if c == n {
				return spec.Pin{Kind: spec.PinNumber, Number: v.Platform},
					[]note{transformed(field, fmt.Sprintf("pins %s version %s, which becomes Platform version %d", kind.Noun(), p, v.Platform))}
			}
		}
	}
	return p, []note{blocking(field, fmt.Sprintf("pins %s %s version %s, which was not read", kind.Noun(), r.Name, p),
		"read the organization again; the pinned version must exist in Classic")}
}

func findResource[S any](list []Resource[S], name string) *Resource[S] {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}
