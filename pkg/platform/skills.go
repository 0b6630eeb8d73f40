package platform

import (
	"context"
	"iter"
	"net/url"
	"strconv"
)

// SkillListOptions filter and size a list of skills.
type SkillListOptions struct {
	ListOptions
	// Enabled, when set, lists only enabled (true) or disabled (false) skills.
	Enabled *bool
	// ExecutionTier, when set, is one of direct, orchestrated, computer_use.
	ExecutionTier string
}

// ListSkills walks every skill of the workspace.
func (c *Client) ListSkills(ctx context.Context, o SkillListOptions) iter.Seq2[SkillResponse, error] {
	q := url.Values{}
	if o.Enabled != nil {
		q.Set("enabled", strconv.FormatBool(*o.Enabled))
	}
	if o.ExecutionTier != "" {
		q.Set("execution_tier", o.ExecutionTier)
	}
	return listAll[SkillResponse](ctx, c, skillKind(), o.ListOptions, q)
}

// CreateSkill creates a skill; 409 when the slug is taken.
func (c *Client) CreateSkill(ctx context.Context, req CreateSkillRequest) (SkillResponse, error) {
	return create[SkillResponse](ctx, c, skillKind(), req)
}

// GetSkill reads a skill.
func (c *Client) GetSkill(ctx context.Context, id string) (SkillResponse, error) {
	return get[SkillResponse](ctx, c, skillKind(), id)
}

// UpdateSkill changes the fields of a skill that req sets (nil = unchanged).
func (c *Client) UpdateSkill(ctx context.Context, id string, req UpdateSkillRequest) (SkillResponse, error) {
	return update[SkillResponse](ctx, c, skillKind(), id, req)
}

// DeleteSkill deletes a skill; 409 while a context graph refers to it. A
// skill already gone is a 404 (apiclient.IsNotFound), which the document
// advises cleanup work to treat as success.
func (c *Client) DeleteSkill(ctx context.Context, id string) error {
	return remove(ctx, c, skillKind(), id)
}
