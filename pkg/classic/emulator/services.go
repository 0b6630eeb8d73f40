package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Names of the two version sets every service has.
const (
	edgeSet    = "edge"
	releaseSet = "release"
)

// createService serves POST /v1/{organization}/service/.
func (s *Server) createService(w http.ResponseWriter, r *http.Request, c call) {
	var e errs
	var body classic.CreateServiceRequest
	if !readBody(r, s.schemas.createService, &body, &e) {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, m := s.st.agent(body.AgentID), s.st.shsm(body.ServiceHierarchicalStateMachineID)
	switch {
	case a == nil:
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The agent %s does not exist.", body.AgentID))
		return
	case m == nil:
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The state machine %s does not exist.", body.ServiceHierarchicalStateMachineID))
		return
	}
	if msg := usable(a, m); msg != "" {
		emukit.WriteError(w, http.StatusBadRequest, msg)
		return
	}
	edge := classic.VersionSet{LLMModelPreferences: map[string]classic.LLMConfig{}}
	release := edge
	if body.ReleaseVersionSet != nil {
		release = normalSet(*body.ReleaseVersionSet)
		if msg := pinsBelong(release, a, m); msg != "" {
			emukit.WriteError(w, http.StatusBadRequest, msg)
			return
		}
	}
	if body.IsActive {
		if other := s.st.activeServiceNamed(body.Name, ""); other != nil {
			emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("An active service named %q already exists (id %s).", body.Name, other.ID))
			return
		}
	}
	svc := &classic.Service{
		ID: s.st.newID(), Name: body.Name, Description: body.Description, IsActive: body.IsActive,
		VersionSets: map[string]classic.VersionSet{edgeSet: edge, releaseSet: release},
		AgentID:     a.ID, ServiceHierarchicalStateMachineID: m.ID,
		Tags: tagList(body.Tags), Keyterms: nonNil(body.Keyterms), Creator: c.user, UpdatedBy: c.user,
	}
	s.st.Services = append(s.st.Services, svc)
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	emukit.WriteJSON(w, http.StatusCreated, classic.CreateServiceResponse{ID: svc.ID})
}

// usable explains why a service cannot use agent a and machine m (deprecated, or without
// versions), or returns "".
func usable(a *agentRec, m *shsmRec) string {
	switch {
	case a.Deprecated:
		return fmt.Sprintf("The agent %s is deprecated.", a.ID)
	case m.Deprecated:
		return fmt.Sprintf("The state machine %s is deprecated.", m.ID)
	case len(a.Versions) == 0:
		return fmt.Sprintf("The agent %s has no versions.", a.ID)
	case len(m.Versions) == 0:
		return fmt.Sprintf("The state machine %s has no versions.", m.ID)
	}
	return ""
}

// pinsBelong explains why a version set's pins are not versions of a and m, or returns "".
func pinsBelong(vs classic.VersionSet, a *agentRec, m *shsmRec) string {
	if n := vs.AgentVersionNumber; n != nil && (*n < 1 || *n > len(a.Versions)) {
		return fmt.Sprintf("Agent version %d does not belong to agent %s, the agent of this service.", *n, a.ID)
	}
	if n := vs.ServiceHierarchicalStateMachineVersionNumber; n != nil && (*n < 1 || *n > len(m.Versions)) {
		return fmt.Sprintf("State machine version %d does not belong to state machine %s, the state machine of this service.", *n, m.ID)
	}
	return ""
}

// normalSet fills the defaults of a version set: no preferences is {}, no params is {}.
func normalSet(vs classic.VersionSet) classic.VersionSet {
	prefs := make(map[string]classic.LLMConfig, len(vs.LLMModelPreferences))
	for k, v := range vs.LLMModelPreferences {
		if v.Params == nil {
			v.Params = map[string]any{}
		}
		prefs[k] = v
	}
	vs.LLMModelPreferences = prefs
	return vs
}

// tagList turns request tags into the response's list, sorted by key.
func tagList(tags map[string]*string) []classic.Tag {
	out := []classic.Tag{}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, classic.Tag{Key: k, Value: tags[k]})
	}
	return out
}

// updateService serves POST /v1/{organization}/service/{service_id}/: every non-null field
// replaces the service's; null leaves it unchanged.
func (s *Server) updateService(w http.ResponseWriter, r *http.Request, c call) {
	var body classic.UpdateServiceRequest
	read := func(e *errs) { readBody(r, s.schemas.updateService, &body, e) }
	s.changeService(w, r, c, read, func(svc *classic.Service) (int, string) {
		next := *svc
		setIf(&next.Name, body.Name)
		setIf(&next.Description, body.Description)
		setIf(&next.IsActive, body.IsActive)
		setIf(&next.AgentID, body.AgentID)
		setIf(&next.ServiceHierarchicalStateMachineID, body.ServiceHierarchicalStateMachineID)
		if body.Tags != nil {
			next.Tags = tagList(body.Tags)
		}
		if body.Keyterms != nil {
			next.Keyterms = body.Keyterms
		}
		if status, msg := s.checkUpdate(svc, &next); status != 0 {
			return status, msg
		}
		*svc = next
		return 0, ""
	}, func(w http.ResponseWriter) { emukit.WriteJSON(w, http.StatusOK, nil) })
}

