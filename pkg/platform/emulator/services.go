package emulator

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// findService returns the service with the given id, or nil, and its index.
func findService(ws *workspaceData, id string) (*platform.ServiceResponse, int) {
	return findByID(ws.Services, id, func(svc *platform.ServiceResponse) string { return svc.ID })
}

// findByID returns the item whose id (read by idOf) is id and its index,
// or nil and -1.
func findByID[T any](items []*T, id string, idOf func(*T) string) (*T, int) {
	i := slices.IndexFunc(items, func(x *T) bool { return idOf(x) == id })
	if i < 0 {
		return nil, -1
	}
	return items[i], i
}

// serviceOr404 finds the workspace and the service the request names, or
// answers 404 and returns a nil service. The caller holds the lock.
func (s *Server) serviceOr404(w http.ResponseWriter, v values) (*workspaceData, *platform.ServiceResponse, int) {
	ws := s.lockedWorkspace(w, v, http.StatusNotFound)
	if ws == nil {
		return nil, nil, -1
	}
	svc, i := findService(ws, v.str("service_id"))
	if svc == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("Service %s not found.", v.str("service_id")))
	}
	return ws, svc, i
}

// serviceView is a service as the API shows it, with the current names of
// its agent and context graph (null once they are deleted).
func serviceView(ws *workspaceData, svc *platform.ServiceResponse) platform.ServiceResponse {
	out := *svc
	out.AgentName, out.ContextGraphName = nil, nil
	if a := agentKind().find(ws, svc.AgentID, false); a != nil {
		out.AgentName = &a.Name
	}
	if g := graphKind().find(ws, svc.ContextGraphID, false); g != nil {
		out.ContextGraphName = &g.Name
	}
	return out
}

// checkPins reports every version set whose pinned agent or context graph
// version does not exist; loc(name) locates a set in the request body.
func checkPins(ws *workspaceData, agentID, graphID string, sets map[string]platform.VersionSet, loc func(name string) []any) []platform.ValidationError {
	var errs []platform.ValidationError
	agent := agentKind().find(ws, agentID, true)
	graph := graphKind().find(ws, graphID, true)
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		set := sets[name]
		if n := set.AgentVersionNumber; n != nil && (agent == nil || *n < 1 || *n > len(agent.Versions)) {
			errs = append(errs, fieldErr(append(loc(name), "agent_version_number"),
				fmt.Sprintf("Value error, agent %s has no version %d", agentID, *n), "value_error"))
		}
		if n := set.ContextGraphVersionNumber; n != nil && (graph == nil || *n < 1 || *n > len(graph.Versions)) {
			errs = append(errs, fieldErr(append(loc(name), "context_graph_version_number"),
				fmt.Sprintf("Value error, context graph %s has no version %d", graphID, *n), "value_error"))
		}
	}
	return errs
}

// normalizeSets fills the default of llm_model_preferences ({}).
func normalizeSets(sets map[string]platform.VersionSet) map[string]platform.VersionSet {
	out := make(map[string]platform.VersionSet, len(sets))
	for name, set := range sets {
		out[name] = normalizeSet(set)
	}
	return out
}

func normalizeSet(set platform.VersionSet) platform.VersionSet {
	if set.LLMModelPreferences == nil {
		set.LLMModelPreferences = map[string]platform.LLMConfig{}
	}
	return set
}

// serviceNameTaken reports whether a service other than except has name.
func serviceNameTaken(ws *workspaceData, name, except string) bool {
	for _, svc := range ws.Services {
		if svc.Name == name && svc.ID != except {
			return true
		}
	}
	return false
}

func (s *Server) listServices(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ws := s.lockedWorkspace(w, v, http.StatusNotFound)
	if ws == nil {
		return
	}
	active, filter := v.boolean("is_active")
	items := []platform.ServiceResponse{}
	for _, svc := range ws.Services {
		if matchesSearch(v.str("search"), svc.Name) && (!filter || svc.IsActive == active) {
			items = append(items, serviceView(ws, svc))
		}
	}
	keys := containerKeys(func(s platform.ServiceResponse) stamps { return stamps{s.Name, s.CreatedAt, s.UpdatedAt} })
	writePage(w, v, items, keys)
}

func (s *Server) createService(w http.ResponseWriter, r *http.Request, v values) {
	req, ok := decodeBody[platform.CreateServiceRequest](s, w, r, "CreateServiceRequest")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.lockedWorkspace(w, v, http.StatusNotFound)
	if ws == nil || !linksExist(w, ws, req.AgentID, req.ContextGraphID) {
		return
	}
	if serviceNameTaken(ws, req.Name, "") {
		writeNameTaken(w, req.Name, "service")
		return
	}
	if errs := checkPins(ws, req.AgentID, req.ContextGraphID, req.VersionSets, func(name string) []any {
		return []any{"body", "version_sets", name}
	}); len(errs) > 0 {
		writeValidation(w, errs)
		return
	}
	now := s.now()
	svc := &platform.ServiceResponse{
		ID: s.st.newID(), WorkspaceID: ws.Workspace.ID, Name: req.Name,
		AgentID: req.AgentID, ContextGraphID: req.ContextGraphID,
		// The documented defaults, which the request's settings override.
		ChannelType: platform.DefaultChannelType, Environment: platform.DefaultEnvironment, IsActive: platform.DefaultIsActive,
		SafetyFiltersEnabled: platform.DefaultSafetyFiltersEnabled, ToolCapacity: platform.DefaultToolCapacity,
		Keyterms: []string{}, Tags: []platform.ServiceTag{}, VersionSets: map[string]platform.VersionSet{},
		CreatedAt: now, UpdatedAt: now,
	}
	applyServiceSettings(svc, req.ServiceSettings)
	ws.Services = append(ws.Services, svc)
	s.writeSaved(w, http.StatusCreated, serviceView(ws, svc))
}

