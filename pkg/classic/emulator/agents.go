package emulator

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// createAgent serves POST .../organization/agent.
func (s *Server) createAgent(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	var body classic.CreateAgentRequest
	if !readBody(r, s.schemas.createAgent, &body, &e) {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.st.Agents {
		if a.Name == body.AgentName {
			emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("An agent named %q already exists (id %s).", a.Name, a.ID))
			return
		}
	}
	a := &agentRec{ID: s.st.newID(), Name: body.AgentName, Versions: []classic.AgentVersion{}}
	s.st.Agents = append(s.st.Agents, a)
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusCreated, classic.CreateAgentResponse{ID: a.ID})
}

// listAgents serves GET .../organization/agent.
func (s *Server) listAgents(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	q := query{v: r.URL.Query(), e: &e}
	deprecated := q.boolean("deprecated")
	ids := q.ids("id")
	offset, limit := q.listParams(classic.DefaultAgentsPageSize, classic.MaxAgentsPageSize, false)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.RLock()
	var all []classic.AgentInstance
	for _, a := range s.st.Agents {
		if (deprecated == nil || *deprecated == a.Deprecated) && (len(ids) == 0 || ids[a.ID]) {
			all = append(all, classic.AgentInstance{ID: a.ID, Name: a.Name, Deprecated: a.Deprecated, LatestVersion: latest(len(a.Versions))})
		}
	}
	p := paginate(len(all), offset, limit)
	s.mu.RUnlock() // the response holds copies: write it without the lock
	emukit.WriteJSON(w, http.StatusOK, classic.ListAgentsResponse{
		Agents: nonNil(all[p.start:p.end]), HasMore: p.hasMore, ContinuationToken: p.next,
	})
}

// latest is the latest version number of a container with n versions, nil when none.
func latest(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// nonNil returns s, or an empty slice for nil, so that lists are sent as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// versionGuard reads the optional `version` guard of a create-version call.
func versionGuard(q query) *int {
	if _, ok := q.last("version"); !ok {
		return nil
	}
	n := q.integer("version", 0, intp(0), nil, nil)
	return &n
}

// createAgentVersion serves POST .../organization/agent/{agent_id}/?version=N.
func (s *Server) createAgentVersion(w http.ResponseWriter, r *http.Request, c call) {
	var e errs
	id := pathID(r, "agent_id", &e)
	guard := versionGuard(query{v: r.URL.Query(), e: &e})
	var body classic.CreateAgentVersionRequest
	readBody(r, s.schemas.agentVersion, &body, &e)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.agent(id)
	if a == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The agent %s does not exist.", id))
		return
	}
	next := len(a.Versions) + 1
	if guard != nil && *guard != next {
		emukit.WriteError(w, http.StatusConflict, fmt.Sprintf(
			"Version %d is not the next version of agent %s: its latest version is %d, so the next is %d.", *guard, id, next-1, next))
		return
	}
	v, msg := newAgentVersion(a.Versions, body)
	if msg != "" {
		emukit.WriteError(w, http.StatusBadRequest, msg)
		return
	}
	v.OrgID, v.AgentID, v.Version, v.CreatedAt, v.Creator = s.cfg.Org, id, next, s.now().UTC(), c.user
	a.Versions = append(a.Versions, v)
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusCreated, classic.CreateVersionResponse{Version: v.Version, CreatedAt: v.CreatedAt})
}

// newAgentVersion builds the content of the next version: the request's fields over those of
// the latest version. The first version needs every field but voice_config.
func newAgentVersion(prev []classic.AgentVersion, req classic.CreateAgentVersionRequest) (classic.AgentVersion, string) {
	var v classic.AgentVersion
	if len(prev) == 0 {
		var missing []string
		for name, isNil := range map[string]bool{
			"initials": req.Initials == nil, "identity": req.Identity == nil, "background": req.Background == nil,
			"behaviors": req.Behaviors == nil, "communication_patterns": req.CommunicationPatterns == nil,
		} {
			if isNil {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			return v, fmt.Sprintf("The first version of an agent needs every field; missing: %v.", missing)
		}
	} else {
		v = prev[len(prev)-1]
	}
	if req.Initials != nil {
		v.Initials = *req.Initials
	}
	if req.Identity != nil {
		v.Identity = *req.Identity
	}
	if req.Background != nil {
		v.Background = *req.Background
	}
	if req.Behaviors != nil {
		v.Behaviors = req.Behaviors
	}
	if req.CommunicationPatterns != nil {
		v.CommunicationPatterns = req.CommunicationPatterns
	}
	if req.VoiceConfig != nil {
		v.VoiceConfig = &classic.VoiceConfigInstance{VoiceID: req.VoiceConfig.VoiceID}
	}
	v.Behaviors, v.CommunicationPatterns = nonNil(v.Behaviors), nonNil(v.CommunicationPatterns)
	return v, ""
}

// deprecateAgent serves DELETE .../organization/agent/{agent_id}/.
func (s *Server) deprecateAgent(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	id := pathID(r, "agent_id", &e)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.agent(id)
	if a == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The agent %s does not exist.", id))
		return
	}
	s.deprecate(w, "agent", id, &a.Deprecated)
}

// deprecate marks an agent or SHSM deprecated unless it already is (409) or an active service
// uses it (400); the caller holds s.mu.
func (s *Server) deprecate(w http.ResponseWriter, kind, id string, deprecated *bool) {
	if *deprecated {
		emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("The %s %s is already deleted.", kind, id))
		return
	}
	if s.st.activeServiceUses(id) {
		emukit.WriteError(w, http.StatusBadRequest, fmt.Sprintf("An active service uses the %s %s; deactivate it first.", kind, id))
		return
	}
	*deprecated = true
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusOK, nil)
}

// listAgentVersions serves GET .../organization/agent/{agent_id}/version.
func (s *Server) listAgentVersions(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	id := pathID(r, "agent_id", &e)
	sel := readVersionQuery(query{v: r.URL.Query(), e: &e})
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.RLock()
	a := s.st.agent(id)
	if a == nil {
		s.mu.RUnlock()
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The agent %s does not exist.", id))
		return
	}
	nums, p := sel.pick(len(a.Versions))
	out := make([]classic.AgentVersion, 0, len(nums))
	for _, n := range nums {
		out = append(out, a.Versions[n-1])
	}
	s.mu.RUnlock() // the response holds copies: write it without the lock
	emukit.WriteJSON(w, http.StatusOK, classic.ListAgentVersionsResponse{AgentVersions: out, HasMore: p.hasMore, ContinuationToken: p.next})
}
