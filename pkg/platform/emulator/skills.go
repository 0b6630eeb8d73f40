package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// findSkill returns the skill with the given id, or nil, and its index.
func findSkill(ws *workspaceData, id string) (*platform.SkillResponse, int) {
	for i, sk := range ws.Skills {
		if sk.ID == id {
			return sk, i
		}
	}
	return nil, -1
}

func (s *Server) listSkills(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	// list-skills documents no 404: a workspace the key cannot see is a 403.
	ws := s.lockedWorkspace(w, v, http.StatusForbidden)
	if ws == nil {
		return
	}
	enabled, byEnabled := v.boolean("enabled")
	tier := v.str("execution_tier")
	items := []platform.SkillResponse{}
	for _, sk := range ws.Skills {
		if (!byEnabled || sk.Enabled == enabled) && (tier == "" || sk.ExecutionTier == tier) &&
			matchesSearch(v.str("search"), sk.Name, sk.Slug) {
			items = append(items, *sk)
		}
	}
	keys := containerKeys(
		func(s platform.SkillResponse) string { return s.Name },
		func(s platform.SkillResponse) time.Time { return s.CreatedAt },
		func(s platform.SkillResponse) time.Time { return s.UpdatedAt })
	keys["slug"] = func(a, b platform.SkillResponse) int { return cmp.Compare(a.Slug, b.Slug) }
	if page, ok := paginate(w, v, items, keys); ok {
		emukit.WriteJSON(w, http.StatusOK, page)
	}
}