// linkExists answers 404 and returns false when id is given but names no
// live container of the kind find searches.
func linkExists[V any](w http.ResponseWriter, ws *workspaceData, id *string, find func(*workspaceData, string, bool) *container[V], title string) bool {
	if id == nil || find(ws, *id, false) != nil {
		return true
	}
	emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found in this workspace.", title, *id))
	return false
}

// linksExist answers 404 and returns false unless the agent and the context
// graph exist (and are not deleted) in the workspace.
func linksExist(w http.ResponseWriter, ws *workspaceData, agentID, graphID string) bool {
	return linkExists(w, ws, &agentID, agentKind().find, "Agent") &&
		linkExists(w, ws, &graphID, graphKind().find, "Context graph")
}

func (s *Server) getService(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ws, svc, _ := s.serviceOr404(w, v)
	if svc == nil {
		return
	}
	emukit.WriteJSON(w, http.StatusOK, serviceView(ws, svc))
}

func (s *Server) updateService(w http.ResponseWriter, r *http.Request, v values) {
	req, ok := decodeBody[platform.UpdateServiceRequest](s, w, r, "UpdateServiceRequest")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws, svc, _ := s.serviceOr404(w, v)
	if svc == nil {
		return
	}
	next := applyServiceUpdate(*svc, req)
	if !linkExists(w, ws, req.AgentID, agentKind().find, "Agent") ||
		!linkExists(w, ws, req.ContextGraphID, graphKind().find, "Context graph") {
		return
	}
	if req.Name != nil && serviceNameTaken(ws, *req.Name, svc.ID) {
		writeNameTaken(w, *req.Name, "service")
		return
	}
	if errs := checkPins(ws, next.AgentID, next.ContextGraphID, next.VersionSets, func(name string) []any {
		return []any{"body", "version_sets", name}
	}); len(errs) > 0 {
		writeValidation(w, errs)
		return
	}
	next.UpdatedAt = s.now()
	*svc = next
	s.writeSaved(w, http.StatusOK, serviceView(ws, svc))
}

// applyServiceUpdate returns svc with every non-nil field of req applied.
func applyServiceUpdate(svc platform.ServiceResponse, req platform.UpdateServiceRequest) platform.ServiceResponse {
	svc.Name = or(req.Name, svc.Name)
	svc.AgentID = or(req.AgentID, svc.AgentID)
	svc.ContextGraphID = or(req.ContextGraphID, svc.ContextGraphID)
	applyServiceSettings(&svc, req.ServiceSettings)
	return svc
}

// applyServiceSettings sets every field that set gives (not nil) on svc,
// for a create (over the defaults) and an update alike; version_sets, when
// given, replaces all the sets.
func applyServiceSettings(svc *platform.ServiceResponse, set platform.ServiceSettings) {
	svc.Description = or(set.Description, svc.Description)
	svc.ChannelType = or(set.ChannelType, svc.ChannelType)
	svc.Environment = or(set.Environment, svc.Environment)
	svc.IsActive = or(set.IsActive, svc.IsActive)
	svc.SafetyFiltersEnabled = or(set.SafetyFiltersEnabled, svc.SafetyFiltersEnabled)
	svc.ToolCapacity = or(set.ToolCapacity, svc.ToolCapacity)
	svc.EscalationPolicy = cmp.Or(set.EscalationPolicy, svc.EscalationPolicy)
	svc.PersonaID = cmp.Or(set.PersonaID, svc.PersonaID)
	svc.VoiceConfig = cmp.Or(set.VoiceConfig, svc.VoiceConfig)
	svc.Keyterms = orList(set.Keyterms, svc.Keyterms)
	svc.Tags = orList(set.Tags, svc.Tags)
	if set.VersionSets != nil {
		svc.VersionSets = normalizeSets(set.VersionSets)
	}
}

func (s *Server) deleteService(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws, svc, i := s.serviceOr404(w, v)
	if svc == nil {
		return
	}
	ws.Services = slices.Delete(ws.Services, i, i+1)
	s.writeSaved(w, http.StatusNoContent, nil)
}

func (s *Server) upsertVersionSet(w http.ResponseWriter, r *http.Request, v values) {
	req, ok := decodeBody[platform.UpsertVersionSetRequest](s, w, r, "UpsertVersionSetRequest")
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ws, svc, _ := s.serviceOr404(w, v)
	if svc == nil {
		return
	}
	name := v.str("name")
	sets := map[string]platform.VersionSet{name: req.VersionSet}
	if errs := checkPins(ws, svc.AgentID, svc.ContextGraphID, sets, func(string) []any {
		return []any{"body", "version_set"}
	}); len(errs) > 0 {
		writeValidation(w, errs)
		return
	}
	next := maps.Clone(svc.VersionSets)
	if next == nil {
		next = map[string]platform.VersionSet{}
	}
	next[name] = normalizeSet(req.VersionSet)
	svc.VersionSets = next
	svc.UpdatedAt = s.now()
	s.writeSaved(w, http.StatusNoContent, nil)
}

// or returns *p, or def when p is nil.
func or[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// orList returns s, or def when s is nil (absent or null).
func orList[S ~[]E, E any](s, def S) S {
	if s == nil {
		return def
	}
	return s
}
