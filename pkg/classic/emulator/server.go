package emulator

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Credentials are the API key headers the emulator accepts at sign-in.
type Credentials struct {
	APIKey   string // x-api-key
	APIKeyID string // x-api-key-id
	UserID   string // x-user-id
}

// DefaultCredentials are the obviously fake demo credentials used when none are configured.
func DefaultCredentials() Credentials {
	return Credentials{APIKey: "demo-api-key", APIKeyID: "demo-api-key-id", UserID: "demo-user"}
}

// Config configures a Server. The zero value serves org "demo" from memory.
type Config struct {
	// Org is the one organization served; default "demo".
	Org string
	// Credentials are accepted at sign-in; the zero value means DefaultCredentials.
	Credentials Credentials
	// TokenLifetime is how long an issued token is accepted; default one hour.
	TokenLifetime time.Duration
	// Kit configures rate limits, faults and the clock (Kit.Now is the emulator's clock too).
	Kit emukit.Options
	// StatePath is the state file: "" keeps state in memory; otherwise it is locked (see
	// emukit.LockState: a second server on the same file is refused) and loaded by New, and
	// saved atomically after each change.
	StatePath string
	// SeedPath is the initial state (same format) used when StatePath does not exist yet.
	SeedPath string
	// Rand is the source of token bytes; default crypto/rand.Reader.
	Rand io.Reader
}

// Server is the Classic API emulator. It is safe for concurrent use.
type Server struct {
	cfg     Config
	now     func() time.Time
	kit     *emukit.Kit
	schemas *schemas
	handler http.Handler

	randMu sync.Mutex // guards cfg.Rand, which need not be safe for concurrent use

	lock *emukit.StateLock // held on StatePath while the server lives

	mu       sync.RWMutex
	st       *state
	lastGood []byte // the state as last saved, to roll back a change whose save failed
}

// New returns a Server with cfg's defaults filled in and its state loaded.
func New(cfg Config) (*Server, error) {
	if cfg.Org == "" {
		cfg.Org = "demo"
	}
	if cfg.Credentials == (Credentials{}) {
		cfg.Credentials = DefaultCredentials()
	}
	if cfg.TokenLifetime <= 0 {
		cfg.TokenLifetime = time.Hour
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Kit.Now == nil {
		cfg.Kit.Now = time.Now
	}
	s := &Server{cfg: cfg, now: cfg.Kit.Now, kit: emukit.New(cfg.Kit), schemas: newSchemas()}
	if cfg.StatePath != "" {
		lock, err := emukit.LockState(cfg.StatePath)
		if err != nil {
			return nil, err
		}
		s.lock = lock
	}
	if err := s.load(); err != nil {
		return nil, errors.Join(err, s.lock.Release())
	}
	s.handler = s.routes()
	return s, nil
}

// load reads the state (with the state file locked).
func (s *Server) load() error {
	st, err := loadState(s.cfg, s.now().UTC())
	if err != nil {
		return err
	}
	s.st = st
	if s.lastGood, err = json.Marshal(st); err != nil {
		return fmt.Errorf("encode classic emulator state: %w", err)
	}
	return nil
}

// Handler returns the HTTP handler serving the Classic API.
func (s *Server) Handler() http.Handler { return s.handler }

// Kit returns the emulator's Kit, for faults and counters.
func (s *Server) Kit() *emukit.Kit { return s.kit }

// Close releases the server and the lock of its state file. State is saved after every change,
// so there is nothing to flush.
func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lock.Release()
}

// Org returns the organization served.
func (s *Server) Org() string { return s.cfg.Org }

// call is what an authenticated handler knows about the request.
type call struct {
	user classic.UserInfo
}

// handlerFunc is an endpoint handler behind the organization and authentication checks.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c call)

// handlers returns the handler of each authenticated endpoint, by endpoint name.
func (s *Server) handlers() map[string]handlerFunc {
	agents, shsms := agentKind(), shsmKind()
	return map[string]handlerFunc{
		classic.EndpointCreateAgent:        createContainer(s, agents),
		classic.EndpointListAgents:         listContainers(s, agents),
		classic.EndpointCreateAgentVersion: s.createAgentVersion,
		classic.EndpointDeprecateAgent:     deprecateContainer(s, agents),
		classic.EndpointListAgentVersions:  listVersions(s, agents),
		classic.EndpointCreateSHSM:         createContainer(s, shsms),
		classic.EndpointListSHSMs:          listContainers(s, shsms),
		classic.EndpointCreateSHSMVersion:  s.createSHSMVersion,
		classic.EndpointDeprecateSHSM:      deprecateContainer(s, shsms),
		classic.EndpointListSHSMVersions:   listVersions(s, shsms),
		classic.EndpointListServices:       s.listServices,
		classic.EndpointCreateService:      s.createService,
		classic.EndpointUpdateService:      s.updateService,
		classic.EndpointUpsertVersionSet:   s.upsertVersionSet,
		classic.EndpointDeleteVersionSet:   s.deleteVersionSet,
		classic.EndpointListTools:          s.listTools,
	}
}

