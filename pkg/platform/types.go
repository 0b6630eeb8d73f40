package platform

import (
	"encoding/json"
	"fmt"
	"time"
)

// This file mirrors the component schemas of the Platform OpenAPI document
// (api/platform-openapi.json). Go names follow the schema names; JSON names are
// exactly the document's. Conventions, so that a value decoded from the wire
// encodes back to the same JSON:
//   - a required field is a plain value (required nullable: a pointer without omitempty);
//   - an optional scalar is a pointer with omitzero, so "absent" and "explicitly
//     the default" stay distinguishable (absent and null are treated alike);
//   - an optional list or map uses omitzero: nil is absent, an empty non-nil
//     value encodes as [] or {}.
// The *-Input and *-Output variants of a schema are identical in the document
// and share one Go type here.

// Page is one page of a paginated list (the PaginatedResponse_* schemas):
// items, whether more follow, the continuation token to pass for the next page
// (null on the last page) and, when the server knows it, the total count.
type Page[T any] struct {
	Items             []T  `json:"items"`
	HasMore           bool `json:"has_more"`
	ContinuationToken *int `json:"continuation_token"`
	Total             *int `json:"total"`
}

// ValidationError is one entry of a 422 response: where (loc, e.g.
// ["body","states",0,"name"]), what (msg) and a machine-readable type.
type ValidationError struct {
	Loc   []any          `json:"loc"`
	Msg   string         `json:"msg"`
	Type  string         `json:"type"`
	Input any            `json:"input,omitzero"`
	Ctx   map[string]any `json:"ctx,omitzero"`
}

// HTTPValidationError is the body of a 422 response.
type HTTPValidationError struct {
	Detail []ValidationError `json:"detail"`
}

// WorkspaceResponse is a workspace; BackendOrgID names the Classic
// organization the workspace maps to.
type WorkspaceResponse struct {
	ID            string     `json:"id"`
	Slug          string     `json:"slug"`
	Name          string     `json:"name"`
	Environment   string     `json:"environment"`
	BackendOrgID  *string    `json:"backend_org_id"`
	Region        string     `json:"region"`
	ConnectorType *string    `json:"connector_type"`
	ProvisionedAt *time.Time `json:"provisioned_at"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// CreateAgentRequest is the body of POST /v1/{workspace_id}/agents.
// Description defaults to "".
type CreateAgentRequest struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitzero"`
}

// UpdateAgentRequest is the body of PUT /v1/{workspace_id}/agents/{agent_id};
// a nil (absent or null) field is left unchanged.
type UpdateAgentRequest struct {
	Name        *string `json:"name,omitzero"`
	Description *string `json:"description,omitzero"`
}

