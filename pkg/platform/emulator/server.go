package emulator

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// openAPIDocument is the published Platform OpenAPI document the emulator
// validates requests against: api/platform-openapi.json reduced to its
// facts, written by internal/openapigen (the same bytes as
// testdata/openapi/platform-openapi.json).
//
//go:embed openapi/platform-openapi.json
var openAPIDocument []byte

// DefaultWorkspaceID is the id of the workspace served when Config names none.
const DefaultWorkspaceID = "6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"

// DefaultAPIKey is the bearer key accepted when Config names none. It is a
// demo value, not a secret.
const DefaultAPIKey = "amigo-platform-demo-key"

// Workspace is a workspace the emulator serves; BackendOrgID names the
// Classic organization it maps to.
type Workspace struct {
	ID, Name, BackendOrgID string
}

// Config configures a Server. The zero value serves one demo workspace from
// memory and accepts DefaultAPIKey.
type Config struct {
	// Workspaces are ensured to exist at start. Default: one workspace with id
	// DefaultWorkspaceID, name "Demo workspace" and backend org "demo".
	Workspaces []Workspace
	// APIKeys are the accepted bearer keys; default DefaultAPIKey.
	APIKeys []string
	// ViewOnlyKeys are further accepted keys that hold only the view
	// permissions: every create, update or delete with one is 403.
	ViewOnlyKeys []string
	// Kit configures the shared emulator machinery (clock, rate-limit window, faults).
	Kit emukit.Options
	// StatePath, when set, is locked (see emukit.LockState: a second server on
	// the same file is refused), loaded at New and saved atomically after each change.
	StatePath string
	// SeedPath is the initial state used when StatePath does not exist yet.
	SeedPath string
	// Limits are optional requests per Kit window, by endpoint name
	// (platform.ListAgents, ...). The document publishes no quotas, so by
	// default nothing is limited.
	Limits map[string]int
}

// Server is the Platform API emulator. It is safe for concurrent use.
type Server struct {
	cfg     Config
	kit     *emukit.Kit
	now     func() time.Time
	schemas *schemas
	params  map[string][]param
	keys    map[string]bool // accepted key → may change things
	handler http.Handler

	lock *emukit.StateLock // held on StatePath while the server lives

	mu       sync.RWMutex
	st       *stateData
	lastGood []byte // the state as last saved, to roll back a change whose save failed
	closed   bool
}

// New returns a Server with its state loaded (from StatePath, else SeedPath,
// else empty) and the configured workspaces ensured.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	for _, w := range cfg.Workspaces {
		if !isUUID(w.ID) {
			return nil, fmt.Errorf("workspace %q: id %q is not a UUID", w.Name, w.ID)
		}
	}
	sch, err := newSchemas(openAPIDocument)
	if err != nil {
		return nil, err
	}
	params, err := operationParams(openAPIDocument)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, kit: emukit.New(cfg.Kit), schemas: sch, params: params, keys: map[string]bool{}}
	s.now = func() time.Time { return cfg.Kit.Now().UTC().Truncate(time.Microsecond) }
	for _, k := range cfg.ViewOnlyKeys {
		s.keys[k] = false
	}
	for _, k := range cfg.APIKeys {
		s.keys[k] = true
	}
	if cfg.StatePath != "" {
		if s.lock, err = emukit.LockState(cfg.StatePath); err != nil {
			return nil, err
		}
	}
	if err := s.load(); err != nil {
		return nil, errors.Join(err, s.lock.Release())
	}
	s.handler = s.routes()
	return s, nil
}

// load reads the state (with the state file locked), ensures the
// configured workspaces and saves the result.
func (s *Server) load() error {
	st, err := loadState(s.cfg)
	if err != nil {
		return err
	}
	s.st = st
	st.ensureWorkspaces(s.cfg.Workspaces, s.now())
	return s.persist()
}

