package classic

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// This file holds the request and response bodies of the Classic API, mirroring the schemas of
// classic-openapi.json. JSON names are exactly the document's. A pointer or `omitempty`/`omitzero`
// marks where the API tells null or absent apart from a value; a field that the document marks
// required and nullable has a pointer without omitempty so that it is sent as null.
// The context graph state union (State, NextState, Reference) is at the end of the file.

// UserInfo identifies the user who created or last updated a resource.
type UserInfo struct {
	OrgID  string `json:"org_id"`
	UserID string `json:"user_id"`
}

// SignInResponse is the body of a successful sign-in with an API key.
type SignInResponse struct {
	// IDToken is sent as `Authorization: Bearer <IDToken>` in later calls.
	IDToken string `json:"id_token"`
	// ExpiresAt is when the token stops being accepted.
	ExpiresAt time.Time `json:"expires_at"`
}

// Organization is the body of GET /v1/{organization}/organization/.
type Organization struct {
	OrgID   string `json:"org_id"`
	OrgName string `json:"org_name"`
	// DefaultUserPreferences is null unless the caller has the GetOrganizationDetails permission.
	DefaultUserPreferences *Preferences `json:"default_user_preferences"`
	// TenantID is null unless the caller has the GetOrganizationDetails permission.
	TenantID *string `json:"tenant_id"`
}

// Preferences are the default user preferences of an organization.
type Preferences struct {
	EnableResponseRecommendation bool     `json:"enable_response_recommendation"`
	PreferredLanguage            *string  `json:"preferred_language"`
	ConversationsVisibleToAdmins bool     `json:"conversations_visible_to_admins"`
	UserModelVisibleToAdmins     bool     `json:"user_model_visible_to_admins"`
	Timezone                     *string  `json:"timezone"`
	AudioKeyterms                []string `json:"audio_keyterms"`
}

// CreateAgentRequest is the body of POST .../organization/agent.
type CreateAgentRequest struct {
	AgentName string `json:"agent_name"`
}

// CreateAgentResponse is the body answered when an agent container is created.
type CreateAgentResponse struct {
	ID string `json:"id"`
}

// AgentInstance is one agent container in a ListAgentsResponse.
type AgentInstance struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Deprecated bool   `json:"deprecated"`
	// LatestVersion is null while the agent has no version.
	LatestVersion *int `json:"latest_version"`
}

// ListAgentsResponse is one page of GET .../organization/agent.
type ListAgentsResponse struct {
	Agents  []AgentInstance `json:"agents"`
	HasMore bool            `json:"has_more"`
	// ContinuationToken is set only when HasMore is true.
	ContinuationToken *int `json:"continuation_token"`
}

// Identity describes who an agent is.
type Identity struct {
	Name        string `json:"name"`
	Role        string `json:"role"`
	DevelopedBy string `json:"developed_by"`
	// DefaultSpokenLanguage is an ISO 639-3 code such as "eng".
	DefaultSpokenLanguage   string                  `json:"default_spoken_language"`
	RelationshipToDeveloper RelationshipToDeveloper `json:"relationship_to_developer"`
}

// RelationshipToDeveloper is how an agent regards the organization that built it.
type RelationshipToDeveloper struct {
	Ownership              string `json:"ownership"`
	Type                   string `json:"type"`
	ConversationVisibility string `json:"conversation_visibility"`
	ThoughtVisibility      string `json:"thought_visibility"`
}

// VoiceConfig is the voice of an agent as sent in a new version.
type VoiceConfig struct {
	VoiceID string `json:"voice_id"`
}

// VoiceConfigInstance is the voice of an agent as stored in a version.
type VoiceConfigInstance struct {
	VoiceID         string  `json:"voice_id"`
	Stability       float64 `json:"stability"`
	SimilarityBoost float64 `json:"similarity_boost"`
	Style           float64 `json:"style"`
}

// CreateAgentVersionRequest is the body of POST .../organization/agent/{agent_id}/.
// The first version needs every field but VoiceConfig; a later version carries every nil field
// forward from the previous version (VoiceConfig nil means "unchanged").
type CreateAgentVersionRequest struct {
	Initials              *string      `json:"initials,omitempty"`
	Identity              *Identity    `json:"identity,omitempty"`
	Background            *string      `json:"background,omitempty"`
	Behaviors             []string     `json:"behaviors,omitzero"`
	CommunicationPatterns []string     `json:"communication_patterns,omitzero"`
	VoiceConfig           *VoiceConfig `json:"voice_config,omitempty"`
}

