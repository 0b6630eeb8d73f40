package backend

import (
	"context"
	"fmt"
	"iter"
	"maps"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// edgeSet is the Classic version set every service has, always following
// the latest versions and never editable; it is not part of the manifest
// model.
const edgeSet = "edge"

// releaseSet is the Classic version set the API makes with every service
// (a copy of edge unless given) and never deletes.
const releaseSet = "release"

// classicServices are the Classic calls on services.
type classicServices struct{ c *classic.Client }

func (cs classicServices) list(ctx context.Context, idx Index) iter.Seq2[Service, error] {
	return convertSeq(cs.c.ListServices(ctx, classic.ServiceFilter{}), func(s classic.Service) Service {
		return classicServiceFromWire(s, idx)
	})
}

// get lists the one service with id: Classic has no call to read one.
func (cs classicServices) get(ctx context.Context, id string, idx Index) (Service, error) {
	for s, err := range cs.c.ListServices(ctx, classic.ServiceFilter{IDs: []string{id}}) {
		return classicServiceFromWire(s, idx), err
	}
	return Service{}, fmt.Errorf("the server lists no such service: %w", apiclient.ErrNotFound)
}

// classicServiceFromWire converts a listed service; the `edge` set is left out.
func classicServiceFromWire(s classic.Service, idx Index) Service {
	agent, _ := idx.Name(spec.KindAgent, s.AgentID)
	graph, _ := idx.Name(spec.KindContextGraph, s.ServiceHierarchicalStateMachineID)
	tags := tagsFromWire(s.Tags, func(t classic.Tag) (string, *string) { return t.Key, t.Value })
	sets := setsFromWire(s.VersionSets, edgeSet, func(vs classic.VersionSet) spec.VersionSet {
		return spec.VersionSet{
			Agent: pinFromWire(vs.AgentVersionNumber), ContextGraph: pinFromWire(vs.ServiceHierarchicalStateMachineVersionNumber),
			LLMModelPreferences: llmFromWire(vs.LLMModelPreferences, func(c classic.LLMConfig) (string, map[string]any) { return c.LLMName, c.Params }),
		}
	})
	return Service{
		ID: s.ID, Name: s.Name, AgentID: s.AgentID, ContextGraphID: s.ServiceHierarchicalStateMachineID,
		Spec: spec.ServiceSpec{
			Agent: agent, ContextGraph: graph, Description: s.Description, IsActive: ptr(s.IsActive),
			Tags: tags, Keyterms: nilIfEmpty(s.Keyterms), VersionSets: sets,
		},
	}
}

// create creates the service, then reads it back: the server adds a
// `release` set of its own (a copy of `edge`), and what a later guarded
// upsert of `release` is checked against must be that.
func (cs classicServices) create(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error) {
	agentID, graphID, err := classicServiceRefs(s, idx)
	if err != nil {
		return Service{}, err
	}
	id, err := cs.c.CreateService(ctx, classic.CreateServiceRequest{
		ServiceHierarchicalStateMachineID: graphID, AgentID: agentID, Name: name,
		Description: s.Description, IsActive: s.Active(),
		Keyterms: nonNil(s.Keyterms), Tags: nonNilMap(s.Tags),
	})
	if err != nil {
		return Service{}, err
	}
	svc, err := cs.get(ctx, id, idx)
	if err != nil {
		return Service{ID: id, Name: name, AgentID: agentID, ContextGraphID: graphID},
			fmt.Errorf("created as %s, but reading it back failed: %w", id, err)
	}
	return svc, nil
}

// update sends every field; empty tags and keyterms are sent as empty,
// so that they are cleared.
func (cs classicServices) update(ctx context.Context, live Service, s spec.ServiceSpec, idx Index) error {
	agentID, graphID, err := classicServiceRefs(s, idx)
	if err != nil {
		return err
	}
	return cs.c.UpdateService(ctx, live.ID, classic.UpdateServiceRequest{
		Description: &s.Description, IsActive: ptr(s.Active()),
		AgentID: &agentID, ServiceHierarchicalStateMachineID: &graphID,
		Tags: nonNilMap(s.Tags), Keyterms: nonNil(s.Keyterms),
	})
}

func (cs classicServices) upsertSet(ctx context.Context, live Service, name string, set spec.VersionSet) error {
	agent, graph, prefs, err := versionSetToWire(set, func(c spec.LLMConfig) classic.LLMConfig {
		return classic.LLMConfig{LLMName: c.LLMName, Params: c.Params}
	})
	if err != nil {
		return err
	}
	return cs.c.UpsertVersionSet(ctx, live.ID, name, classic.VersionSet{
		AgentVersionNumber: agent, ServiceHierarchicalStateMachineVersionNumber: graph, LLMModelPreferences: prefs,
	})
}

// deletable refuses `edge` and `release`, which the API keeps on every
// service (it answers 400).
func (classicServices) deletable(name string) error {
	if name == edgeSet || name == releaseSet {
		return unsupported("classic services always keep their %s and %s version sets", edgeSet, releaseSet)
	}
	return nil
}

func (cs classicServices) deleteSet(ctx context.Context, live Service, name string) error {
	return cs.c.DeleteVersionSet(ctx, live.ID, name)
}

// remove deactivates the service: the Classic API documents no way to
// delete one (see Backend.RemoveService). An inactive one is left as it is.
func (cs classicServices) remove(ctx context.Context, live Service) error {
	if !live.Spec.Active() {
		return nil
	}
	return cs.c.UpdateService(ctx, live.ID, classic.UpdateServiceRequest{IsActive: ptr(false)})
}

// classicServiceRefs resolves a service's agent and context graph and
// refuses the fields only Platform services have.
func classicServiceRefs(s spec.ServiceSpec, idx Index) (agentID, graphID string, err error) {
	if s.ChannelType != "" || s.Environment != "" || s.SafetyFiltersEnabled != nil || s.ToolCapacity != nil ||
		s.PersonaID != nil || s.EscalationPolicy != nil || s.VoiceConfig != nil {
		return "", "", unsupported("classic services have no channel_type, environment, safety_filters_enabled, tool_capacity, persona_id, escalation_policy or voice_config")
	}
	return serviceRefs(s, idx)
}

// serviceRefs resolves the agent and context graph names of a service.
func serviceRefs(s spec.ServiceSpec, idx Index) (agentID, graphID string, err error) {
	agentID, ok := idx.ID(spec.KindAgent, s.Agent)
	if !ok {
		return "", "", fmt.Errorf("agent %q does not exist on the server", s.Agent)
	}
	graphID, ok = idx.ID(spec.KindContextGraph, s.ContextGraph)
	if !ok {
		return "", "", fmt.Errorf("context graph %q does not exist on the server", s.ContextGraph)
	}
	return agentID, graphID, nil
}

// NormalizeService implements Normalizer: the description trimmed, active
// by default, empty tags, keyterms and model parameters absent, Platform
// settings and the `edge` set dropped.
func (classicNormalizer) NormalizeService(s spec.ServiceSpec) spec.ServiceSpec {
	out := spec.ServiceSpec{
		Agent: s.Agent, ContextGraph: s.ContextGraph, Description: trim(s.Description),
		IsActive: ptr(s.Active()), Keyterms: trimAll(s.Keyterms), VersionSets: normalizeSets(s.VersionSets),
	}
	for k, v := range s.Tags {
		if out.Tags == nil {
			out.Tags = map[string]*string{}
		}
		out.Tags[trim(k)] = trimPtr(v)
	}
	delete(out.VersionSets, edgeSet)
	out.VersionSets = nilIfEmptyMap(out.VersionSets)
	return out
}

// nonNilMap returns m, or an empty non-nil map.
func nonNilMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}

