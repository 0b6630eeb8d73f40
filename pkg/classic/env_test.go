package classic_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Obviously fake credentials; the redaction tests grep for them.
const (
	testOrg      = "acme"
	testKey      = "fake-key-123"
	testKeyID    = "fake-key-id-456"
	testUserID   = "fake-user-789"
	testLifetime = time.Hour
)

// env is a client wired to an in-process emulator.
type env struct {
	t      testing.TB
	clock  *fakeclock.Clock
	server *emulator.Server
	client *classic.Client
	opts   classic.Options
	logs   *syncBuffer
	// bearers records every Authorization header the emulator received.
	bearers *recorder
}

// envConfig adjusts the emulator and client of a test environment.
type envConfig struct {
	emu       func(*emulator.Config)
	client    func(*classic.Options)
	transport func(http.RoundTripper) http.RoundTripper
	// realTime uses the wall clock on both sides (for the burst test).
	realTime bool
}

// newEnv starts an emulator on a fake clock (unless realTime) with the
// documented limits on a one-minute window, and a client with debug logs
// captured in env.logs.
func newEnv(t testing.TB, cfg envConfig) *env {
	t.Helper()
	e := &env{t: t, clock: fakeclock.New(), logs: &syncBuffer{}, bearers: &recorder{}}
	ecfg := emulator.Config{
		Org:           testOrg,
		Credentials:   emulator.Credentials{APIKey: testKey, APIKeyID: testKeyID, UserID: testUserID},
		TokenLifetime: testLifetime,
		Kit:           emukit.Options{Now: e.clock.Now, Sleep: e.clock.SleepFunc()},
	}
	if cfg.realTime {
		ecfg.Kit.Now, ecfg.Kit.Sleep = nil, nil
	}
	if cfg.emu != nil {
		cfg.emu(&ecfg)
	}
	srv, err := emulator.New(ecfg)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	e.server = srv
	var rt http.RoundTripper = e.bearers.wrap(emukit.Transport(srv.Handler()))
	if cfg.transport != nil {
		rt = cfg.transport(rt)
	}
	opts := classic.Options{
		BaseURL:     "http://127.0.0.1:1",
		Org:         testOrg,
		APIKey:      testKey,
		APIKeyID:    testKeyID,
		UserID:      testUserID,
		HTTPClient:  &http.Client{Transport: rt},
		MaxAttempts: 8,
		Logger:      slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:         e.clock.Now,
		Sleep:       e.clock.Sleep,
		Rand:        func() float64 { return 0.5 },
	}
	if cfg.realTime {
		opts.Now, opts.Sleep = nil, nil
	}
	if cfg.client != nil {
		cfg.client(&opts)
	}
	e.opts = opts
	e.client = e.newClient(nil)
	return e
}

// newClient returns another client of the same emulator, with the
// environment's options changed by edit (nil keeps them).
func (e *env) newClient(edit func(*classic.Options)) *classic.Client {
	e.t.Helper()
	opts := e.opts
	if edit != nil {
		edit(&opts)
	}
	c, err := classic.New(opts)
	if err != nil {
		e.t.Fatalf("classic.New: %v", err)
	}
	return c
}

// serverCount is how many answers of status the emulator gave endpoint name.
func (e *env) serverCount(name string, status int) int {
	return e.server.Kit().Stats()[name][status]
}

// clientCount is how many answers of status the client counted for endpoint name.
func (e *env) clientCount(name string, status int) int {
	return e.client.Stats()[name][status]
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recorder wraps a transport and records the Authorization headers sent.
type recorder struct {
	mu   sync.Mutex
	seen []string
}

func (r *recorder) wrap(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if h := req.Header.Get("Authorization"); h != "" {
			r.mu.Lock()
			r.seen = append(r.seen, h)
			r.mu.Unlock()
		}
		return next.RoundTrip(req)
	})
}

func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// collect drains an iterator, failing the test on error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	items, err := apiclient.Collect(seq)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	return items
}
