package emulator

import (
	"fmt"
	"net/http"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Agents and SHSMs are the same thing to the API: a named container of immutable, numbered
// versions, created, listed, deprecated and read alike. This file serves those four calls once
// for both kinds; only creating a version differs (agents.go, shsm.go).

// container is an agent or an SHSM and its versions (version i+1 at index i).
type container[V any] struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Deprecated bool   `json:"deprecated"`
	Versions   []V    `json:"versions"`
}

// agentRec is an agent container.
type agentRec = container[classic.AgentVersion]

// shsmRec is an SHSM container.
type shsmRec = container[classic.SHSMVersion]

// kind describes one container kind.
type kind[V any] struct {
	noun      string                           // "agent" or "state machine", for messages
	nameField string                           // the create body's name field
	idParam   string                           // the path parameter of the version calls
	delParam  string                           // the path parameter of the delete call
	records   func(st *state) *[]*container[V] // where the containers live
	// listPage and versionsPage build the list responses of the kind.
	listPage     func(items []classic.ContainerInstance, p page) any
	versionsPage func(versions []V, p page) any
	maxPage      int
	defaultPage  int
	allowZero    bool // whether limit=0 is accepted
	createRule   rule
}

// agentKind describes agents.
func agentKind() kind[classic.AgentVersion] {
	return kind[classic.AgentVersion]{
		noun: "agent", nameField: "agent_name", idParam: "agent_id", delParam: "agent_id",
		records: func(st *state) *[]*agentRec { return &st.Agents },
		listPage: func(items []classic.ContainerInstance, p page) any {
			return classic.ListAgentsResponse{Agents: items, HasMore: p.hasMore, ContinuationToken: p.next}
		},
		versionsPage: func(vs []classic.AgentVersion, p page) any {
			return classic.ListAgentVersionsResponse{AgentVersions: vs, HasMore: p.hasMore, ContinuationToken: p.next}
		},
		maxPage: classic.MaxAgentsPageSize, defaultPage: classic.DefaultAgentsPageSize,
		createRule: object(req("agent_name", str(strOpts{strip: true, min: 1, max: 256}))),
	}
}

// shsmKind describes service hierarchical state machines.
func shsmKind() kind[classic.SHSMVersion] {
	return kind[classic.SHSMVersion]{
		noun: "state machine", nameField: "state_machine_name",
		idParam: "service_hierarchical_state_machine_id", delParam: "state_machine_id",
		records: func(st *state) *[]*shsmRec { return &st.SHSMs },
		listPage: func(items []classic.ContainerInstance, p page) any {
			return classic.ListSHSMsResponse{ServiceHierarchicalStateMachines: items, HasMore: p.hasMore, ContinuationToken: p.next}
		},
		versionsPage: func(vs []classic.SHSMVersion, p page) any {
			return classic.ListSHSMVersionsResponse{StateMachineVersions: vs, HasMore: p.hasMore, ContinuationToken: p.next}
		},
		maxPage: classic.MaxSHSMsPageSize, defaultPage: classic.DefaultSHSMsPageSize, allowZero: true,
		createRule: object(req("state_machine_name", str(strOpts{strip: true, min: 1, max: 256}))),
	}
}

// find returns the container with id, or nil.
func find[V any](list []*container[V], id string) *container[V] {
	for _, c := range list {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// notFound answers 404 for a container of kind k.
func notFound[V any](w http.ResponseWriter, k kind[V], id string) {
	emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The %s %s does not exist.", k.noun, id))
}

// createContainer serves the create call of kind k: a unique name, then 201 {id}.
func createContainer[V any](s *Server, k kind[V]) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ call) {
		var e errs
		var body map[string]string
		if !readBody(r, k.createRule, &body, &e) {
			emukit.WriteValidation(w, e.list)
			return
		}
		name := body[k.nameField]
		s.mu.Lock()
		defer s.mu.Unlock()
		list := k.records(s.st)
		for _, c := range *list {
			if c.Name == name {
				emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("The %s name %q is already taken by %s.", k.noun, c.Name, c.ID))
				return
			}
		}
		c := &container[V]{ID: s.st.newID(), Name: name, Versions: []V{}}
		*list = append(*list, c)
		if err := s.save(); err != nil {
			writeSaveError(w, err)
			return
		}
		emukit.WriteJSON(w, http.StatusCreated, classic.CreateAgentResponse{ID: c.ID})
	}
}

// listContainers serves the list call of kind k, filtered by deprecated and id.
func listContainers[V any](s *Server, k kind[V]) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ call) {
		var e errs
		q := query{v: r.URL.Query(), e: &e}
		deprecated := q.boolean("deprecated")
		ids := q.ids("id")
		offset, limit := q.listParams(k.defaultPage, k.maxPage, k.allowZero)
		if len(e.list) > 0 {
			emukit.WriteValidation(w, e.list)
			return
		}
		s.mu.RLock()
		all := []classic.ContainerInstance{}
		for _, c := range *k.records(s.st) {
			if (deprecated == nil || *deprecated == c.Deprecated) && (len(ids) == 0 || ids[c.ID]) {
				all = append(all, classic.ContainerInstance{ID: c.ID, Name: c.Name, Deprecated: c.Deprecated, LatestVersion: latest(len(c.Versions))})
			}
		}
		s.mu.RUnlock() // the response holds copies: write it without the lock
		p := paginate(len(all), offset, limit)
		emukit.WriteJSON(w, http.StatusOK, k.listPage(all[p.start:p.end], p))
	}
}

// deprecateContainer serves the delete call of kind k, which only marks the container deprecated.
func deprecateContainer[V any](s *Server, k kind[V]) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ call) {
		var e errs
		id := pathID(r, k.delParam, &e)
		if len(e.list) > 0 {
			emukit.WriteValidation(w, e.list)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		c := find(*k.records(s.st), id)
		switch {
		case c == nil:
			notFound(w, k, id)
			return
		case c.Deprecated:
			emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("The %s %s is already deleted.", k.noun, id))
			return
		case s.st.activeServiceUses(id):
			emukit.WriteError(w, http.StatusBadRequest, fmt.Sprintf("An active service uses the %s %s; deactivate it first.", k.noun, id))
			return
		}
		c.Deprecated = true
		if err := s.save(); err != nil {
			writeSaveError(w, err)
			return
		}
		emukit.WriteJSON(w, http.StatusOK, nil)
	}
}

// listVersions serves the list-versions call of kind k.
func listVersions[V any](s *Server, k kind[V]) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ call) {
		var e errs
		id := pathID(r, k.idParam, &e)
		sel := readVersionQuery(query{v: r.URL.Query(), e: &e})
		if len(e.list) > 0 {
			emukit.WriteValidation(w, e.list)
			return
		}
		s.mu.RLock()
		c := find(*k.records(s.st), id)
		if c == nil {
			s.mu.RUnlock()
			notFound(w, k, id)
			return
		}
		nums, p := sel.pick(len(c.Versions))
		out := make([]V, 0, len(nums))
		for _, n := range nums {
			out = append(out, c.Versions[n-1])
		}
		s.mu.RUnlock() // the response holds copies: write it without the lock
		emukit.WriteJSON(w, http.StatusOK, k.versionsPage(out, p))
	}
}