// routes builds the mux: one route per endpoint of the table, each behind the Kit; a JSON 405
// for a known path with another method, a 307 redirect for a path missing its trailing slash,
// and a JSON 404 for anything else.
func (s *Server) routes() http.Handler {
	handlers := s.handlers()
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	for _, ep := range classic.Endpoints() {
		var h http.Handler
		switch ep.Name {
		case classic.EndpointSignIn:
			h = http.HandlerFunc(s.signIn)
		case classic.EndpointGetOrganization:
			h = http.HandlerFunc(s.getOrganization)
		default:
			h = s.authenticated(handlers[ep.Name])
		}
		mux.Handle(ep.Method+" "+muxPath(ep.Path), s.kit.Wrap(emukit.Endpoint{Name: ep.Name, Limit: ep.Limit}, h))
		shape := muxPath(pathShape(ep.Path))
		allowed[shape] = append(allowed[shape], ep.Method)
	}
	for path, methods := range allowed {
		mux.Handle(path, s.kit.Wrap(emukit.Endpoint{Name: "method_not_allowed"}, methodNotAllowed(methods)))
	}
	mux.Handle("/", s.kit.Wrap(emukit.Endpoint{Name: "not_found"}, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		emukit.WriteError(w, http.StatusNotFound, "Not Found")
	})))
	return s.countRedirects(mux)
}

// countRedirects serves mux, passing the 307 redirects ServeMux makes for a path missing its
// trailing slash (as FastAPI does) through the Kit, so they too are counted and carry a
// request id.
func (s *Server) countRedirects(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// For a redirect, mux.Handler returns the pattern the redirect leads to.
		if h, pattern := mux.Handler(r); strings.HasSuffix(pattern, "/{$}") && !strings.HasSuffix(r.URL.Path, "/") {
			s.kit.Wrap(emukit.Endpoint{Name: "redirect"}, h).ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r) // sets the path values mux.Handler does not
	})
}

// muxPath turns a document path into a ServeMux pattern: a trailing slash must match exactly,
// not a subtree.
func muxPath(p string) string {
	if strings.HasSuffix(p, "/") {
		return p + "{$}"
	}
	return p
}

// pathShape renames the parameters of a path template to p0, p1, ..., so that templates that
// differ only in parameter names (POST and DELETE of one SHSM) become one pattern.
func pathShape(p string) string {
	segs := strings.Split(p, "/")
	n := 0
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") && seg != "{organization}" {
			segs[i] = fmt.Sprintf("{p%d}", n)
			n++
		}
	}
	return strings.Join(segs, "/")
}

// methodNotAllowed answers 405 with an Allow header, as FastAPI does.
func methodNotAllowed(methods []string) http.Handler {
	allow := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Allow", allow)
		emukit.WriteError(w, http.StatusMethodNotAllowed, "Method Not Allowed")
	})
}

// knownOrg answers 404 and returns false unless the request names the served organization.
func (s *Server) knownOrg(w http.ResponseWriter, r *http.Request) bool {
	if r.PathValue("organization") != s.cfg.Org {
		emukit.WriteError(w, http.StatusNotFound, fmt.Sprintf("The organization %q does not exist.", r.PathValue("organization")))
		return false
	}
	return true
}

// authenticated checks the organization and the bearer token before h.
func (s *Server) authenticated(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.knownOrg(w, r) {
			return
		}
		user, msg := s.authorize(r)
		if msg != "" {
			w.Header().Set("WWW-Authenticate", "Bearer")
			emukit.WriteError(w, http.StatusUnauthorized, msg)
			return
		}
		h(w, r, call{user: classic.UserInfo{OrgID: s.cfg.Org, UserID: user}})
	})
}

// save writes the state file after a change; the caller holds s.mu. When the write fails the
// change is rolled back to the state last saved, so memory never runs ahead of the disk.
func (s *Server) save() error {
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
	prev := &state{}
	if uerr := json.Unmarshal(s.lastGood, prev); uerr == nil {
		prev.fixup()
		s.st = prev
	}
	return fmt.Errorf("save classic emulator state: %w", err)
}

// writeSaveError answers a failed save.
func writeSaveError(w http.ResponseWriter, err error) {
	emukit.WriteError(w, http.StatusInternalServerError, "The change could not be saved: "+err.Error())
}
