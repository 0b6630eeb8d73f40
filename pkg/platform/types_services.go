package platform

import "time"

// This file holds the wire types of services and their version sets; see
// types.go for the conventions.

// ServiceTag is a key with an optional value.
type ServiceTag struct {
	Key   string  `json:"key"`
	Value *string `json:"value,omitzero"`
}

// LLMConfig names a model and its parameters.
type LLMConfig struct {
	LLMName string         `json:"llm_name"`
	Params  map[string]any `json:"params,omitzero"`
}

// VersionSet pins the agent version, the context graph version and the LLM
// model preferences of a service. A nil version number means "latest".
type VersionSet struct {
	AgentVersionNumber        *int                 `json:"agent_version_number"`
	ContextGraphVersionNumber *int                 `json:"context_graph_version_number"`
	LLMModelPreferences       map[string]LLMConfig `json:"llm_model_preferences,omitzero"`
}

// UpsertVersionSetRequest is the body of PUT .../services/{id}/version-sets/{name}.
type UpsertVersionSetRequest struct {
	VersionSet VersionSet `json:"version_set"`
}

// EscalationAction is what a service does on an escalation trigger; Type is
// the discriminator: operator (default), forward or hangup.
type EscalationAction struct {
	Type string `json:"type"`
}

// EscalationPolicy routes each engine-detected escalation trigger to an
// action; an absent trigger falls back to operator.
type EscalationPolicy struct {
	ContextWindowExhaustion *EscalationAction `json:"context_window_exhaustion,omitzero"`
	ConversationMonitor     *EscalationAction `json:"conversation_monitor,omitzero"`
	RiskScorer              *EscalationAction `json:"risk_scorer,omitzero"`
}

// ServiceVoiceConfig tunes a service's voice pipeline; a nil field inherits
// from the workspace. FillerStyle is backchannel (default), phrase or silent;
// TTSModel sonic-turbo or sonic-3; TTSProvider cartesia, elevenlabs or groq.
type ServiceVoiceConfig struct {
	BackchannelDelayMS   *int                             `json:"backchannel_delay_ms,omitzero"`
	BargeInCooldownS     *float64                         `json:"barge_in_cooldown_s,omitzero"`
	BargeInMinSpeechS    *float64                         `json:"barge_in_min_speech_s,omitzero"`
	EagerEOTThreshold    *float64                         `json:"eager_eot_threshold,omitzero"`
	EmpathyHoldMS        *int                             `json:"empathy_hold_ms,omitzero"`
	EOTTimeoutMS         *int                             `json:"eot_timeout_ms,omitzero"`
	FillerCooldownMS     *int                             `json:"filler_cooldown_ms,omitzero"`
	FillerStyle          *string                          `json:"filler_style,omitzero"`
	FillerVocabulary     []string                         `json:"filler_vocabulary,omitzero"`
	ForwardCallEnabled   *bool                            `json:"forward_call_enabled,omitzero"`
	LanguageProviders    map[string]LanguageProviderEntry `json:"language_providers,omitzero"`
	MaxBufferDelayMS     *int                             `json:"max_buffer_delay_ms,omitzero"`
	MaxResponseSentences *int                             `json:"max_response_sentences,omitzero"`
	MaxResponseWords     *int                             `json:"max_response_words,omitzero"`
	MinTTSSpeed          *float64                         `json:"min_tts_speed,omitzero"`
	PostEOTPauseMS       *int                             `json:"post_eot_pause_ms,omitzero"`
	ProgressIntervalMS   *int                             `json:"progress_interval_ms,omitzero"`
	ProgressVocabulary   []string                         `json:"progress_vocabulary,omitzero"`
	TransitionDeadlineMS *int                             `json:"transition_deadline_ms,omitzero"`
	TTSConfig            map[string]any                   `json:"tts_config,omitzero"`
	TTSModel             *string                          `json:"tts_model,omitzero"`
	TTSProvider          *string                          `json:"tts_provider,omitzero"`
}

// ServiceSettings are the optional fields of a service that both
// CreateServiceRequest and UpdateServiceRequest carry, embedded in each (the
// JSON is flat, as in the document). In a create, a nil field takes the
// default: channel_type voice (or text, scribe), environment production (or
// sandbox), is_active true, safety_filters_enabled true, tool_capacity 3
// (1-10). In an update, a nil field is left unchanged (the API cannot clear
// a field with null).
type ServiceSettings struct {
	Description          *string               `json:"description,omitzero"`
	ChannelType          *string               `json:"channel_type,omitzero"`
	Environment          *string               `json:"environment,omitzero"`
	EscalationPolicy     *EscalationPolicy     `json:"escalation_policy,omitzero"`
	IsActive             *bool                 `json:"is_active,omitzero"`
	Keyterms             []string              `json:"keyterms,omitzero"`
	PersonaID            *string               `json:"persona_id,omitzero"`
	SafetyFiltersEnabled *bool                 `json:"safety_filters_enabled,omitzero"`
	Tags                 []ServiceTag          `json:"tags,omitzero"`
	ToolCapacity         *int                  `json:"tool_capacity,omitzero"`
	VersionSets          map[string]VersionSet `json:"version_sets,omitzero"`
	VoiceConfig          *ServiceVoiceConfig   `json:"voice_config,omitzero"`
}

// CreateServiceRequest is the body of POST /v1/{workspace_id}/services: a
// name, the agent and the context graph, and the optional ServiceSettings.
type CreateServiceRequest struct {
	Name           string `json:"name"`
	AgentID        string `json:"agent_id"`
	ContextGraphID string `json:"context_graph_id"`
	ServiceSettings
}

// UpdateServiceRequest is the body of PUT /v1/{workspace_id}/services/{id};
// a nil field is left unchanged (the API cannot clear a field with null).
type UpdateServiceRequest struct {
	Name           *string `json:"name,omitzero"`
	AgentID        *string `json:"agent_id,omitzero"`
	ContextGraphID *string `json:"context_graph_id,omitzero"`
	ServiceSettings
}

// ServiceResponse is a service: an agent and a context graph with named
// version sets pinning their versions.
type ServiceResponse struct {
	ID                   string                `json:"id"`
	WorkspaceID          string                `json:"workspace_id"`
	Name                 string                `json:"name"`
	Description          string                `json:"description"`
	AgentID              string                `json:"agent_id"`
	AgentName            *string               `json:"agent_name"`
	ContextGraphID       string                `json:"context_graph_id"`
	ContextGraphName     *string               `json:"context_graph_name"`
	ChannelType          string                `json:"channel_type"`
	Environment          string                `json:"environment"`
	EscalationPolicy     *EscalationPolicy     `json:"escalation_policy"`
	IsActive             bool                  `json:"is_active"`
	IsSystem             bool                  `json:"is_system"`
	Keyterms             []string              `json:"keyterms"`
	PersonaID            *string               `json:"persona_id"`
	PersonaName          *string               `json:"persona_name"`
	SafetyFiltersEnabled bool                  `json:"safety_filters_enabled"`
	Tags                 []ServiceTag          `json:"tags"`
	ToolCapacity         int                   `json:"tool_capacity"`
	VersionSets          map[string]VersionSet `json:"version_sets"`
	VoiceConfig          *ServiceVoiceConfig   `json:"voice_config"`
	CreatedAt            time.Time             `json:"created_at"`
	UpdatedAt            time.Time             `json:"updated_at"`
}
