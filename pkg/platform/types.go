package platform

import "time"

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
// and share one Go type here. Where a create and an update body share their
// optional fields, those live in one embedded struct (ServiceSettings,
// SkillSettings); embedding keeps the JSON flat and in the document's order
// (testdata/wire holds the golden encodings that prove it).
//
// The types are spread over types.go (lists, errors, workspaces, agents,
// context graph containers and versions), types_graph.go (the states of a
// context graph version), types_services.go and types_skills.go.

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
