package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

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
			return v, "The first version of an agent needs every field; missing: " + strings.Join(missing, ", ") + "."
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