// CreateVersionResponse is the body answered when an agent or SHSM version is created.
type CreateVersionResponse struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
}

// CreateAgentVersionResponse is the body answered when an agent version is created.
type CreateAgentVersionResponse = CreateVersionResponse

// AgentVersion is one immutable version of an agent.
type AgentVersion struct {
	OrgID   string `json:"org_id"`
	AgentID string `json:"agent_id"`
	Version int    `json:"version"`
	// VoiceConfig is null when no version of the agent ever set one.
	VoiceConfig           *VoiceConfigInstance `json:"voice_config"`
	Initials              string               `json:"initials"`
	Identity              Identity             `json:"identity"`
	Background            string               `json:"background"`
	Behaviors             []string             `json:"behaviors"`
	CommunicationPatterns []string             `json:"communication_patterns"`
	CreatedAt             time.Time            `json:"created_at"`
	Creator               UserInfo             `json:"creator"`
}

// ListAgentVersionsResponse is one page of GET .../organization/agent/{agent_id}/version.
type ListAgentVersionsResponse struct {
	AgentVersions     []AgentVersion `json:"agent_versions"`
	HasMore           bool           `json:"has_more"`
	ContinuationToken *int           `json:"continuation_token"`
}

// CreateSHSMRequest is the body of POST .../organization/service_hierarchical_state_machine.
type CreateSHSMRequest struct {
	StateMachineName string `json:"state_machine_name"`
}

// CreateSHSMResponse is the body answered when an SHSM (context graph) container is created.
type CreateSHSMResponse struct {
	ID string `json:"id"`
}

// StateMachineInstance is one SHSM container in a ListSHSMsResponse.
type StateMachineInstance struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Deprecated    bool   `json:"deprecated"`
	LatestVersion *int   `json:"latest_version"`
}

// ListSHSMsResponse is one page of GET .../organization/service_hierarchical_state_machine.
type ListSHSMsResponse struct {
	ServiceHierarchicalStateMachines []StateMachineInstance `json:"service_hierarchical_state_machines"`
	HasMore                          bool                   `json:"has_more"`
	ContinuationToken                *int                   `json:"continuation_token"`
}

// CreateSHSMVersionRequest is the body of POST .../service_hierarchical_state_machine/{id}/.
// Every field is required by the API.
type CreateSHSMVersionRequest struct {
	Description               string  `json:"description"`
	States                    []State `json:"states"`
	NewUserInitialState       string  `json:"new_user_initial_state"`
	ReturningUserInitialState string  `json:"returning_user_initial_state"`
	TerminalState             string  `json:"terminal_state"`
	// References maps a reference name to the referenced machine and version.
	References                           map[string]Reference `json:"references"`
	GlobalIntraStateNavigationGuidelines []string             `json:"global_intra_state_navigation_guidelines"`
	GlobalActionGuidelines               []string             `json:"global_action_guidelines"`
	GlobalBoundaryConstraints            []string             `json:"global_boundary_constraints"`
}

// CreateSHSMVersionResponse is the body answered when an SHSM version is created (dry runs
// answer an empty body instead).
type CreateSHSMVersionResponse = CreateVersionResponse

// SHSMVersion is one immutable version of an SHSM (ServiceHierarchicalStateMachineInstance).
type SHSMVersion struct {
	OrgID                                string               `json:"org_id"`
	ServiceHierarchicalStateMachineID    string               `json:"service_hierarchical_state_machine_id"`
	Version                              int                  `json:"version"`
	CreatedAt                            time.Time            `json:"created_at"`
	Creator                              UserInfo             `json:"creator"`
	Description                          string               `json:"description"`
	States                               []State              `json:"states"`
	NewUserInitialState                  string               `json:"new_user_initial_state"`
	ReturningUserInitialState            string               `json:"returning_user_initial_state"`
	TerminalState                        string               `json:"terminal_state"`
	References                           map[string]Reference `json:"references"`
	GlobalIntraStateNavigationGuidelines []string             `json:"global_intra_state_navigation_guidelines"`
	GlobalActionGuidelines               []string             `json:"global_action_guidelines"`
	GlobalBoundaryConstraints            []string             `json:"global_boundary_constraints"`
}