// normalizeSets copies version sets with empty model parameters absent.
func normalizeSets(sets map[string]spec.VersionSet) map[string]spec.VersionSet {
	if len(sets) == 0 {
		return nil
	}
	out := make(map[string]spec.VersionSet, len(sets))
	for name, vs := range sets {
		var prefs map[string]spec.LLMConfig
		for k, c := range vs.LLMModelPreferences {
			if prefs == nil {
				prefs = map[string]spec.LLMConfig{}
			}
			prefs[k] = spec.LLMConfig{LLMName: c.LLMName, Params: nilIfEmptyMap(maps.Clone(c.Params))}
		}
		out[name] = spec.VersionSet{Agent: vs.Agent, ContextGraph: vs.ContextGraph, LLMModelPreferences: prefs}
	}
	return out
}

// pinFromWire converts a version number (nil: latest) to a pin.
func pinFromWire(n *int) spec.Pin {
	if n == nil {
		return spec.Pin{Kind: spec.PinLatest}
	}
	return spec.Pin{Kind: spec.PinNumber, Number: *n}
}

// pinToWire converts a pin to a version number (nil: latest); "current"
// must have been resolved by the planner.
func pinToWire(p spec.Pin) (*int, error) {
	switch p.Kind {
	case spec.PinNumber:
		return ptr(p.Number), nil
	case spec.PinLatest:
		return nil, nil
	}
	return nil, unsupported("pin %q must be resolved to a version number or latest first", p.String())
}

// llmFromWire converts model preferences of either dialect.
func llmFromWire[C any](m map[string]C, parts func(C) (string, map[string]any)) map[string]spec.LLMConfig {
	var out map[string]spec.LLMConfig
	for k, c := range m {
		if out == nil {
			out = map[string]spec.LLMConfig{}
		}
		name, params := parts(c)
		out[k] = spec.LLMConfig{LLMName: name, Params: nilIfEmptyMap(params)}
	}
	return out
}