func (s *Server) createSkill(w http.ResponseWriter, r *http.Request, v values) {
	var req platform.CreateSkillRequest
	if errs := s.schemas.decodeBody(r, "CreateSkillRequest", &req); errs != nil {
		writeValidation(w, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lockedWorkspace(w, v, http.StatusNotFound)
	if ws == nil {
		return
	}
	for _, sk := range ws.Skills {
		if sk.Slug == req.Slug {
			emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("Skill slug %q is already taken in this workspace.", req.Slug))
			return
		}
	}
	now := s.now()
	sk := &platform.SkillResponse{
		ID: s.st.newID(), WorkspaceID: ws.Workspace.ID, Slug: req.Slug, Name: req.Name,
		Description: req.Description, SystemPrompt: deref(req.SystemPrompt),
		InputSchema: req.InputSchema, ResultSchema: req.ResultSchema,
		Model: or(req.Model, "claude-sonnet-4-6"), MaxTokens: or(req.MaxTokens, 4096),
		MaxResultChars: or(req.MaxResultChars, 2000), MaxInputTokens: req.MaxInputTokens,
		TimeoutS: or(req.TimeoutS, 60.0), ThinkingEffort: req.ThinkingEffort,
		EnableCaching: or(req.EnableCaching, true), EnableCitations: or(req.EnableCitations, false),
		UseStructuredOutput: or(req.UseStructuredOutput, false),
		IntegrationTools:    nonNil(req.IntegrationTools), StaticTools: nonNil(req.StaticTools),
		Delivery: or(req.Delivery, "interrupt"), UrgencyKeywords: nonNil(req.UrgencyKeywords),
		Enabled: or(req.Enabled, true), ExecutionTier: or(req.ExecutionTier, "orchestrated"),
		MaxAgentTurns: or(req.MaxAgentTurns, 20), CheckpointEnabled: or(req.CheckpointEnabled, true),
		ApprovalRequired: or(req.ApprovalRequired, false), Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	ws.Skills = append(ws.Skills, sk)
	s.writeSaved(w, http.StatusCreated, sk)
}

// skillOr answers 404 and returns nil unless the request names a skill of an
// existing workspace. The caller holds the lock.
func (s *Server) skillOr404(w http.ResponseWriter, v values) (*workspaceData, *platform.SkillResponse, int) {
	ws := s.st.workspace(v.str("workspace_id"))
	if ws != nil {
		if sk, i := findSkill(ws, v.str("skill_id")); sk != nil {
			return ws, sk, i
		}
	}
	emukit.WriteError(w, http.StatusNotFound, "Skill not found.")
	return nil, nil, -1
}

func (s *Server) getSkill(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, sk, _ := s.skillOr404(w, v); sk != nil {
		emukit.WriteJSON(w, http.StatusOK, sk)
	}
}

func (s *Server) updateSkill(w http.ResponseWriter, r *http.Request, v values) {
	var req platform.UpdateSkillRequest
	if errs := s.schemas.decodeBody(r, "UpdateSkillRequest", &req); errs != nil {
		writeValidation(w, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, sk, _ := s.skillOr404(w, v)
	if sk == nil {
		return
	}
	applySkillUpdate(sk, req)
	sk.Version++
	sk.UpdatedAt = s.now()
	s.writeSaved(w, http.StatusOK, sk)
}

// applySkillUpdate sets every field req gives; absent and null leave a field unchanged.
func applySkillUpdate(sk *platform.SkillResponse, req platform.UpdateSkillRequest) {
	sk.Name = or(req.Name, sk.Name)
	sk.Description = or(req.Description, sk.Description)
	sk.SystemPrompt = or(req.SystemPrompt, sk.SystemPrompt)
	sk.Model = or(req.Model, sk.Model)
	sk.MaxTokens = or(req.MaxTokens, sk.MaxTokens)
	sk.MaxResultChars = or(req.MaxResultChars, sk.MaxResultChars)
	sk.TimeoutS = or(req.TimeoutS, sk.TimeoutS)
	sk.EnableCaching = or(req.EnableCaching, sk.EnableCaching)
	sk.EnableCitations = or(req.EnableCitations, sk.EnableCitations)
	sk.UseStructuredOutput = or(req.UseStructuredOutput, sk.UseStructuredOutput)
	sk.Delivery = or(req.Delivery, sk.Delivery)
	sk.Enabled = or(req.Enabled, sk.Enabled)
	sk.ExecutionTier = or(req.ExecutionTier, sk.ExecutionTier)
	sk.MaxAgentTurns = or(req.MaxAgentTurns, sk.MaxAgentTurns)
	sk.CheckpointEnabled = or(req.CheckpointEnabled, sk.CheckpointEnabled)
	sk.ApprovalRequired = or(req.ApprovalRequired, sk.ApprovalRequired)
	if req.MaxInputTokens != nil {
		sk.MaxInputTokens = req.MaxInputTokens
	}
	if req.ThinkingEffort != nil {
		sk.ThinkingEffort = req.ThinkingEffort
	}
	if req.InputSchema != nil {
		sk.InputSchema = req.InputSchema
	}
	if req.ResultSchema != nil {
		sk.ResultSchema = req.ResultSchema
	}
	if req.IntegrationTools != nil {
		sk.IntegrationTools = req.IntegrationTools
	}
	if req.StaticTools != nil {
		sk.StaticTools = req.StaticTools
	}
	if req.UrgencyKeywords != nil {
		sk.UrgencyKeywords = req.UrgencyKeywords
	}
}

func (s *Server) deleteSkill(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws, sk, i := s.skillOr404(w, v)
	if sk == nil {
		return
	}
	if graph := skillUser(ws, sk); graph != "" {
		emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("Skill %q is referenced by context graph %q.", sk.Slug, graph))
		return
	}
	ws.Skills = slices.Delete(ws.Skills, i, i+1)
	s.writeSaved(w, http.StatusNoContent, nil)
}

// skillUser returns the name of a context graph (not deleted) any version of
// which has a tool call spec whose tool_id is the skill's id or slug, or "".
func skillUser(ws *workspaceData, sk *platform.SkillResponse) string {
	for _, g := range ws.ContextGraphs {
		if g.Deleted {
			continue
		}
		for _, ver := range g.Versions {
			for _, st := range ver.States {
				for _, spec := range toolCallSpecs(st) {
					if spec.ToolID == sk.ID || spec.ToolID == sk.Slug {
						return g.Name
					}
				}
			}
		}
	}
	return ""
}

// toolCallSpecs returns every tool call spec of a state.
func toolCallSpecs(st platform.ContextGraphState) []platform.ToolCallSpec {
	switch {
	case st.Action != nil:
		return slices.Concat(st.Action.ActionToolCallSpecs, st.Action.ExitConditionToolCallSpecs)
	case st.Decision != nil:
		return st.Decision.ToolCallSpecs
	case st.DataCollection != nil:
		return st.DataCollection.ToolCallSpecs
	}
	return nil
}
