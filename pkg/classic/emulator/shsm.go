package emulator

import (
	"fmt"
	"net/http"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// createSHSMVersion serves POST .../service_hierarchical_state_machine/{id}/?version=N&dry_run=B.
// Checks run in this order: request shape (422), the machine exists (404), graph rules (422),
// referenced machines (400), tools (404, or 400 when deprecated), the version guard (409).
func (s *Server) createSHSMVersion(w http.ResponseWriter, r *http.Request, c call) {
	var e errs
	id := pathID(r, "service_hierarchical_state_machine_id", &e)
	q := query{v: r.URL.Query(), e: &e}
	guard := versionGuard(q)
	dryRun := q.boolean("dry_run")
	var body classic.CreateSHSMVersionRequest
	readBody(r, s.schemas.shsmVersion, &body, &e)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.st.shsm(id)
	if m == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The state machine %s does not exist.", id))
		return
	}
	if errs := checkGraph(body); len(errs) > 0 {
		emukit.WriteValidation(w, errs)
		return
	}
	if status, msg := s.checkGraphLinks(body); status != 0 {
		emukit.WriteError(w, status, msg)
		return
	}
	next := len(m.Versions) + 1
	if guard != nil && *guard != next {
		emukit.WriteError(w, http.StatusConflict, fmt.Sprintf(
			"Version %d is not the next version of state machine %s: its latest version is %d, so the next is %d.", *guard, id, next-1, next))
		return
	}
	if dryRun != nil && *dryRun {
		w.WriteHeader(http.StatusCreated)
		return
	}
	v := classic.SHSMVersion{
		OrgID: s.cfg.Org, ServiceHierarchicalStateMachineID: id, Version: next, CreatedAt: s.now().UTC(), Creator: c.user,
		Description: body.Description, States: body.States, NewUserInitialState: body.NewUserInitialState,
		ReturningUserInitialState: body.ReturningUserInitialState, TerminalState: body.TerminalState,
		References:                           body.References,
		GlobalIntraStateNavigationGuidelines: nonNil(body.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nonNil(body.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nonNil(body.GlobalBoundaryConstraints),
	}
	m.Versions = append(m.Versions, v)
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusCreated, classic.CreateVersionResponse{Version: v.Version, CreatedAt: v.CreatedAt})
}

// checkGraphLinks checks what a graph points to outside itself: referenced machines must exist,
// not be deprecated and have the version named (400); tools must exist (404) and not be
// deprecated (400). The caller holds s.mu.
func (s *Server) checkGraphLinks(body classic.CreateSHSMVersionRequest) (int, string) {
	for _, name := range sortedKeys(anyMap(body.References)) {
		ref := body.References[name]
		m := s.st.shsm(ref.ID)
		switch {
		case m == nil:
			return http.StatusBadRequest, fmt.Sprintf("The reference %q names state machine %s, which does not exist.", name, ref.ID)
		case m.Deprecated:
			return http.StatusBadRequest, fmt.Sprintf("The reference %q names state machine %s, which is deprecated.", name, ref.ID)
		case ref.Version < 1 || ref.Version > len(m.Versions):
			return http.StatusBadRequest, fmt.Sprintf("The reference %q names version %d of state machine %s, which does not exist.", name, ref.Version, ref.ID)
		}
	}
	for _, id := range toolIDs(body.States) {
		t := s.st.tool(id)
		if t == nil {
			return http.StatusNotFound, fmt.Sprintf("The tool %s does not exist.", id)
		}
		if t.Deprecated {
			return http.StatusBadRequest, fmt.Sprintf("The tool %s is deprecated.", id)
		}
	}
	return 0, ""
}

// anyMap returns the keys of m as a map[string]any, for sortedKeys.
func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k := range m {
		out[k] = nil
	}
	return out
}

// toolIDs returns the tool ids the states name, in order of appearance, without repeats.
func toolIDs(states []classic.State) []string {
	seen := map[string]bool{}
	var out []string
	add := func(specs ...classic.ToolCallSpec) {
		for _, t := range specs {
			if !seen[t.ToolID] {
				seen[t.ToolID] = true
				out = append(out, t.ToolID)
			}
		}
	}
	for _, st := range states {
		add(st.ActionToolCallSpecs...)
		add(st.ExitConditionToolCallSpecs...)
		add(st.ToolCallSpecs...)
		if st.DesignatedTool != nil {
			add(*st.DesignatedTool)
		}
	}
	return out
}
