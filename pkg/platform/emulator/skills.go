package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// findSkill returns the skill with the given id, or nil, and its index.
func findSkill(ws *workspaceData, id string) (*platform.SkillResponse, int) {
	return findByID(ws.Skills, id, func(sk *platform.SkillResponse) string { return sk.ID })
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
	keys := containerKeys(func(s platform.SkillResponse) stamps { return stamps{s.Name, s.CreatedAt, s.UpdatedAt} })
	keys["slug"] = func(a, b platform.SkillResponse) int { return cmp.Compare(a.Slug, b.Slug) }
	writePage(w, v, items, keys)
}

func (s *Server) createSkill(w http.ResponseWriter, r *http.Request, v values) {
	req, ok := decodeBody[platform.CreateSkillRequest](s, w, r, "CreateSkillRequest")
	if !ok {
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
		Description: req.Description, InputSchema: req.InputSchema,
		// The documented defaults, which the request's settings override.
		Model: "claude-sonnet-4-6", MaxTokens: 4096, MaxResultChars: 2000, TimeoutS: 60, EnableCaching: true,
		IntegrationTools: []platform.IntegrationToolRef{}, StaticTools: []platform.StaticToolDef{},
		Delivery: "interrupt", UrgencyKeywords: []string{}, Enabled: true, ExecutionTier: "orchestrated",
		MaxAgentTurns: 20, CheckpointEnabled: true, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	applySkillSettings(sk, req.SkillSettings)
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
	req, ok := decodeBody[platform.UpdateSkillRequest](s, w, r, "UpdateSkillRequest")
	if !ok {
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
	if req.InputSchema != nil {
		sk.InputSchema = req.InputSchema
	}
	applySkillSettings(sk, req.SkillSettings)
}

// applySkillSettings sets every field that set gives (not nil) on sk, for a
// create (over the defaults) and an update alike.
func applySkillSettings(sk *platform.SkillResponse, set platform.SkillSettings) {
	sk.SystemPrompt = or(set.SystemPrompt, sk.SystemPrompt)
	sk.Model = or(set.Model, sk.Model)
	sk.MaxTokens = or(set.MaxTokens, sk.MaxTokens)
	sk.MaxResultChars = or(set.MaxResultChars, sk.MaxResultChars)
	sk.TimeoutS = or(set.TimeoutS, sk.TimeoutS)
	sk.EnableCaching = or(set.EnableCaching, sk.EnableCaching)
	sk.EnableCitations = or(set.EnableCitations, sk.EnableCitations)
	sk.UseStructuredOutput = or(set.UseStructuredOutput, sk.UseStructuredOutput)
	sk.Delivery = or(set.Delivery, sk.Delivery)
	sk.Enabled = or(set.Enabled, sk.Enabled)
	sk.ExecutionTier = or(set.ExecutionTier, sk.ExecutionTier)
	sk.MaxAgentTurns = or(set.MaxAgentTurns, sk.MaxAgentTurns)
	sk.CheckpointEnabled = or(set.CheckpointEnabled, sk.CheckpointEnabled)
	sk.ApprovalRequired = or(set.ApprovalRequired, sk.ApprovalRequired)
	sk.MaxInputTokens = cmp.Or(set.MaxInputTokens, sk.MaxInputTokens)
	sk.ThinkingEffort = cmp.Or(set.ThinkingEffort, sk.ThinkingEffort)
	sk.IntegrationTools = orList(set.IntegrationTools, sk.IntegrationTools)
	sk.StaticTools = orList(set.StaticTools, sk.StaticTools)
	sk.UrgencyKeywords = orList(set.UrgencyKeywords, sk.UrgencyKeywords)
	if set.ResultSchema != nil {
		sk.ResultSchema = set.ResultSchema
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
