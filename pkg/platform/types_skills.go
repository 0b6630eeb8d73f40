package platform

import "time"

// This file holds the wire types of skills; see types.go for the conventions.

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

// SkillSettings are the optional fields of a skill that both
// CreateSkillRequest and UpdateSkillRequest carry, embedded in each (the JSON
// is flat, as in the document). In a create, a nil field takes the default:
// delivery interrupt (or queue), execution_tier orchestrated (or direct,
// computer_use), model claude-sonnet-4-6, max_tokens 4096, max_result_chars
// 2000, max_agent_turns 20, timeout_s 60, enabled/checkpoint_enabled/
// enable_caching true, the other booleans false. In an update, a nil field
// (absent or null) is left unchanged.
type SkillSettings struct {
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

// CreateSkillRequest is the body of POST /v1/{workspace_id}/skills. Slug
// matches ^[a-z0-9][a-z0-9_-]*[a-z0-9]$ (2-63 characters); the optional
// fields are the SkillSettings.
type CreateSkillRequest struct {
	Slug        string         `json:"slug"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	InputSchema map[string]any `json:"input_schema"`
	SkillSettings
}

// UpdateSkillRequest is the body of PUT /v1/{workspace_id}/skills/{id}; a nil
// field (absent or null) is left unchanged. The slug cannot be changed.
type UpdateSkillRequest struct {
	Name        *string        `json:"name,omitzero"`
	Description *string        `json:"description,omitzero"`
	InputSchema map[string]any `json:"input_schema,omitzero"`
	SkillSettings
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
