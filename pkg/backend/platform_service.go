package backend

import (
	"context"
	"fmt"
	"iter"
	"sort"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// platformServices are the Platform calls on services.
type platformServices struct{ c *platform.Client }

func (ps platformServices) list(ctx context.Context, idx Index) iter.Seq2[Service, error] {
	return convertSeq(ps.c.ListServices(ctx, platform.ServiceListOptions{}), func(s platform.ServiceResponse) Service {
		return platformServiceFromWire(s, idx)
	})
}

func (ps platformServices) get(ctx context.Context, id string, idx Index) (Service, error) {
	s, err := ps.c.GetService(ctx, id)
	return platformServiceFromWire(s, idx), err
}

// platformServiceFromWire converts a listed service.
func platformServiceFromWire(s platform.ServiceResponse, idx Index) Service {
	agent, _ := idx.Name(spec.KindAgent, s.AgentID)
	graph, _ := idx.Name(spec.KindContextGraph, s.ContextGraphID)
	tags := tagsFromWire(s.Tags, func(t platform.ServiceTag) (string, *string) { return t.Key, t.Value })
	sets := setsFromWire(s.VersionSets, "", func(vs platform.VersionSet) spec.VersionSet {
		return spec.VersionSet{
			Agent: pinFromWire(vs.AgentVersionNumber), ContextGraph: pinFromWire(vs.ContextGraphVersionNumber),
			LLMModelPreferences: llmFromWire(vs.LLMModelPreferences, func(c platform.LLMConfig) (string, map[string]any) { return c.LLMName, c.Params }),
		}
	})
	return Service{
		ID: s.ID, Name: s.Name, AgentID: s.AgentID, ContextGraphID: s.ContextGraphID,
		Spec: spec.ServiceSpec{
			Agent: agent, ContextGraph: graph, Description: s.Description, IsActive: ptr(s.IsActive),
			Tags: tags, Keyterms: nilIfEmpty(s.Keyterms), VersionSets: sets,
			ChannelType: s.ChannelType, Environment: s.Environment,
			SafetyFiltersEnabled: ptr(s.SafetyFiltersEnabled), ToolCapacity: ptr(s.ToolCapacity),
			PersonaID: s.PersonaID, EscalationPolicy: toMap(s.EscalationPolicy), VoiceConfig: toMap(s.VoiceConfig),
		},
	}
}

// platformSettings is the wire form of a service's fields, normalised
// first so that defaults are sent explicitly (an update cannot reset a
// field by leaving it out). Empty tags and keyterms are sent as [], which
// clears them.
func platformSettings(s spec.ServiceSpec) (platform.ServiceSettings, error) {
	s = platformNormalizer{}.NormalizeService(s)
	escalation, err := recode[*platform.EscalationPolicy](s.EscalationPolicy)
	if err != nil {
		return platform.ServiceSettings{}, fmt.Errorf("escalation_policy: %w", err)
	}
	voice, err := recode[*platform.ServiceVoiceConfig](s.VoiceConfig)
	if err != nil {
		return platform.ServiceSettings{}, fmt.Errorf("voice_config: %w", err)
	}
	tags := []platform.ServiceTag{}
	for _, k := range sortedKeys(s.Tags) {
		tags = append(tags, platform.ServiceTag{Key: k, Value: s.Tags[k]})
	}
	return platform.ServiceSettings{
		Description: &s.Description, ChannelType: &s.ChannelType, Environment: &s.Environment,
		EscalationPolicy: escalation, IsActive: s.IsActive, Keyterms: nonNil(s.Keyterms),
		PersonaID: s.PersonaID, SafetyFiltersEnabled: s.SafetyFiltersEnabled, Tags: tags,
		ToolCapacity: s.ToolCapacity, VoiceConfig: voice,
	}, nil
}

func (ps platformServices) create(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error) {
	agentID, graphID, err := serviceRefs(s, idx)
	if err != nil {
		return Service{}, err
	}
	settings, err := platformSettings(s)
	if err != nil {
		return Service{}, err
	}
	r, err := ps.c.CreateService(ctx, platform.CreateServiceRequest{Name: name, AgentID: agentID, ContextGraphID: graphID, ServiceSettings: settings})
	if err != nil {
		return Service{}, err
	}
	return platformServiceFromWire(r, idx), nil
}

// update sends every field. The API cannot clear persona_id,
// escalation_policy or voice_config (null means unchanged).
func (ps platformServices) update(ctx context.Context, live Service, s spec.ServiceSpec, idx Index) error {
	agentID, graphID, err := serviceRefs(s, idx)
	if err != nil {
		return err
	}
	settings, err := platformSettings(s)
	if err != nil {
		return err
	}
	_, err = ps.c.UpdateService(ctx, live.ID, platform.UpdateServiceRequest{AgentID: &agentID, ContextGraphID: &graphID, ServiceSettings: settings})
	return err
}

func (ps platformServices) upsertSet(ctx context.Context, live Service, name string, set spec.VersionSet) error {
	vs, err := platformSetToWire(set)
	if err != nil {
		return err
	}
	return ps.c.UpsertVersionSet(ctx, live.ID, name, vs)
}

// platformSetToWire converts one version set.
func platformSetToWire(set spec.VersionSet) (platform.VersionSet, error) {
	agent, graph, prefs, err := versionSetToWire(set, func(c spec.LLMConfig) platform.LLMConfig {
		return platform.LLMConfig{LLMName: c.LLMName, Params: c.Params}
	})
	return platform.VersionSet{AgentVersionNumber: agent, ContextGraphVersionNumber: graph, LLMModelPreferences: prefs}, err
}

// deletable accepts any name: Platform keeps no set of its own.
func (platformServices) deletable(string) error { return nil }

// deleteSet writes the service's version sets back without name: the
// Platform API has no call to delete one set, and an update's
// version_sets replaces them all. The sets written are those just re-read,
// so only a set another writer upserts between that read and this write
// (a window of one request) could be lost.
func (ps platformServices) deleteSet(ctx context.Context, live Service, name string) error {
	sets := map[string]platform.VersionSet{}
	for other, set := range live.Spec.VersionSets {
		if other == name {
			continue
		}
		vs, err := platformSetToWire(set)
		if err != nil {
			return fmt.Errorf("version set %s: %w", other, err)
		}
		sets[other] = vs
	}
	_, err := ps.c.UpdateService(ctx, live.ID, platform.UpdateServiceRequest{ServiceSettings: platform.ServiceSettings{VersionSets: sets}})
	return err
}

func (ps platformServices) remove(ctx context.Context, live Service) error {
	return ps.c.DeleteService(ctx, live.ID)
}

// NormalizeService implements Normalizer: the documented defaults filled
// (platform.DefaultChannelType and the rest: channel_type voice,
// environment production, active, safety filters on, tool_capacity 3, the
// voice config's defaults), empty lists and maps absent.
func (platformNormalizer) NormalizeService(s spec.ServiceSpec) spec.ServiceSpec {
	out := s
	out.IsActive = ptr(s.Active())
	out.Keyterms = nilIfEmpty(s.Keyterms)
	out.Tags = nilIfEmptyMap(s.Tags)
	out.VersionSets = normalizeSets(s.VersionSets)
	out.ChannelType = or(s.ChannelType, platform.DefaultChannelType)
	out.Environment = or(s.Environment, platform.DefaultEnvironment)
	out.SafetyFiltersEnabled = orDefault(s.SafetyFiltersEnabled, platform.DefaultSafetyFiltersEnabled)
	out.ToolCapacity = orDefault(s.ToolCapacity, platform.DefaultToolCapacity)
	if p, err := recode[*platform.EscalationPolicy](s.EscalationPolicy); err == nil {
		out.EscalationPolicy = toMap(p)
	}
	if v, err := recode[*platform.ServiceVoiceConfig](s.VoiceConfig); err == nil {
		if v != nil {
			v.BackchannelDelayMS = orDefault(v.BackchannelDelayMS, platform.DefaultBackchannelDelayMS)
			v.FillerStyle = orDefault(v.FillerStyle, platform.DefaultFillerStyle)
			v.ForwardCallEnabled = orDefault(v.ForwardCallEnabled, platform.DefaultForwardCallEnabled)
		}
		out.VoiceConfig = toMap(v)
	}
	return out
}

// or returns s, or def when s is empty.
func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