// withDefaults fills the zero fields of cfg.
func withDefaults(cfg Config) Config {
	if len(cfg.Workspaces) == 0 {
		cfg.Workspaces = []Workspace{{ID: DefaultWorkspaceID, Name: "Demo workspace", BackendOrgID: "demo"}}
	}
	if len(cfg.APIKeys) == 0 {
		cfg.APIKeys = []string{DefaultAPIKey}
	}
	if cfg.Kit.Now == nil {
		cfg.Kit.Now = time.Now
	}
	return cfg
}

// Handler returns the HTTP handler serving the Platform API.
func (s *Server) Handler() http.Handler { return s.handler }

// Kit returns the emulator's Kit: counters, faults.
func (s *Server) Kit() *emukit.Kit { return s.kit }

// Close saves the state a last time. The state is saved after every change
// anyway, so Close matters only as a final flush; calling it again does nothing.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return errors.Join(s.persist(), s.lock.Release())
}

// persist saves the state when a state file is configured. The caller holds
// the write lock (or is New). When the save fails the state is rolled back
// to the one last saved, so memory never runs ahead of the disk and an
// answered error leaves no change behind.
func (s *Server) persist() error {
	if s.cfg.StatePath == "" {
		return nil
	}
	data, err := json.Marshal(s.st)
	if err == nil {
		err = emukit.SaveJSONAtomic(s.cfg.StatePath, json.RawMessage(data))
	}
	if err == nil {
		s.lastGood = data
		return nil
	}
	if s.lastGood != nil {
		prev := &stateData{}
		if uerr := json.Unmarshal(s.lastGood, prev); uerr != nil {
			return errors.Join(fmt.Errorf("save the Platform emulator state: %w", err), fmt.Errorf("roll the change back: %w", uerr))
		}
		s.st = prev
	}
	return fmt.Errorf("save the Platform emulator state: %w", err)
}

// handlerFunc is an endpoint handler, called with validated parameters.
type handlerFunc func(w http.ResponseWriter, r *http.Request, v values)

// routes builds the mux: every endpoint of the table behind the Kit, auth
// and parameter validation, and a JSON 404/405 for everything else.
func (s *Server) routes() http.Handler {
	handlers := s.handlers()
	mux := http.NewServeMux()
	for _, ep := range platform.Endpoints() {
		h, ok := handlers[ep.Name]
		if !ok {
			continue // every endpoint has one; TestEveryEndpointRouted checks it
		}
		pattern := ep.Pattern()
		if ep.Name == platform.GetWorkspace {
			// "/v1/workspaces/{id}" and "/v1/{workspace_id}/agents" overlap
			// and neither is more specific, which ServeMux refuses; route the
			// former by a wildcard and check the literal in the handler.
			pattern = "GET /v1/{scope}/{workspace_id}"
		}
		mux.Handle(pattern, s.endpoint(ep, h))
	}
	unrouted := s.unrouted()
	mux.Handle("/", unrouted)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p == "" || path.Clean(p) != p {
			// ServeMux would redirect an unclean path (//, /./, /../, a
			// trailing slash) with a bodiless 307; the API routes paths as
			// they are, so none of these names an endpoint.
			unrouted.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// endpoint wraps h with the Kit, bearer-key auth and parameter validation.
func (s *Server) endpoint(ep platform.Endpoint, h handlerFunc) http.Handler {
	ps := s.params[ep.Method+" "+ep.Path]
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mayChange, ok := s.authorized(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", "Bearer")
			emukit.WriteError(w, http.StatusUnauthorized, "Missing or invalid API key.")
			return
		}
		if !mayChange && ep.Method != http.MethodGet {
			emukit.WriteError(w, http.StatusForbidden, "Insufficient permissions.")
			return
		}
		if ep.Name == platform.GetWorkspace && r.PathValue("scope") != "workspaces" {
			emukit.WriteError(w, http.StatusNotFound, "Not Found")
			return
		}
		v, errs := s.schemas.checkParams(ps, r)
		if len(errs) > 0 {
			if ep.Name == platform.GetWorkspace { // documents no 422
				emukit.WriteError(w, http.StatusNotFound, "Workspace not found.")
				return
			}
			writeValidation(w, errs)
			return
		}
		h(w, r, v)
	})
	return s.kit.Wrap(emukit.Endpoint{Name: ep.Name, Limit: s.cfg.Limits[ep.Name]}, inner)
}