// AgentResponse is an agent container; LatestVersion is 0 before the first version.
type AgentResponse struct {
	ID            string    `json:"id"`
	WorkspaceID   string    `json:"workspace_id"`
	Name          string    `json:"name"`
	Description   string    `json:"description"`
	LatestVersion int       `json:"latest_version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// RelationshipToDeveloper describes how an agent relates to its developer.
type RelationshipToDeveloper struct {
	Ownership              string `json:"ownership"`
	Type                   string `json:"type"`
	ConversationVisibility string `json:"conversation_visibility"`
	ThoughtVisibility      string `json:"thought_visibility"`
}

// Identity is who an agent says it is.
type Identity struct {
	Name                    string                   `json:"name"`
	Role                    string                   `json:"role"`
	DevelopedBy             string                   `json:"developed_by"`
	DefaultSpokenLanguage   string                   `json:"default_spoken_language"`
	RelationshipToDeveloper *RelationshipToDeveloper `json:"relationship_to_developer,omitzero"`
}

// LanguageProviderEntry is the TTS provider for one language; Provider is one
// of cartesia, elevenlabs, groq.
type LanguageProviderEntry struct {
	Provider string         `json:"provider"`
	Config   map[string]any `json:"config,omitzero"`
}

// VoiceConfig is an agent version's voice. Stability, SimilarityBoost and
// Style default to 0; TTSProvider is one of cartesia, elevenlabs, groq.
type VoiceConfig struct {
	VoiceID           string                           `json:"voice_id"`
	Stability         *float64                         `json:"stability,omitzero"`
	SimilarityBoost   *float64                         `json:"similarity_boost,omitzero"`
	Style             *float64                         `json:"style,omitzero"`
	TTSProvider       *string                          `json:"tts_provider,omitzero"`
	TTSConfig         map[string]any                   `json:"tts_config,omitzero"`
	LanguageProviders map[string]LanguageProviderEntry `json:"language_providers,omitzero"`
}

// CreateAgentVersionRequest is the body of POST .../agents/{agent_id}/versions.
// Initials and Background default to "", the lists to empty.
type CreateAgentVersionRequest struct {
	Name                  string       `json:"name"`
	Initials              *string      `json:"initials,omitzero"`
	Identity              Identity     `json:"identity"`
	Background            *string      `json:"background,omitzero"`
	Behaviors             []string     `json:"behaviors,omitzero"`
	CommunicationPatterns []string     `json:"communication_patterns,omitzero"`
	VoiceConfig           *VoiceConfig `json:"voice_config,omitzero"`
}

// AgentVersionResponse is one immutable, numbered agent version.
type AgentVersionResponse struct {
	ID                    string       `json:"id"`
	WorkspaceID           string       `json:"workspace_id"`
	AgentID               string       `json:"agent_id"`
	Version               int          `json:"version"`
	Name                  string       `json:"name"`
	Initials              string       `json:"initials"`
	Identity              Identity     `json:"identity"`
	VoiceConfig           *VoiceConfig `json:"voice_config"`
	Background            string       `json:"background"`
	Behaviors             []string     `json:"behaviors"`
	CommunicationPatterns []string     `json:"communication_patterns"`
	CreatedAt             time.Time    `json:"created_at"`
	UpdatedAt             time.Time    `json:"updated_at"`
}

// CreateContextGraphRequest is the body of POST /v1/{workspace_id}/context-graphs.
type CreateContextGraphRequest struct {
	Name        string  `json:"name"`
	Description *string `json:"description,omitzero"`
}

// UpdateContextGraphRequest is the body of PUT .../context-graphs/{id}; a nil
// field is left unchanged.
type UpdateContextGraphRequest struct {
	Name        *string `json:"name,omitzero"`
	Description *string `json:"description,omitzero"`
}

// ContextGraphResponse is a context graph container.
type ContextGraphResponse struct {
	ID            string    `json:"id"`
	WorkspaceID   string    `json:"workspace_id"`
	Name          string    `json:"name"`
	Description   string    `json:"description"`
	LatestVersion int       `json:"latest_version"`
	StateCount    int       `json:"state_count"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// CreateContextGraphVersionRequest is the body of POST
// .../context-graphs/{id}/versions. Description defaults to "", the global
// guideline lists to empty.
type CreateContextGraphVersionRequest struct {
	Description                          *string             `json:"description,omitzero"`
	States                               []ContextGraphState `json:"states"`
	NewUserInitialState                  string              `json:"new_user_initial_state"`
	ReturningUserInitialState            string              `json:"returning_user_initial_state"`
	TerminalState                        string              `json:"terminal_state"`
	GlobalIntraStateNavigationGuidelines []string            `json:"global_intra_state_navigation_guidelines,omitzero"`
	GlobalActionGuidelines               []string            `json:"global_action_guidelines,omitzero"`
	GlobalBoundaryConstraints            []string            `json:"global_boundary_constraints,omitzero"`
	TopologyDescription                  *string             `json:"topology_description,omitzero"`
}

// ContextGraphVersionResponse is one immutable, numbered context graph version.
type ContextGraphVersionResponse struct {
	ID                                   string              `json:"id"`
	WorkspaceID                          string              `json:"workspace_id"`
	ContextGraphID                       string              `json:"context_graph_id"`
	Version                              int                 `json:"version"`
	Description                          string              `json:"description"`
	States                               []ContextGraphState `json:"states"`
	NewUserInitialState                  string              `json:"new_user_initial_state"`
	ReturningUserInitialState            string              `json:"returning_user_initial_state"`
	TerminalState                        string              `json:"terminal_state"`
	GlobalIntraStateNavigationGuidelines []string            `json:"global_intra_state_navigation_guidelines"`
	GlobalActionGuidelines               []string            `json:"global_action_guidelines"`
	GlobalBoundaryConstraints            []string            `json:"global_boundary_constraints"`
	TopologyDescription                  *string             `json:"topology_description"`
	CreatedAt                            time.Time           `json:"created_at"`
	UpdatedAt                            time.Time           `json:"updated_at"`
}

// State types: the values of a context graph state's "type" discriminator.
const (
	StateTypeAction         = "action"
	StateTypeDecision       = "decision"
	StateTypeAnnotation     = "annotation"
	StateTypeDataCollection = "data_collection"
)

// ContextGraphState is one state of a context graph version: a union over the
// state kinds, selected by the JSON "type" discriminator. Exactly one of the
// pointers is set, matching Type. It encodes with "type" first, followed by the
// fields of the selected kind, and decodes by reading "type" first.
type ContextGraphState struct {
	Type           string
	Action         *ActionState
	Decision       *DecisionState
	Annotation     *AnnotationState
	DataCollection *DataCollectionState
}

// Name returns the state's name, whatever its kind ("" if none is set).
func (s ContextGraphState) Name() string {
	switch {
	case s.Action != nil:
		return s.Action.Name
	case s.Decision != nil:
		return s.Decision.Name
	case s.Annotation != nil:
		return s.Annotation.Name
	case s.DataCollection != nil:
		return s.DataCollection.Name
	}
	return ""
}

// MarshalJSON encodes the selected kind with its "type" discriminator. Nil
// required lists encode as [] so that a state built in Go is accepted by the API.
func (s ContextGraphState) MarshalJSON() ([]byte, error) {
	var body any
	switch {
	case s.Type == StateTypeAction && s.Action != nil:
		a := *s.Action
		a.IntraStateNavigationGuidelines = nonNil(a.IntraStateNavigationGuidelines)
		a.ActionGuidelines = nonNil(a.ActionGuidelines)
		a.BoundaryConstraints = nonNil(a.BoundaryConstraints)
		a.Actions = nonNil(a.Actions)
		a.ExitConditions = nonNil(a.ExitConditions)
		body = struct {
			Type string `json:"type"`
			*ActionState
		}{s.Type, &a}
	case s.Type == StateTypeDecision && s.Decision != nil:
		d := *s.Decision
		d.ExitConditions = nonNil(d.ExitConditions)
		body = struct {
			Type string `json:"type"`
			*DecisionState
		}{s.Type, &d}
	case s.Type == StateTypeAnnotation && s.Annotation != nil:
		body = struct {
			Type string `json:"type"`
			*AnnotationState
		}{s.Type, s.Annotation}
	case s.Type == StateTypeDataCollection && s.DataCollection != nil:
		d := *s.DataCollection
		d.Fields = nonNil(d.Fields)
		body = struct {
			Type string `json:"type"`
			*DataCollectionState
		}{s.Type, &d}
	default:
		return nil, fmt.Errorf("context graph state of type %q has no matching %s body", s.Type, s.Type)
	}
	return json.Marshal(body)
}

// UnmarshalJSON decodes a state by its "type" discriminator; an unknown or
// missing type is an error.
func (s *ContextGraphState) UnmarshalJSON(data []byte) error {
	var head struct {
		Type *string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("decode context graph state: %w", err)
	}
	if head.Type == nil {
		return fmt.Errorf("decode context graph state: the \"type\" discriminator is missing")
	}
	out := ContextGraphState{Type: *head.Type}
	var err error
	switch out.Type {
	case StateTypeAction:
		out.Action = &ActionState{}
		err = json.Unmarshal(data, out.Action)
	case StateTypeDecision:
		out.Decision = &DecisionState{}
		err = json.Unmarshal(data, out.Decision)
	case StateTypeAnnotation:
		out.Annotation = &AnnotationState{}
		err = json.Unmarshal(data, out.Annotation)
	case StateTypeDataCollection:
		out.DataCollection = &DataCollectionState{}
		err = json.Unmarshal(data, out.DataCollection)
	default:
		return fmt.Errorf("decode context graph state: unknown state type %q (want action, decision, annotation or data_collection)", out.Type)
	}
	if err != nil {
		return fmt.Errorf("decode %s state: %w", out.Type, err)
	}
	*s = out
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Action is one thing the agent may do in an action state.
type Action struct {
	Description string  `json:"description"`
	FillerHint  *string `json:"filler_hint,omitzero"`
}

// ExitCondition leaves a state for NextState, the name of another state.
type ExitCondition struct {
	Description string  `json:"description"`
	NextState   string  `json:"next_state"`
	FillerHint  *string `json:"filler_hint,omitzero"`
}

// Guardrail is a typed safety rule on a state; Enforcement is hard (default) or soft.
type Guardrail struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Enforcement *string `json:"enforcement,omitzero"`
}

// ProgressHint says how the agent narrates waiting on a tool. Mode is one of
// auto (default), silent, backchannel, verbal; ProgressClass one of lookup,
// write, external_call, compute, multi_step. The API rejects unknown fields here.
type ProgressHint struct {
	CustomPhrase      *string  `json:"custom_phrase,omitzero"`
	Deterministic     *bool    `json:"deterministic,omitzero"`
	ExpectedLatencyMS *int     `json:"expected_latency_ms,omitzero"`
	IntervalMS        *int     `json:"interval_ms,omitzero"`
	Mode              *string  `json:"mode,omitzero"`
	Phrases           []string `json:"phrases,omitzero"`
	ProgressClass     *string  `json:"progress_class,omitzero"`
	TriggerDelayMS    *int     `json:"trigger_delay_ms,omitzero"`
}

// ChannelOverride changes a state's behaviour on one channel.
type ChannelOverride struct {
	ActionGuidelines []string      `json:"action_guidelines,omitzero"`
	Objective        *string       `json:"objective,omitzero"`
	Progress         *ProgressHint `json:"progress,omitzero"`
}

// TurnPolicy holds the voice pipeline parameters of a state. ContextStrategy
// is full (default), summarize or compact; SafetyResponse is suspend_forward,
// stay_empathize (default) or alert.
type TurnPolicy struct {
	BargeInEnabled             *bool    `json:"barge_in_enabled,omitzero"`
	BlockForwardCall           *bool    `json:"block_forward_call,omitzero"`
	BlockForwardCallAfterTurns *int     `json:"block_forward_call_after_turns,omitzero"`
	ContextStrategy            *string  `json:"context_strategy,omitzero"`
	DegradationThreshold       *int     `json:"degradation_threshold,omitzero"`
	GreetingShieldS            *float64 `json:"greeting_shield_s,omitzero"`
	SafetyResponse             *string  `json:"safety_response,omitzero"`
	STTEagerEOTThreshold       *float64 `json:"stt_eager_eot_threshold,omitzero"`
	STTEOTThreshold            *float64 `json:"stt_eot_threshold,omitzero"`
	STTEOTTimeoutMS            *int     `json:"stt_eot_timeout_ms,omitzero"`
}

// StateRiskOverride is the per-state escalation tuning (escalation_config).
type StateRiskOverride struct {
	AutoEscalateThreshold *float64 `json:"auto_escalate_threshold,omitzero"`
	MaxLoopCount          *int     `json:"max_loop_count,omitzero"`
	OperatorSkill         *string  `json:"operator_skill,omitzero"`
	TopicRiskScore        *float64 `json:"topic_risk_score,omitzero"`
}

// ToolCallSpec is a tool call the agent can make in a state. ResultPersistence
// is accumulate (default) or override.
type ToolCallSpec struct {
	ToolID                    string        `json:"tool_id"`
	AdditionalInstruction     *string       `json:"additional_instruction,omitzero"`
	AudioFillerTriggeredAfter *float64      `json:"audio_filler_triggered_after,omitzero"`
	AudioFillers              []string      `json:"audio_fillers,omitzero"`
	NavigateOnCompletion      *bool         `json:"navigate_on_completion,omitzero"`
	Progress                  *ProgressHint `json:"progress,omitzero"`
	ResultPersistence         *string       `json:"result_persistence,omitzero"`
}

// ActionState is a user-facing state with actions and exit conditions. WaitFor
// is surface_submission or human_approval.
type ActionState struct {
	Name                           string                     `json:"name"`
	Objective                      string                     `json:"objective"`
	Actions                        []Action                   `json:"actions"`
	IntraStateNavigationGuidelines []string                   `json:"intra_state_navigation_guidelines"`
	ActionGuidelines               []string                   `json:"action_guidelines"`
	BoundaryConstraints            []string                   `json:"boundary_constraints"`
	ExitConditions                 []ExitCondition            `json:"exit_conditions"`
	ActionToolCallSpecs            []ToolCallSpec             `json:"action_tool_call_specs,omitzero"`
	ExitConditionToolCallSpecs     []ToolCallSpec             `json:"exit_condition_tool_call_specs,omitzero"`
	Guardrails                     []Guardrail                `json:"guardrails,omitzero"`
	ChannelOverrides               map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	EscalationConfig               *StateRiskOverride         `json:"escalation_config,omitzero"`
	SurfaceSpecTemplate            map[string]any             `json:"surface_spec_template,omitzero"`
	TurnPolicy                     *TurnPolicy                `json:"turn_policy,omitzero"`
	WaitFor                        *string                    `json:"wait_for,omitzero"`
}

// DecisionState is a routing state: the agent picks an exit condition
// without talking to the user.
type DecisionState struct {
	Name               string                     `json:"name"`
	Objective          string                     `json:"objective"`
	ExitConditions     []ExitCondition            `json:"exit_conditions"`
	DecisionGuidelines []string                   `json:"decision_guidelines,omitzero"`
	ToolCallSpecs      []ToolCallSpec             `json:"tool_call_specs,omitzero"`
	Guardrails         []Guardrail                `json:"guardrails,omitzero"`
	ChannelOverrides   map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	TurnPolicy         *TurnPolicy                `json:"turn_policy,omitzero"`
	WaitFor            *string                    `json:"wait_for,omitzero"`
}

// AnnotationState injects a fixed inner thought and moves on to NextState.
type AnnotationState struct {
	Name         string `json:"name"`
	InnerThought string `json:"inner_thought"`
	NextState    string `json:"next_state"`
}

// CollectionField is one field a data collection state asks for; Required defaults to true.
type CollectionField struct {
	Key        string   `json:"key"`
	Type       string   `json:"type"`
	Label      string   `json:"label"`
	AskPrompt  *string  `json:"ask_prompt,omitzero"`
	FHIRPath   *string  `json:"fhir_path,omitzero"`
	Options    []string `json:"options,omitzero"`
	Required   *bool    `json:"required,omitzero"`
	Validation *string  `json:"validation,omitzero"`
}

// DataCollectionState collects Fields conversationally, then moves to
// OnComplete. MaxTurns defaults to 10, SurfaceFallbackAfterTurns to 6.
type DataCollectionState struct {
	Name                      string                     `json:"name"`
	Objective                 string                     `json:"objective"`
	Fields                    []CollectionField          `json:"fields"`
	OnComplete                string                     `json:"on_complete"`
	ActionGuidelines          []string                   `json:"action_guidelines,omitzero"`
	BoundaryConstraints       []string                   `json:"boundary_constraints,omitzero"`
	ChannelOverrides          map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	Guardrails                []Guardrail                `json:"guardrails,omitzero"`
	MaxTurns                  *int                       `json:"max_turns,omitzero"`
	SurfaceFallback           *bool                      `json:"surface_fallback,omitzero"`
	SurfaceFallbackAfterTurns *int                       `json:"surface_fallback_after_turns,omitzero"`
	ToolCallSpecs             []ToolCallSpec             `json:"tool_call_specs,omitzero"`
	TurnPolicy                *TurnPolicy                `json:"turn_policy,omitzero"`
}

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

// CreateServiceRequest is the body of POST /v1/{workspace_id}/services.
// Defaults: channel_type voice (or text, scribe), environment production (or
// sandbox), is_active true, safety_filters_enabled true, tool_capacity 3 (1-10).
type CreateServiceRequest struct {
	Name                 string                `json:"name"`
	AgentID              string                `json:"agent_id"`
	ContextGraphID       string                `json:"context_graph_id"`
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

// UpdateServiceRequest is the body of PUT /v1/{workspace_id}/services/{id};
// a nil field is left unchanged (the API cannot clear a field with null).
type UpdateServiceRequest struct {
	Name                 *string               `json:"name,omitzero"`
	AgentID              *string               `json:"agent_id,omitzero"`
	ContextGraphID       *string               `json:"context_graph_id,omitzero"`
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

// IntegrationToolRef names an integration endpoint a skill may call.
type IntegrationToolRef struct {
	Integration string `json:"integration"`
	Endpoint    string `json:"endpoint"`
}

// StaticToolDef is a built-in tool available to a skill.
type StaticToolDef struct {
	Name        string         `json:"name"`
	Description string         `json:"description"`
	InputSchema map[string]any `json:"input_schema"`
	Handler     string         `json:"handler"`
}

// CreateSkillRequest is the body of POST /v1/{workspace_id}/skills. Slug
// matches ^[a-z0-9][a-z0-9_-]*[a-z0-9]$ (2-63 characters). Defaults:
// delivery interrupt (or queue), execution_tier orchestrated (or direct,
// computer_use), model claude-sonnet-4-6, max_tokens 4096, max_result_chars
// 2000, max_agent_turns 20, timeout_s 60, enabled/checkpoint_enabled/
// enable_caching true, the other booleans false.
type CreateSkillRequest struct {
	Slug                string               `json:"slug"`
	Name                string               `json:"name"`
	Description         string               `json:"description"`
	InputSchema         map[string]any       `json:"input_schema"`
	ApprovalRequired    *bool                `json:"approval_required,omitzero"`
	CheckpointEnabled   *bool                `json:"checkpoint_enabled,omitzero"`
	Delivery            *string              `json:"delivery,omitzero"`
	EnableCaching       *bool                `json:"enable_caching,omitzero"`
	EnableCitations     *bool                `json:"enable_citations,omitzero"`
	Enabled             *bool                `json:"enabled,omitzero"`
	ExecutionTier       *string              `json:"execution_tier,omitzero"`
	IntegrationTools    []IntegrationToolRef `json:"integration_tools,omitzero"`
	MaxAgentTurns       *int                 `json:"max_agent_turns,omitzero"`
	MaxInputTokens      *int                 `json:"max_input_tokens,omitzero"`
	MaxResultChars      *int                 `json:"max_result_chars,omitzero"`
	MaxTokens           *int                 `json:"max_tokens,omitzero"`
	Model               *string              `json:"model,omitzero"`
	ResultSchema        map[string]any       `json:"result_schema,omitzero"`
	StaticTools         []StaticToolDef      `json:"static_tools,omitzero"`
	SystemPrompt        *string              `json:"system_prompt,omitzero"`
	ThinkingEffort      *string              `json:"thinking_effort,omitzero"`
	TimeoutS            *float64             `json:"timeout_s,omitzero"`
	UrgencyKeywords     []string             `json:"urgency_keywords,omitzero"`
	UseStructuredOutput *bool                `json:"use_structured_output,omitzero"`
}

// UpdateSkillRequest is the body of PUT /v1/{workspace_id}/skills/{id}; a nil
// field (absent or null) is left unchanged. The slug cannot be changed.
type UpdateSkillRequest struct {
	Name                *string              `json:"name,omitzero"`
	Description         *string              `json:"description,omitzero"`
	InputSchema         map[string]any       `json:"input_schema,omitzero"`
	ApprovalRequired    *bool                `json:"approval_required,omitzero"`
	CheckpointEnabled   *bool                `json:"checkpoint_enabled,omitzero"`
	Delivery            *string              `json:"delivery,omitzero"`
	EnableCaching       *bool                `json:"enable_caching,omitzero"`
	EnableCitations     *bool                `json:"enable_citations,omitzero"`
	Enabled             *bool                `json:"enabled,omitzero"`
	ExecutionTier       *string              `json:"execution_tier,omitzero"`
	IntegrationTools    []IntegrationToolRef `json:"integration_tools,omitzero"`
	MaxAgentTurns       *int                 `json:"max_agent_turns,omitzero"`
	MaxInputTokens      *int                 `json:"max_input_tokens,omitzero"`
	MaxResultChars      *int                 `json:"max_result_chars,omitzero"`
	MaxTokens           *int                 `json:"max_tokens,omitzero"`
	Model               *string              `json:"model,omitzero"`
	ResultSchema        map[string]any       `json:"result_schema,omitzero"`
	StaticTools         []StaticToolDef      `json:"static_tools,omitzero"`
	SystemPrompt        *string              `json:"system_prompt,omitzero"`
	ThinkingEffort      *string              `json:"thinking_effort,omitzero"`
	TimeoutS            *float64             `json:"timeout_s,omitzero"`
	UrgencyKeywords     []string             `json:"urgency_keywords,omitzero"`
	UseStructuredOutput *bool                `json:"use_structured_output,omitzero"`
}

// SkillResponse is a companion-agent skill; Version counts its updates.
type SkillResponse struct {
	ID                  string               `json:"id"`
	WorkspaceID         string               `json:"workspace_id"`
	Slug                string               `json:"slug"`
	Name                string               `json:"name"`
	Description         string               `json:"description"`
	SystemPrompt        string               `json:"system_prompt"`
	InputSchema         map[string]any       `json:"input_schema"`
	ResultSchema        map[string]any       `json:"result_schema"`
	Model               string               `json:"model"`
	MaxTokens           int                  `json:"max_tokens"`
	MaxResultChars      int                  `json:"max_result_chars"`
	MaxInputTokens      *int                 `json:"max_input_tokens"`
	TimeoutS            float64              `json:"timeout_s"`
	ThinkingEffort      *string              `json:"thinking_effort"`
	EnableCaching       bool                 `json:"enable_caching"`
	EnableCitations     bool                 `json:"enable_citations"`
	UseStructuredOutput bool                 `json:"use_structured_output"`
	IntegrationTools    []IntegrationToolRef `json:"integration_tools"`
	StaticTools         []StaticToolDef      `json:"static_tools"`
	Delivery            string               `json:"delivery"`
	UrgencyKeywords     []string             `json:"urgency_keywords"`
	Enabled             bool                 `json:"enabled"`
	ExecutionTier       string               `json:"execution_tier"`
	MaxAgentTurns       int                  `json:"max_agent_turns"`
	CheckpointEnabled   bool                 `json:"checkpoint_enabled"`
	ApprovalRequired    bool                 `json:"approval_required"`
	Version             int                  `json:"version"`
	CreatedAt           time.Time            `json:"created_at"`
	UpdatedAt           time.Time            `json:"updated_at"`
}
