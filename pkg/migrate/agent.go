package migrate

import (
	"github.com/amigosync/amigosync/pkg/spec"
)

// cartesia is the TTS provider of every Classic voice: the Classic API
// documents voice_id as "the Cartesia voice ID for this agent".
const cartesia = "cartesia"

// translateAgent turns one Classic agent version into the Platform
// dialect. Nothing about an agent blocks; the Platform check may still
// (a field over a Platform limit).
func translateAgent(a spec.AgentSpec) (spec.AgentSpec, []note) {
	out := a
	out.Description = "" // Classic agents have none; the container's stays empty
	out.Behaviors = nonNil(a.Behaviors)
	out.CommunicationPatterns = nonNil(a.CommunicationPatterns)
	var notes []note
	for _, f := range []struct {
		field string
		set   bool
	}{
		{"spec.initials", a.Initials != ""},
		{"spec.identity", true},
		{"spec.background", a.Background != ""},
		{"spec.behaviors", len(a.Behaviors) > 0},
		{"spec.communication_patterns", len(a.CommunicationPatterns) > 0},
	} {
		if f.set {
			notes = append(notes, carried(f.field))
		}
	}
	if v := a.VoiceConfig; v != nil {
		vc := *v
		if vc.TTSProvider == nil {
			vc.TTSProvider = ptr(cartesia)
			notes = append(notes, transformed("spec.voice_config",
				"Classic voices are Cartesia voices; Platform's voice_config names the provider, so tts_provider: cartesia is added to voice_id (stability, similarity_boost and style keep their default, 0)"))
		} else {
			notes = append(notes, carried("spec.voice_config"))
		}
		out.VoiceConfig = &vc
	}
	return out, notes
}

func ptr[T any](v T) *T { return &v }

// nonNil returns s, or an empty slice: the manifest model writes a nil list
// as null, which the Platform schema refuses.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
