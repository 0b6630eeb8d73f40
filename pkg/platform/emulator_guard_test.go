package platform_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// concurrentWriter is middleware that, once armed, slips another writer's
// version (body, default an agent version) in just before the client's own
// version POST, or just after it when after is set. When faults is set,
// the client's own POST runs under the faults ours.
type concurrentWriter struct {
	next   http.Handler
	armed  atomic.Bool
	body   string
	after  bool
	ours   emukit.Faults
	faults func(emukit.Faults)
}

func (cw *concurrentWriter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/versions") || !cw.armed.CompareAndSwap(true, false) {
		cw.next.ServeHTTP(w, r)
		return
	}
	body := cmp.Or(cw.body, `{"name":"Other","identity":{"name":"Other","role":"r","developed_by":"d","default_spoken_language":"en"},"background":"someone else"}`)
	other, _ := http.NewRequest(http.MethodPost, r.URL.String(), io.NopCloser(bytes.NewBufferString(body)))
	other.Header = r.Header.Clone()
	if cw.after {
		// Deferred: a dropped connection aborts the handler with a panic.
		defer cw.next.ServeHTTP(discard{}, other)
	} else {
		cw.next.ServeHTTP(discard{}, other)
	}
	if cw.faults != nil {
		cw.faults(cw.ours)
		defer cw.faults(emukit.Faults{})
	}
	cw.next.ServeHTTP(w, r)
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

func TestGuardDetectsConcurrentWriter(t *testing.T) {
	var cw *concurrentWriter
	e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler { cw = &concurrentWriter{next: h}; return cw }})
	ctx := context.Background()
	a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "contested"})
	must(t, err)
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("mine 1"))
	must(t, err)

	// A stale expectation is refused before anything is sent.
	_, err = e.c.CreateAgentVersionGuarded(ctx, a.ID, 1, agentVersion("stale"))
	var ge *platform.GuardError
	if !errors.As(err, &ge) || ge.Created != 0 || ge.Latest != 1 || !apiclient.IsConflict(err) {
		t.Fatalf("stale guard: %v", err)
	}
	want := `agent "contested" (` + a.ID + `): expected to create version 1, but its latest version is 1`
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q", err)
	}

	// Another writer creates version 2 between our read and our create.
	cw.armed.Store(true)
	v, err := e.c.CreateAgentVersionGuarded(ctx, a.ID, 2, agentVersion("mine 2"))
	if !errors.As(err, &ge) || ge.Created != 3 || ge.Expected != 2 || v.Version != 3 {
		t.Fatalf("concurrent writer: %v (version %d)", err, v.Version)
	}
	if !strings.Contains(err.Error(), "expected to create version 2, but the server created version 3") {
		t.Errorf("message %q", err)
	}
}