// authorized reports whether r carries an accepted bearer key, and whether
// that key may change things.
func (s *Server) authorized(r *http.Request) (mayChange, ok bool) {
	scheme, key, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return false, false
	}
	mayChange, ok = s.keys[strings.TrimSpace(key)]
	return mayChange, ok
}

// unrouted answers a request no endpoint pattern matched: 405 when the path
// exists under another method, 404 otherwise, as FastAPI does. It goes
// through the Kit like any endpoint (named not_found and
// method_not_allowed, as in the Classic emulator), so these answers too
// carry a request id and are counted.
func (s *Server) unrouted() http.Handler {
	notFound := s.kit.Wrap(emukit.Endpoint{Name: "not_found"}, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		emukit.WriteError(w, http.StatusNotFound, "Not Found")
	}))
	notAllowed := s.kit.Wrap(emukit.Endpoint{Name: "method_not_allowed"}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", strings.Join(allowedMethods(r.URL.Path), ", "))
		emukit.WriteError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(allowedMethods(r.URL.Path)) > 0 {
			notAllowed.ServeHTTP(w, r)
			return
		}
		notFound.ServeHTTP(w, r)
	})
}

// allowedMethods lists the methods of the endpoints whose path template
// path fits.
func allowedMethods(path string) []string {
	var allow []string
	for _, ep := range platform.Endpoints() {
		if pathMatches(ep.Path, path) {
			allow = append(allow, ep.Method)
		}
	}
	return allow
}

// pathMatches reports whether path fits the template segment by segment; a
// parameter matches any segment but an empty one.
func pathMatches(template, path string) bool {
	ts := strings.Split(strings.TrimPrefix(template, "/"), "/")
	ps := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && ps[i] == "" || !strings.HasPrefix(t, "{") && t != ps[i] {
			return false
		}
	}
	return true
}

// writeValidation answers 422 with an HTTPValidationError body.
func writeValidation(w http.ResponseWriter, errs []platform.ValidationError) {
	emukit.WriteJSON(w, http.StatusUnprocessableEntity, platform.HTTPValidationError{Detail: errs})
}

// writeNameTaken answers 409 for a name that another resource of the kind
// noun already has.
func writeNameTaken(w http.ResponseWriter, name, noun string) {
	emukit.WriteError(w, http.StatusConflict, fmt.Sprintf("The name %q is already taken by another %s in this workspace.", name, noun))
}

// writeSaved answers status with body after a change, or 500 when the
// change could not be saved to the state file. The caller holds the write lock.
func (s *Server) writeSaved(w http.ResponseWriter, status int, body any) {
	if err := s.persist(); err != nil {
		emukit.WriteError(w, http.StatusInternalServerError, "The change could not be saved and was not made: "+err.Error())
		return
	}
	emukit.WriteJSON(w, status, body)
}

// lockedWorkspace returns the workspace named by the request's
// workspace_id, or answers notFoundStatus and returns nil. The caller holds the lock.
func (s *Server) lockedWorkspace(w http.ResponseWriter, v values, notFoundStatus int) *workspaceData {
	ws := s.st.workspace(v.str("workspace_id"))
	if ws == nil {
		msg := "Workspace not found."
		if notFoundStatus == http.StatusForbidden {
			msg = "Insufficient permissions."
		}
		emukit.WriteError(w, notFoundStatus, msg)
	}
	return ws
}