// ListSHSMVersionsResponse is one page of GET .../service_hierarchical_state_machine/{id}/version.
type ListSHSMVersionsResponse struct {
	StateMachineVersions []SHSMVersion `json:"state_machine_versions"`
	HasMore              bool          `json:"has_more"`
	ContinuationToken    *int          `json:"continuation_token"`
}

// LLMConfig is the preferred model for one LLM interaction.
type LLMConfig struct {
	// LLMName is one of the LLMType values of the document (e.g. "openai_gpt-4.1-2025-04-14").
	LLMName string `json:"llm_name"`
	// Params are model-specific parameters; the API defaults them to {}.
	Params map[string]any `json:"params,omitzero"`
}

// VersionSet pins the agent and SHSM versions and the model preferences a service uses.
// A nil version number means "the latest version".
type VersionSet struct {
	AgentVersionNumber                           *int                 `json:"agent_version_number"`
	ServiceHierarchicalStateMachineVersionNumber *int                 `json:"service_hierarchical_state_machine_version_number"`
	LLMModelPreferences                          map[string]LLMConfig `json:"llm_model_preferences"`
}

// Tag is a key and an optional value attached to a service or tool.
type Tag struct {
	Key   string  `json:"key"`
	Value *string `json:"value"`
}

// CreateServiceRequest is the body of POST /v1/{organization}/service/.
type CreateServiceRequest struct {
	ServiceHierarchicalStateMachineID string `json:"service_hierarchical_state_machine_id"`
	AgentID                           string `json:"agent_id"`
	Name                              string `json:"name"`
	Description                       string `json:"description"`
	IsActive                          bool   `json:"is_active"`
	// ReleaseVersionSet is the initial `release` set; nil makes `release` equal `edge`.
	ReleaseVersionSet *VersionSet `json:"release_version_set,omitempty"`
	// Keyterms is at most 20 lowercase terms of up to three words.
	Keyterms []string `json:"keyterms"`
	// Tags maps a tag key to its value (nil for a key without value); at most 20.
	Tags map[string]*string `json:"tags"`
}

// CreateServiceResponse is the body answered when a service is created.
type CreateServiceResponse struct {
	ID string `json:"id"`
}

// UpdateServiceRequest is the body of POST /v1/{organization}/service/{service_id}/.
// Every nil field is left unchanged.
type UpdateServiceRequest struct {
	Name                              *string            `json:"name,omitempty"`
	Description                       *string            `json:"description,omitempty"`
	IsActive                          *bool              `json:"is_active,omitempty"`
	AgentID                           *string            `json:"agent_id,omitempty"`
	ServiceHierarchicalStateMachineID *string            `json:"service_hierarchical_state_machine_id,omitempty"`
	Tags                              map[string]*string `json:"tags,omitzero"`
	Keyterms                          []string           `json:"keyterms,omitzero"`
}

// UpsertVersionSetRequest is the body of PUT /v1/{organization}/service/{id}/version_sets/{name}/.
type UpsertVersionSetRequest struct {
	VersionSet VersionSet `json:"version_set"`
}

// Service is one service (ServiceInstance) in a ListServicesResponse.
type Service struct {
	ID                                string                `json:"id"`
	Name                              string                `json:"name"`
	VersionSets                       map[string]VersionSet `json:"version_sets"`
	Description                       string                `json:"description"`
	IsActive                          bool                  `json:"is_active"`
	ServiceHierarchicalStateMachineID string                `json:"service_hierarchical_state_machine_id"`
	AgentID                           string                `json:"agent_id"`
	Tags                              []Tag                 `json:"tags"`
	Keyterms                          []string              `json:"keyterms"`
	Creator                           UserInfo              `json:"creator"`
	UpdatedBy                         UserInfo              `json:"updated_by"`
}

// FilterValues lists the dynamic filter values of a list endpoint (first page only).
type FilterValues struct {
	// Tags are the distinct tags, each written "key:value" ("key:" for a tag without value).
	Tags []string `json:"tags"`
}