// TestGuardWithConcurrentWriters runs a guarded creation while another
// writer does or does not create a version just before or just after it,
// with the answer delivered, lost (connection dropped after the commit) or
// the request undelivered (dropped before it arrived). The client must find out what happened from the server:
// its own version under the expected number is a success, under another
// number a *GuardError naming the version created, absent a *GuardError
// saying nothing was created (or, with nobody else around, a resend). No
// case may create the content twice.
func TestGuardWithConcurrentWriters(t *testing.T) {
	lost, undelivered := emukit.Faults{DropAfter: 1}, emukit.Faults{DropBefore: 1}
	tests := []struct {
		name         string
		ours         emukit.Faults
		other, after bool
		wantVersion  int // the version returned; 0 for none
		wantCreated  int // GuardError.Created; -1 for no error
		wantLatest   int
		wantMsg      string
	}{
		{name: "answered, nobody else", wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "answered, other writer first", other: true, wantVersion: 3, wantCreated: 3, wantLatest: 3,
			wantMsg: "expected to create version 2, but the server created version 3: another writer"},
		{name: "answer lost, nobody else", ours: lost, wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "answer lost, other writer first", ours: lost, other: true, wantVersion: 3, wantCreated: 3, wantLatest: 3,
			wantMsg: "expected to create version 2, but the server created version 3: another writer"},
		{name: "answer lost, other writer after", ours: lost, other: true, after: true, wantVersion: 2, wantCreated: -1, wantLatest: 3},
		{name: "not delivered, nobody else", ours: undelivered, wantVersion: 2, wantCreated: -1, wantLatest: 2},
		{name: "not delivered, other writer first", ours: undelivered, other: true, wantCreated: 0, wantLatest: 2,
			wantMsg: "expected to create version 2, but its latest version is 2: it changed since it was read, so nothing was created"},
	}
	for _, kind := range []string{"agent", "context graph"} {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				var cw *concurrentWriter
				e := newEnv(t, envOptions{wrap: func(h http.Handler) http.Handler { cw = &concurrentWriter{next: h}; return cw }})
				cw.faults, cw.ours, cw.after = e.emu.Kit().SetFaults, tt.ours, tt.after
				create, contents := contested(t, e, cw, kind)
				_, err := create(1, "mine 1")
				must(t, err)
				cw.armed.Store(tt.other || tt.ours != emukit.Faults{})
				if !tt.other {
					cw.body = "{}" // never sent: the writer only applies the faults
				}
				got, err := create(2, "mine 2")
				var ge *platform.GuardError
				switch {
				case tt.wantCreated < 0 && err != nil:
					t.Fatalf("want success, got %v", err)
				case tt.wantCreated >= 0 && (!errors.As(err, &ge) || ge.Created != tt.wantCreated || !apiclient.IsConflict(err)):
					t.Fatalf("want a *GuardError with Created %d, got %v", tt.wantCreated, err)
				case tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg):
					t.Errorf("message %q, want it to contain %q", err, tt.wantMsg)
				}
				if got != tt.wantVersion {
					t.Errorf("returned version %d, want %d", got, tt.wantVersion)
				}
				all := contents()
				if len(all) != tt.wantLatest || slices.Index(all, "mine 1") != 0 {
					t.Errorf("versions hold %q, want %d versions", all, tt.wantLatest)
				}
				if n := strings.Count(strings.Join(all, "|"), "mine 2"); (n != 1) != (tt.wantVersion == 0) {
					t.Errorf("%q holds \"mine 2\" %d times", all, n)
				}
			})
		}
	}
}

// contested creates an agent or a context graph named "contested" and
// returns a guarded creation of version n of it (content tells versions
// apart: an agent's background, a graph's description) and the contents
// of all its versions. For a graph, cw's other writer sends a graph version.
func contested(t *testing.T, e *env, cw *concurrentWriter, kind string) (create func(n int, content string) (int, error), contents func() []string) {
	t.Helper()
	ctx := context.Background()
	if kind == "agent" {
		a, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "contested"})
		must(t, err)
		create = func(n int, bg string) (int, error) {
			v, err := e.c.CreateAgentVersionGuarded(ctx, a.ID, n, agentVersion(bg))
			return v.Version, err
		}
		contents = func() (out []string) {
			for _, v := range collect(t, e.c.ListAgentVersions(ctx, a.ID, platform.VersionListOptions{})) {
				out = append(out, v.Background)
			}
			return out
		}
		return create, contents
	}
	g, err := e.c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: "contested"})
	must(t, err)
	other, _ := json.Marshal(graphVersion("someone else"))
	cw.body = string(other)
	create = func(n int, desc string) (int, error) {
		v, err := e.c.CreateContextGraphVersionGuarded(ctx, g.ID, n, graphVersion(desc))
		return v.Version, err
	}
	contents = func() (out []string) {
		for _, v := range collect(t, e.c.ListContextGraphVersions(ctx, g.ID, platform.VersionListOptions{})) {
			out = append(out, v.Description)
		}
		return out
	}
	return create, contents
}