// changeService serves a change of one service (update, version set put and delete). read
// reads the rest of the request into the handler's variables (422 on errors); the service of
// the path must exist (404); then change, under the write lock, refuses with a status and a
// message or changes svc in place. A change is stamped with the caller, saved, and answered by ok.
func (s *Server) changeService(w http.ResponseWriter, r *http.Request, c call, read func(*errs),
	change func(svc *classic.Service) (int, string), ok func(http.ResponseWriter)) {
	var e errs
	id := pathID(r, "service_id", &e)
	read(&e)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	svc := s.st.service(id)
	if svc == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The service %s does not exist.", id))
		return
	}
	if status, msg := change(svc); status != 0 {
		emukit.WriteError(w, status, msg)
		return
	}
	svc.UpdatedBy = c.user
	if err := s.save(); err != nil {
		writeSaveError(w, err)
		return
	}
	ok(w)
}

// noContent answers 204 without a body.
func noContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// setIf sets *dst to *src when src is not nil.
func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// checkUpdate checks that the updated service next may replace old: its agent and machine
// exist (400), an active service uses neither deprecated ones (400), and no other active
// service has its name (409). The caller holds s.mu.
func (s *Server) checkUpdate(old, next *classic.Service) (int, string) {
	a, m := s.st.agent(next.AgentID), s.st.shsm(next.ServiceHierarchicalStateMachineID)
	switch {
	case a == nil:
		return http.StatusBadRequest, fmt.Sprintf("The agent %s does not exist.", next.AgentID)
	case m == nil:
		return http.StatusBadRequest, fmt.Sprintf("The state machine %s does not exist.", next.ServiceHierarchicalStateMachineID)
	}
	if !next.IsActive {
		return 0, ""
	}
	changed := !old.IsActive || old.AgentID != next.AgentID || old.ServiceHierarchicalStateMachineID != next.ServiceHierarchicalStateMachineID
	if msg := usable(a, m); changed && msg != "" {
		return http.StatusBadRequest, msg
	}
	if other := s.st.activeServiceNamed(next.Name, next.ID); other != nil && (!old.IsActive || old.Name != next.Name) {
		return http.StatusConflict, fmt.Sprintf("An active service named %q already exists (id %s).", next.Name, other.ID)
	}
	return 0, ""
}

// upsertVersionSet serves PUT /v1/{organization}/service/{service_id}/version_sets/{name}/.
func (s *Server) upsertVersionSet(w http.ResponseWriter, r *http.Request, c call) {
	var name string
	var body classic.UpsertVersionSetRequest
	read := func(e *errs) {
		name, _ = s.schemas.versionSetName(r.PathValue("version_set_name"), []any{"path", "version_set_name"}, e).(string)
		readBody(r, s.schemas.upsertVersionSet, &body, e)
	}
	s.changeService(w, r, c, read, func(svc *classic.Service) (int, string) {
		if name == edgeSet {
			return http.StatusBadRequest, "The `edge` version set cannot be updated."
		}
		a, m := s.st.agent(svc.AgentID), s.st.shsm(svc.ServiceHierarchicalStateMachineID)
		if a == nil || m == nil {
			return http.StatusBadRequest, "The agent or state machine of this service no longer exists."
		}
		vs := normalSet(body.VersionSet)
		if msg := pinsBelong(vs, a, m); msg != "" {
			return http.StatusBadRequest, msg
		}
		svc.VersionSets = maps.Clone(svc.VersionSets)
		svc.VersionSets[name] = vs
		return 0, ""
	}, noContent)
}

// deleteVersionSet serves DELETE /v1/{organization}/service/{service_id}/version_sets/{name}/.
func (s *Server) deleteVersionSet(w http.ResponseWriter, r *http.Request, c call) {
	name := r.PathValue("version_set_name")
	s.changeService(w, r, c, func(*errs) {}, func(svc *classic.Service) (int, string) {
		if name == edgeSet || name == releaseSet {
			return http.StatusBadRequest, fmt.Sprintf("The `%s` version set cannot be deleted.", name)
		}
		if _, ok := svc.VersionSets[name]; !ok {
			return http.StatusNotFound, fmt.Sprintf("The service %s has no version set %q.", svc.ID, name)
		}
		svc.VersionSets = maps.Clone(svc.VersionSets)
		delete(svc.VersionSets, name)
		return 0, ""
	}, noContent)
}