// ListServicesResponse is one page of GET /v1/{organization}/service/.
type ListServicesResponse struct {
	Services          []Service `json:"services"`
	HasMore           bool      `json:"has_more"`
	ContinuationToken *int      `json:"continuation_token"`
	// FilterValues is set on the first page only.
	FilterValues *FilterValues `json:"filter_values"`
}

// Tool is one tool (ToolInstance) in a ListToolsResponse.
type Tool struct {
	ID            string    `json:"id"`
	OrgID         string    `json:"org_id"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	Name          string    `json:"name"`
	Description   string    `json:"description"`
	Deprecated    bool      `json:"deprecated"`
	Envvars       []string  `json:"envvars"`
	SecretEnvvars []string  `json:"secret_envvars"`
	Tags          []Tag     `json:"tags"`
	Creator       UserInfo  `json:"creator"`
	UpdatedBy     UserInfo  `json:"updated_by"`
}

// ListToolsResponse is one page of GET /v1/{organization}/tool/.
type ListToolsResponse struct {
	Tools   []Tool `json:"tools"`
	HasMore bool   `json:"has_more"`
	// ContinuationToken is typed "any" by the document; the emulator sends an integer offset.
	ContinuationToken *int          `json:"continuation_token"`
	FilterValues      *FilterValues `json:"filter_values"`
}

// StateType* are the values of State.Type.
const (
	StateTypeAction     = "action"
	StateTypeDecision   = "decision"
	StateTypeRecall     = "recall"
	StateTypeAnnotation = "annotation"
	StateTypeReflection = "reflection"
	StateTypeToolCall   = "tool-call"
)

// ResultPersistence* are the values of ToolCallSpec.ResultPersistence.
const (
	ResultPersistenceEphemeral          = "ephemeral"
	ResultPersistencePersistedPreferred = "persisted-preferred"
	ResultPersistencePersisted          = "persisted"
)

// StateFields returns the JSON fields a state of the given type carries, in the document's
// order, and false for an unknown type.
func StateFields(stateType string) ([]string, bool) {
	switch stateType {
	case StateTypeAction:
		return []string{"type", "name", "objective", "actions", "intra_state_navigation_guidelines",
			"action_guidelines", "boundary_constraints", "exit_conditions", "action_tool_call_specs",
			"exit_condition_tool_call_specs", "skip_active_memory_retrieval"}, true
	case StateTypeDecision:
		return []string{"type", "name", "exit_conditions", "decision_guidelines", "objective",
			"tool_call_specs", "audio_fillers", "audio_filler_triggered_after"}, true
	case StateTypeRecall:
		return []string{"type", "name", "queries", "requested_information", "next_state"}, true
	case StateTypeAnnotation:
		return []string{"type", "name", "inner_thought", "next_state"}, true
	case StateTypeReflection:
		return []string{"type", "name", "problem", "word_limit", "next_state", "tool_call_specs",
			"audio_fillers", "audio_filler_triggered_after"}, true
	case StateTypeToolCall:
		return []string{"type", "name", "next_state", "designated_tool",
			"designated_tool_call_params_generation_audio_fillers",
			"designated_tool_call_params_generation_audio_filler_triggered_after",
			"designated_tool_call_objective", "designated_tool_call_context",
			"designated_tool_call_guidances", "designated_tool_call_validations", "tool_call_specs"}, true
	}
	return nil, false
}

// State is one state of a context graph: the union of the six state schemas, told apart by
// Type. Only the fields of its type are read from or written to JSON (see StateFields); nil
// lists are written as [] except Queries, where nil is null. A state of an unknown type keeps
// its JSON as received and writes it back unchanged.
type State struct {
	Type string `json:"type"`
	Name string `json:"name"`

	// Objective: action and decision states.
	Objective string `json:"objective"`
	// Actions, IntraStateNavigationGuidelines, ActionGuidelines, BoundaryConstraints,
	// ActionToolCallSpecs, ExitConditionToolCallSpecs, SkipActiveMemoryRetrieval: action states.
	Actions                        []string       `json:"actions"`
	IntraStateNavigationGuidelines []string       `json:"intra_state_navigation_guidelines"`
	ActionGuidelines               []string       `json:"action_guidelines"`
	BoundaryConstraints            []string       `json:"boundary_constraints"`
	ActionToolCallSpecs            []ToolCallSpec `json:"action_tool_call_specs"`
	ExitConditionToolCallSpecs     []ToolCallSpec `json:"exit_condition_tool_call_specs"`
	SkipActiveMemoryRetrieval      bool           `json:"skip_active_memory_retrieval"`
	// ExitConditions: action and decision states.
	ExitConditions []ExitCondition `json:"exit_conditions"`
	// DecisionGuidelines: decision states.
	DecisionGuidelines []string `json:"decision_guidelines"`
	// ToolCallSpecs: decision, reflection and tool-call states.
	ToolCallSpecs []ToolCallSpec `json:"tool_call_specs"`
	// AudioFillers, AudioFillerTriggeredAfter: decision and reflection states.
	AudioFillers              []string `json:"audio_fillers"`
	AudioFillerTriggeredAfter float64  `json:"audio_filler_triggered_after"`
	// Queries, RequestedInformation: recall states (exactly one of them is non-null).
	Queries              []string `json:"queries"`
	RequestedInformation *string  `json:"requested_information"`
	// NextState: recall, annotation, reflection and tool-call states.
	NextState NextState `json:"next_state"`
	// InnerThought: annotation states.
	InnerThought string `json:"inner_thought"`
	// Problem, WordLimit: reflection states.
	Problem   string `json:"problem"`
	WordLimit int    `json:"word_limit"`
	// DesignatedTool and the DesignatedToolCall* fields: tool-call states.
	DesignatedTool                                              *ToolCallSpec `json:"designated_tool"`
	DesignatedToolCallParamsGenerationAudioFillers              []string      `json:"designated_tool_call_params_generation_audio_fillers"`
	DesignatedToolCallParamsGenerationAudioFillerTriggeredAfter float64       `json:"designated_tool_call_params_generation_audio_filler_triggered_after"`
	DesignatedToolCallObjective                                 string        `json:"designated_tool_call_objective"`
	DesignatedToolCallContext                                   string        `json:"designated_tool_call_context"`
	DesignatedToolCallGuidances                                 []string      `json:"designated_tool_call_guidances"`
	DesignatedToolCallValidations                               []string      `json:"designated_tool_call_validations"`

	raw json.RawMessage // the JSON of a state of unknown type
}

// stateAll has State's fields without its methods, so encoding/json can be used inside them.
type stateAll State

// MarshalJSON writes the fields of s's type, in the document's order.
func (s State) MarshalJSON() ([]byte, error) {
	fields, ok := StateFields(s.Type)
	if !ok {
		if s.raw != nil {
			return s.raw, nil
		}
		return nil, fmt.Errorf("marshal state %q: unknown state type %q", s.Name, s.Type)
	}
	n := stateAll(s)
	for _, p := range []*[]string{&n.Actions, &n.IntraStateNavigationGuidelines, &n.ActionGuidelines,
		&n.BoundaryConstraints, &n.DecisionGuidelines, &n.AudioFillers,
		&n.DesignatedToolCallParamsGenerationAudioFillers, &n.DesignatedToolCallGuidances,
		&n.DesignatedToolCallValidations} {
		if *p == nil {
			*p = []string{}
		}
	}
	for _, p := range []*[]ToolCallSpec{&n.ActionToolCallSpecs, &n.ExitConditionToolCallSpecs, &n.ToolCallSpecs} {
		if *p == nil {
			*p = []ToolCallSpec{}
		}
	}
	if n.ExitConditions == nil {
		n.ExitConditions = []ExitCondition{}
	}
	all, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("marshal state %q: %w", s.Name, err)
	}
	var byName map[string]json.RawMessage
	if err := json.Unmarshal(all, &byName); err != nil {
		return nil, fmt.Errorf("marshal state %q: %w", s.Name, err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:", f)
		b.Write(byName[f])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a state of any type; fields foreign to its type are ignored.
func (s *State) UnmarshalJSON(data []byte) error {
	var head struct {
		Type string `json:"type"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	fields, ok := StateFields(head.Type)
	if !ok {
		*s = State{Type: head.Type, Name: head.Name, raw: append(json.RawMessage(nil), data...)}
		return nil
	}
	var byName map[string]json.RawMessage
	if err := json.Unmarshal(data, &byName); err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	own := make(map[string]json.RawMessage, len(fields))
	for _, f := range fields {
		if v, ok := byName[f]; ok {
			own[f] = v
		}
	}
	kept, err := json.Marshal(own)
	if err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	var n stateAll
	if err := json.Unmarshal(kept, &n); err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	*s = State(n)
	return nil
}

