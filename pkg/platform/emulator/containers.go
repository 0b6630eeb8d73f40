package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// kind describes a versioned container resource (agents, context graphs):
// V is the stored version, Req the version request body, R the container's
// response. The eight container endpoints are written once against it.
type kind[V, Req, R any] struct {
	noun          string // "agent", for messages
	title         string // "Agent", for messages that start with it
	idParam       string // "agent_id"
	createSchema  string // component schema of the create body
	updateSchema  string // component schema of the update body
	versionSchema string // component schema of the version body
	records       func(*workspaceData) *[]*container[V]
	response      func(workspaceID string, c *container[V]) R
	listKeys      sortKeys[R]
	versionKeys   sortKeys[V]
	// check applies the rules of the API that the schema cannot express.
	check func(Req) []platform.ValidationError
	// build makes the stored version from a valid request.
	build func(Req, versionMeta) V
}

// versionMeta is what the server assigns to a new version.
type versionMeta struct {
	ID, WorkspaceID, ContainerID string
	Number                       int
	At                           time.Time
}

// nameDescription is the shape shared by the create and update bodies of
// agents and context graphs.
type nameDescription struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

// find returns the container with the given id, or nil; deleted ones only
// when withDeleted.
func (k kind[V, Req, R]) find(ws *workspaceData, id string, withDeleted bool) *container[V] {
	for _, c := range *k.records(ws) {
		if c.ID == id && (withDeleted || !c.Deleted) {
			return c
		}
	}
	return nil
}

// nameTaken reports whether a live container other than except has name.
func (k kind[V, Req, R]) nameTaken(ws *workspaceData, name, except string) bool {
	for _, c := range *k.records(ws) {
		if !c.Deleted && c.Name == name && c.ID != except {
			return true
		}
	}
	return false
}

// locate finds the workspace and the container the request names, or
// answers 404 and returns a nil container. The caller holds the lock.
func (k kind[V, Req, R]) locate(s *Server, w http.ResponseWriter, v values, withDeleted bool) (*workspaceData, *container[V]) {
	ws := s.lockedWorkspace(w, v, http.StatusNotFound)
	if ws == nil {
		return nil, nil
	}
	id := v.str(k.idParam)
	c := k.find(ws, id, withDeleted)
	if c == nil {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found.", k.title, id))
	}
	return ws, c
}

func (k kind[V, Req, R]) list(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		ws := s.lockedWorkspace(w, v, http.StatusNotFound)
		if ws == nil {
			return
		}
		items := []R{}
		for _, c := range *k.records(ws) {
			if !c.Deleted && matchesSearch(v.str("search"), c.Name) {
				items = append(items, k.response(ws.Workspace.ID, c))
			}
		}
		writePage(w, v, items, k.listKeys)
	}
}

func (k kind[V, Req, R]) create(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		req, ok := decodeBody[nameDescription](s, w, r, k.createSchema)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		ws := s.lockedWorkspace(w, v, http.StatusNotFound)
		if ws == nil {
			return
		}
		if k.nameTaken(ws, *req.Name, "") {
			writeNameTaken(w, *req.Name, k.noun)
			return
		}
		now := s.now()
		c := &container[V]{ID: s.st.newID(), Name: *req.Name, CreatedAt: now, UpdatedAt: now, Versions: []V{}}
		if req.Description != nil {
			c.Description = *req.Description
		}
		recs := k.records(ws)
		*recs = append(*recs, c)
		s.writeSaved(w, http.StatusCreated, k.response(ws.Workspace.ID, c))
	}
}

func (k kind[V, Req, R]) get(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		ws, c := k.locate(s, w, v, false)
		if c == nil {
			return
		}
		emukit.WriteJSON(w, http.StatusOK, k.response(ws.Workspace.ID, c))
	}
}

func (k kind[V, Req, R]) update(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		req, ok := decodeBody[nameDescription](s, w, r, k.updateSchema)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		ws, c := k.locate(s, w, v, false)
		if c == nil {
			return
		}
		if req.Name != nil && k.nameTaken(ws, *req.Name, c.ID) {
			writeNameTaken(w, *req.Name, k.noun)
			return
		}
		if req.Name != nil {
			c.Name = *req.Name
		}
		if req.Description != nil {
			c.Description = *req.Description
		}
		c.UpdatedAt = s.now()
		s.writeSaved(w, http.StatusOK, k.response(ws.Workspace.ID, c))
	}
}

func (k kind[V, Req, R]) remove(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		s.mu.Lock()
		defer s.mu.Unlock()
		_, c := k.locate(s, w, v, false)
		if c == nil {
			return
		}
		c.Deleted = true
		c.UpdatedAt = s.now()
		s.writeSaved(w, http.StatusNoContent, nil)
	}
}

func (k kind[V, Req, R]) listVersions(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		_, c := k.locate(s, w, v, true) // a deleted container's versions are retained and readable
		if c == nil {
			return
		}
		writePage(w, v, c.Versions, k.versionKeys)
	}
}

func (k kind[V, Req, R]) createVersion(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		req, ok := decodeBody[Req](s, w, r, k.versionSchema)
		if !ok {
			return
		}
		if errs := k.check(req); len(errs) > 0 {
			writeValidation(w, errs)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		ws, c := k.locate(s, w, v, false)
		if c == nil {
			return
		}
		now := s.now()
		ver := k.build(req, versionMeta{ID: s.st.newID(), WorkspaceID: ws.Workspace.ID, ContainerID: c.ID, Number: len(c.Versions) + 1, At: now})
		c.Versions = append(c.Versions, ver)
		c.UpdatedAt = now
		s.writeSaved(w, http.StatusCreated, ver)
	}
}

func (k kind[V, Req, R]) getVersion(s *Server) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, v values) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		_, c := k.locate(s, w, v, true)
		if c == nil {
			return
		}
		n, ok := versionNumber(v["version"], len(c.Versions))
		if !ok {
			emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("%s %s has no version %v (latest is %d).", k.title, c.ID, v["version"], len(c.Versions)))
			return
		}
		emukit.WriteJSON(w, http.StatusOK, c.Versions[n-1])
	}
}

// versionNumber resolves a version path parameter (a number or "latest")
// against a container with latest versions.
func versionNumber(x any, latest int) (int, bool) {
	n := latest
	switch p := x.(type) {
	case json.Number:
		i, err := strconv.Atoi(string(p))
		if err != nil {
			return 0, false
		}
		n = i
	case string:
		if p != "latest" {
			return 0, false
		}
	default:
		return 0, false
	}
	return n, n >= 1 && n <= latest
}

// handlers returns the eight handlers of a kind, by endpoint name.
func (k kind[V, Req, R]) handlers(s *Server, list, create, get, update, del, listV, createV, getV string) map[string]handlerFunc {
	return map[string]handlerFunc{
		list: k.list(s), create: k.create(s), get: k.get(s), update: k.update(s), del: k.remove(s),
		listV: k.listVersions(s), createV: k.createVersion(s), getV: k.getVersion(s),
	}
}
