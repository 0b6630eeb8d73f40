package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Dialect is the API flavour a target speaks; manifests are checked against
// the dialect of the chosen target.
type Dialect string

// The two dialects.
const (
	// DialectClassic is the organization-scoped Classic API (agents and
	// service hierarchical state machines with numbered versions).
	DialectClassic Dialect = "classic"
	// DialectPlatform is the workspace-scoped Platform API.
	DialectPlatform Dialect = "platform"
)

// Other returns the other dialect.
func (d Dialect) Other() Dialect {
	if d == DialectClassic {
		return DialectPlatform
	}
	return DialectClassic
}

// Kind is the kind of a manifest document.
type Kind string

// The manifest kinds.
const (
	KindAgent        Kind = "Agent"
	KindContextGraph Kind = "ContextGraph"
	KindService      Kind = "Service"
)

// APIVersion is the only manifest apiVersion this release understands.
const APIVersion = "amigosync/v1"

// Source says where a manifest was read from.
type Source struct {
	File string `json:"file"`
	Pos  Pos    `json:"pos"`
}

// Agent is an Agent manifest: a container (name, description) and the
// content of its version.
type Agent = Manifest[AgentSpec]

// AgentSpec is the content of an agent version plus the Platform container
// description. Field names are those of the APIs' create-version requests.
type AgentSpec struct {
	// Description is the Platform agent's container description; Classic
	// agents have none.
	Description           string       `json:"description,omitempty"`
	Initials              string       `json:"initials"`
	Identity              Identity     `json:"identity"`
	Background            string       `json:"background"`
	Behaviors             []string     `json:"behaviors"`
	CommunicationPatterns []string     `json:"communication_patterns"`
	VoiceConfig           *VoiceConfig `json:"voice_config,omitempty"`
}

// Identity is who the agent is.
type Identity struct {
	Name                    string                   `json:"name"`
	Role                    string                   `json:"role"`
	DevelopedBy             string                   `json:"developed_by"`
	DefaultSpokenLanguage   string                   `json:"default_spoken_language"`
	RelationshipToDeveloper *RelationshipToDeveloper `json:"relationship_to_developer,omitempty"`
}

// RelationshipToDeveloper describes how the agent relates to its developer.
type RelationshipToDeveloper struct {
	Ownership              string `json:"ownership"`
	Type                   string `json:"type"`
	ConversationVisibility string `json:"conversation_visibility"`
	ThoughtVisibility      string `json:"thought_visibility"`
}

// VoiceConfig is the agent's voice. Classic knows only VoiceID; the other
// fields are Platform's.
type VoiceConfig struct {
	VoiceID           string         `json:"voice_id"`
	TTSProvider       *string        `json:"tts_provider,omitempty"`
	Stability         *float64       `json:"stability,omitempty"`
	SimilarityBoost   *float64       `json:"similarity_boost,omitempty"`
	Style             *float64       `json:"style,omitempty"`
	TTSConfig         map[string]any `json:"tts_config,omitempty"`
	LanguageProviders map[string]any `json:"language_providers,omitempty"`
}

// PinKind says how a version-set pin chooses a version.
type PinKind int

// The pin kinds.
const (
	// PinNumber pins an exact version number.
	PinNumber PinKind = iota + 1
	// PinLatest floats to the newest version (null on the wire).
	PinLatest
	// PinCurrent is the version whose content equals this manifest, as found
	// or created by the apply.
	PinCurrent
)

// Pin is a version number, "latest" or "current".
type Pin struct {
	Kind   PinKind
	Number int
}

// NumberPin pins version n.
func NumberPin(n int) Pin { return Pin{Kind: PinNumber, Number: n} }

// String renders the pin as written in a manifest.
func (p Pin) String() string {
	switch p.Kind {
	case PinNumber:
		return strconv.Itoa(p.Number)
	case PinLatest:
		return "latest"
	case PinCurrent:
		return "current"
	}
	return ""
}

// MarshalJSON writes a number or "latest"/"current".
func (p Pin) MarshalJSON() ([]byte, error) {
	if p.Kind == PinNumber {
		return []byte(strconv.Itoa(p.Number)), nil
	}
	return json.Marshal(p.String())
}

// UnmarshalJSON reads a number ≥ 1, "latest" or "current".
func (p *Pin) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		switch s {
		case "latest":
			*p = Pin{Kind: PinLatest}
			return nil
		case "current":
			*p = Pin{Kind: PinCurrent}
			return nil
		}
		return fmt.Errorf("pin %q is not a version number, latest or current", s)
	}
	txt := string(bytes.TrimSpace(b))
	n, ok := parseWhole(txt)
	if f, err := strconv.ParseFloat(txt, 64); (!ok || n > math.MaxInt) && err == nil && f >= 1 && f == math.Trunc(f) {
		return fmt.Errorf("%s is too large for a version number (at most %d)", txt, math.MaxInt)
	}
	if !ok || n < 1 {
		return fmt.Errorf("pin %s is not a version number ≥ 1, latest or current", b)
	}
	*p = Pin{Kind: PinNumber, Number: int(n)}
	return nil
}

// Service is a Service manifest.
type Service = Manifest[ServiceSpec]

// ServiceSpec holds a service's fields. Agent and ContextGraph are manifest
// names, resolved to live ids at plan time.
type ServiceSpec struct {
	Agent        string                `json:"agent"`
	ContextGraph string                `json:"context_graph"`
	Description  string                `json:"description"`
	IsActive     *bool                 `json:"is_active,omitempty"`
	Tags         map[string]*string    `json:"tags,omitempty"`
	Keyterms     []string              `json:"keyterms,omitempty"`
	VersionSets  map[string]VersionSet `json:"version_sets,omitempty"`
	// Platform-only service settings.
	ChannelType          string         `json:"channel_type,omitempty"`
	Environment          string         `json:"environment,omitempty"`
	SafetyFiltersEnabled *bool          `json:"safety_filters_enabled,omitempty"`
	ToolCapacity         *int           `json:"tool_capacity,omitempty"`
	PersonaID            *string        `json:"persona_id,omitempty"`
	EscalationPolicy     map[string]any `json:"escalation_policy,omitempty"`
	VoiceConfig          map[string]any `json:"voice_config,omitempty"`
}

// Active reports whether the service is active (the default).
func (s ServiceSpec) Active() bool { return s.IsActive == nil || *s.IsActive }

// VersionSet pins the agent and context graph versions a service runs.
type VersionSet struct {
	Agent               Pin                  `json:"agent"`
	ContextGraph        Pin                  `json:"context_graph"`
	LLMModelPreferences map[string]LLMConfig `json:"llm_model_preferences,omitempty"`
}

// LLMConfig chooses a model (and its parameters) for one interaction type.
type LLMConfig struct {
	LLMName string         `json:"llm_name"`
	Params  map[string]any `json:"params,omitempty"`
}