// ExitCondition is one way out of an action or decision state.
type ExitCondition struct {
	Description string    `json:"description"`
	NextState   NextState `json:"next_state"`
}

// NextState is where a transition leads: a state of this graph (Name), or, when Pair is set,
// a state of a referenced graph (External, written "<ref>.<state>") followed by a jump back to
// JumpBack in this graph once the external graph ends. On the wire it is a string or a pair.
type NextState struct {
	Name     string
	Pair     bool
	External string
	JumpBack string
}

// NextStateTo returns a transition to the state name of the same graph.
func NextStateTo(name string) NextState { return NextState{Name: name} }

// NextStateVia returns a transition to external ("<ref>.<state>") that comes back to jumpBack.
func NextStateVia(external, jumpBack string) NextState {
	return NextState{Pair: true, External: external, JumpBack: jumpBack}
}

// String returns the internal name, or "external -> jumpBack" for a pair.
func (n NextState) String() string {
	if n.Pair {
		return n.External + " -> " + n.JumpBack
	}
	return n.Name
}

// MarshalJSON writes a string, or a two-element array for a pair.
func (n NextState) MarshalJSON() ([]byte, error) {
	if n.Pair {
		return json.Marshal([2]string{n.External, n.JumpBack})
	}
	return json.Marshal(n.Name)
}

