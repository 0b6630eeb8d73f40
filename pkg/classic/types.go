package classic

import "time"

// This file holds the request and response bodies of the Classic API, mirroring the schemas of
// classic-openapi.json. JSON names are exactly the document's. A pointer or `omitempty`/`omitzero`
// marks where the API tells null or absent apart from a value; a field that the document marks
// required and nullable has a pointer without omitempty so that it is sent as null.
// The context graph (SHSM) state union (State, NextState, Reference, ToolCallSpec) and its
// (un)marshalling are in types_graph.go.

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

// ContainerInstance is one agent or SHSM container in a list: the
// AgentInstance and StateMachineInstance schemas of the document, which
// have the same fields.
type ContainerInstance struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Deprecated bool   `json:"deprecated"`
	// LatestVersion is null while the container has no version.
	LatestVersion *int `json:"latest_version"`
}

// AgentInstance is one agent container in a ListAgentsResponse.
type AgentInstance = ContainerInstance

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
type StateMachineInstance = ContainerInstance

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
