package backend

import (
	"fmt"
	"maps"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// platformAgentToWire is the body of a new Platform agent version. The
// version's name (required by the API) is the agent's name.
func platformAgentToWire(name string, a spec.AgentSpec) (platform.CreateAgentVersionRequest, error) {
	req := platform.CreateAgentVersionRequest{
		Name:     name,
		Initials: &a.Initials,
		Identity: platform.Identity{
			Name: a.Identity.Name, Role: a.Identity.Role, DevelopedBy: a.Identity.DevelopedBy,
			DefaultSpokenLanguage: a.Identity.DefaultSpokenLanguage,
		},
		Background:            &a.Background,
		Behaviors:             nonNil(a.Behaviors),
		CommunicationPatterns: nonNil(a.CommunicationPatterns),
	}
	if r := a.Identity.RelationshipToDeveloper; r != nil {
		req.Identity.RelationshipToDeveloper = ptr(platform.RelationshipToDeveloper(*r))
	}
	if v := a.VoiceConfig; v != nil {
		providers, err := recode[map[string]platform.LanguageProviderEntry](v.LanguageProviders)
		if err != nil {
			return req, fmt.Errorf("voice_config.language_providers: %w", err)
		}
		req.VoiceConfig = &platform.VoiceConfig{
			VoiceID: v.VoiceID, Stability: v.Stability, SimilarityBoost: v.SimilarityBoost, Style: v.Style,
			TTSProvider: v.TTSProvider, TTSConfig: v.TTSConfig, LanguageProviders: providers,
		}
	}
	return req, nil
}

// platformAgentFromWire converts a stored version; the version's name (a
// copy of the agent's) is dropped.
func platformAgentFromWire(v platform.AgentVersionResponse) spec.AgentSpec {
	a := spec.AgentSpec{
		Initials: v.Initials,
		Identity: spec.Identity{
			Name: v.Identity.Name, Role: v.Identity.Role, DevelopedBy: v.Identity.DevelopedBy,
			DefaultSpokenLanguage: v.Identity.DefaultSpokenLanguage,
		},
		Background:            v.Background,
		Behaviors:             nilIfEmpty(v.Behaviors),
		CommunicationPatterns: nilIfEmpty(v.CommunicationPatterns),
	}
	if r := v.Identity.RelationshipToDeveloper; r != nil {
		a.Identity.RelationshipToDeveloper = ptr(spec.RelationshipToDeveloper(*r))
	}
	if vc := v.VoiceConfig; vc != nil {
		a.VoiceConfig = &spec.VoiceConfig{
			VoiceID: vc.VoiceID, TTSProvider: vc.TTSProvider,
			Stability: vc.Stability, SimilarityBoost: vc.SimilarityBoost, Style: vc.Style,
			TTSConfig: nilIfEmptyMap(vc.TTSConfig), LanguageProviders: toMap(vc.LanguageProviders),
		}
	}
	return a
}

// platformNormalizer is the Normalizer of the Platform dialect: the
// documented defaults the server fills in are filled in, empty lists and
// maps are absent, fields Platform does not have are dropped.
type platformNormalizer struct{}

// NormalizeVersion implements Normalizer.
func (n platformNormalizer) NormalizeVersion(kind spec.Kind, v Version) Version {
	return versionNormalizers{agent: n.normalizeAgent, graph: n.normalizeGraph}.normalize(kind, v)
}

// normalizeAgent normalises an agent version (its description, the
// container's, is cleared by NormalizeVersion).
func (platformNormalizer) normalizeAgent(a spec.AgentSpec) spec.AgentSpec {
	out := a
	out.Behaviors = nilIfEmpty(a.Behaviors)
	out.CommunicationPatterns = nilIfEmpty(a.CommunicationPatterns)
	if r := a.Identity.RelationshipToDeveloper; r != nil {
		out.Identity.RelationshipToDeveloper = ptr(*r)
	}
	if v := a.VoiceConfig; v != nil {
		zero := 0.0
		out.VoiceConfig = &spec.VoiceConfig{
			VoiceID: v.VoiceID, TTSProvider: v.TTSProvider,
			Stability: orDefault(v.Stability, zero), SimilarityBoost: orDefault(v.SimilarityBoost, zero),
			Style: orDefault(v.Style, zero), TTSConfig: nilIfEmptyMap(maps.Clone(v.TTSConfig)),
			LanguageProviders: v.LanguageProviders,
		}
		if providers, err := recode[map[string]platform.LanguageProviderEntry](v.LanguageProviders); err == nil {
			out.VoiceConfig.LanguageProviders = toMap(providers)
		}
	}
	return out
}

// orDefault returns p, or a pointer to def when p is nil.
func orDefault[T any](p *T, def T) *T {
	if p == nil {
		return &def
	}
	return p
}