// UnmarshalJSON reads a string or a two-element array of strings.
func (n *NextState) UnmarshalJSON(data []byte) error {
	var name string
	if err := json.Unmarshal(data, &name); err == nil {
		*n = NextStateTo(name)
		return nil
	}
	var pair []string
	if err := json.Unmarshal(data, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("next_state must be a string or a pair of strings, not %s", data)
	}
	*n = NextStateVia(pair[0], pair[1])
	return nil
}

// Reference names another SHSM version a graph may jump into; on the wire `[id, version]`.
type Reference struct {
	ID      string
	Version int
}

// MarshalJSON writes `[id, version]`.
func (r Reference) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]any{r.ID, r.Version})
}

// UnmarshalJSON reads `[id, version]`.
func (r *Reference) UnmarshalJSON(data []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(data, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("reference must be a pair [id, version], not %s", data)
	}
	var out Reference
	if err := json.Unmarshal(pair[0], &out.ID); err != nil {
		return fmt.Errorf("reference id: %w", err)
	}
	if err := json.Unmarshal(pair[1], &out.Version); err != nil {
		return fmt.Errorf("reference version: %w", err)
	}
	*r = out
	return nil
}

// ToolCallSpec describes a tool an agent may call in a state.
type ToolCallSpec struct {
	// ToolID is the 24-hex id of the tool.
	ToolID string `json:"tool_id"`
	// VersionConstraint is a Python packaging version specifier such as ">=1.0,<2".
	VersionConstraint     string   `json:"version_constraint"`
	AdditionalInstruction string   `json:"additional_instruction"`
	AudioFillers          []string `json:"audio_fillers"`
	// AudioFillerTriggeredAfter is in seconds, in (0, 10].
	AudioFillerTriggeredAfter float64 `json:"audio_filler_triggered_after"`
	// ResultPersistence is one of the ResultPersistence* values.
	ResultPersistence string `json:"result_persistence"`
}

// toolCallSpecAll has ToolCallSpec's fields without its methods.
type toolCallSpecAll ToolCallSpec

// MarshalJSON writes a nil AudioFillers as [].
func (t ToolCallSpec) MarshalJSON() ([]byte, error) {
	if t.AudioFillers == nil {
		t.AudioFillers = []string{}
	}
	return json.Marshal(toolCallSpecAll(t))
}
