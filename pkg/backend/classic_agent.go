package backend

import (
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// classicAgentToWire is the full body of a new Classic agent version. Every
// field is sent (the API carries a missing one forward from the previous
// version); a nil voice config is the one exception the API gives no way
// to express: it means "unchanged".
func classicAgentToWire(a spec.AgentSpec) classic.CreateAgentVersionRequest {
	id := classic.Identity{
		Name: a.Identity.Name, Role: a.Identity.Role, DevelopedBy: a.Identity.DevelopedBy,
		DefaultSpokenLanguage: a.Identity.DefaultSpokenLanguage,
	}
	if r := a.Identity.RelationshipToDeveloper; r != nil {
		id.RelationshipToDeveloper = classic.RelationshipToDeveloper(*r)
	}
	req := classic.CreateAgentVersionRequest{
		Initials:              &a.Initials,
		Identity:              &id,
		Background:            &a.Background,
		Behaviors:             nonNil(a.Behaviors),
		CommunicationPatterns: nonNil(a.CommunicationPatterns),
	}
	if a.VoiceConfig != nil {
		req.VoiceConfig = &classic.VoiceConfig{VoiceID: a.VoiceConfig.VoiceID}
	}
	return req
}

// classicAgentFromWire converts a stored version. The voice's stability,
// similarity boost and style are dropped: a Classic manifest cannot set
// them (the API takes only voice_id).
func classicAgentFromWire(v classic.AgentVersion) spec.AgentSpec {
	r := spec.RelationshipToDeveloper(v.Identity.RelationshipToDeveloper)
	a := spec.AgentSpec{
		Initials: v.Initials,
		Identity: spec.Identity{
			Name: v.Identity.Name, Role: v.Identity.Role, DevelopedBy: v.Identity.DevelopedBy,
			DefaultSpokenLanguage: v.Identity.DefaultSpokenLanguage, RelationshipToDeveloper: &r,
		},
		Background:            v.Background,
		Behaviors:             nilIfEmpty(v.Behaviors),
		CommunicationPatterns: nilIfEmpty(v.CommunicationPatterns),
	}
	if v.VoiceConfig != nil {
		a.VoiceConfig = &spec.VoiceConfig{VoiceID: v.VoiceConfig.VoiceID}
	}
	return a
}

// classicNormalizer is the Normalizer of the Classic dialect: strings of
// the API's "StrippedNonemptyString" types trimmed, empty lists and maps
// absent, fields Classic does not have dropped.
type classicNormalizer struct{}

// NormalizeVersion implements Normalizer.
func (n classicNormalizer) NormalizeVersion(kind spec.Kind, v Version) Version {
	return versionNormalizers{agent: n.normalizeAgent, graph: n.normalizeGraph}.normalize(kind, v)
}

// normalizeAgent normalises an agent version.
func (classicNormalizer) normalizeAgent(a spec.AgentSpec) spec.AgentSpec {
	out := spec.AgentSpec{
		Initials: trim(a.Initials),
		Identity: spec.Identity{
			Name: trim(a.Identity.Name), Role: trim(a.Identity.Role), DevelopedBy: trim(a.Identity.DevelopedBy),
			DefaultSpokenLanguage: a.Identity.DefaultSpokenLanguage,
		},
		Background:            trim(a.Background),
		Behaviors:             trimAll(a.Behaviors),
		CommunicationPatterns: trimAll(a.CommunicationPatterns),
	}
	if r := a.Identity.RelationshipToDeveloper; r != nil {
		out.Identity.RelationshipToDeveloper = &spec.RelationshipToDeveloper{
			Ownership: trim(r.Ownership), Type: trim(r.Type),
			ConversationVisibility: trim(r.ConversationVisibility), ThoughtVisibility: trim(r.ThoughtVisibility),
		}
	}
	if a.VoiceConfig != nil {
		out.VoiceConfig = &spec.VoiceConfig{VoiceID: trim(a.VoiceConfig.VoiceID)}
	}
	return out
}
