package emulator

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

func TestEveryEndpointRouted(t *testing.T) {
	c := newClient(t, Config{})
	h := c.srv.handlers()
	for _, ep := range platform.Endpoints() {
		if h[ep.Name] == nil {
			t.Errorf("endpoint %s has no handler", ep.Name)
		}
		if _, ok := c.srv.params[ep.Method+" "+ep.Path]; !ok {
			t.Errorf("endpoint %s %s is not in the embedded document", ep.Method, ep.Path)
		}
	}
}

// TestEmbeddedDocumentIsCurrent checks that the emulator serves the
// document the tests check it against (internal/openapigen writes both).
func TestEmbeddedDocumentIsCurrent(t *testing.T) {
	_, doc, err := conformance.FindDocs()
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(copied, openAPIDocument) {
		t.Errorf("openapi/platform-openapi.json differs from %s; run go generate ./internal/openapigen", doc)
	}
}

func TestBodyErrors(t *testing.T) {
	c := newClient(t, Config{})
	tests := []struct {
		name, body, loc, typ string
	}{
		{"empty", "", "body", "missing"},
		{"not JSON", "{name: x}", "body.1", "json_invalid"},
		{"trailing data", `{"name":"x"} {}`, "body.13", "json_invalid"},
		{"an array", `[]`, "body", "model_attributes_type"},
		{"wrong type", `{"name": 5}`, "body.name", "string_type"},
		{"too long", `{"name": "` + string(bytes.Repeat([]byte("n"), 257)) + `"}`, "body.name", "string_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != "" {
				body = tt.body
			}
			resp := c.call("POST", wsPath("/agents"), body, http.StatusUnprocessableEntity, nil)
			if e := c.validation(resp)[0]; locString(e.Loc) != tt.loc || e.Type != tt.typ {
				t.Errorf("error = %+v, want %s %s", e, tt.loc, tt.typ)
			}
		})
	}
}

func TestUnrouted(t *testing.T) {
	// Paths and methods outside the document: not checked against it.
	c := newClient(t, Config{})
	c.unchecked = true
	c.call("GET", "/v2/agents", nil, http.StatusNotFound, nil)
	c.call("GET", "/v1/nope/"+DefaultWorkspaceID, nil, http.StatusNotFound, nil) // served (404) by get_workspace
	resp := c.call("PATCH", wsPath("/agents"), nil, http.StatusMethodNotAllowed, nil)
	if resp.header.Get("Allow") != "GET, POST" {
		t.Errorf("Allow = %q", resp.header.Get("Allow"))
	}
	// Unclean paths are not redirected (ServeMux would answer a bodiless
	// 307): they name no endpoint.
	for _, p := range []string{wsPath("/agents/"), wsPath("//agents"), wsPath("/./agents"), wsPath("/agents/../agents"), "/v1/workspaces/"} {
		resp := c.call("GET", p, nil, http.StatusNotFound, nil)
		if !strings.Contains(string(resp.body), `"detail"`) {
			t.Errorf("GET %s: %s", p, resp.body)
		}
	}
	if resp.header.Get("X-Request-Id") == "" {
		t.Error("an unrouted answer carries no request id")
	}
	if st := c.srv.Kit().Stats(); st["not_found"][404] != 6 || st["method_not_allowed"][405] != 1 {
		t.Errorf("unrouted answers counted as %v", st)
	}
}

func TestFaults(t *testing.T) {
	// Injected faults answer statuses the document does not list (503) or
	// no response at all, so these requests bypass the conformance recorder.
	tests := []struct {
		name       string
		faults     emukit.Faults
		wantStatus int // 0: the connection is dropped
		wantAgents int // agents that exist afterwards
	}{
		{"503", emukit.Faults{Rate503: 1}, http.StatusServiceUnavailable, 0},
		{"429", emukit.Faults{Rate429: 1}, http.StatusTooManyRequests, 0},
		{"drop before", emukit.Faults{DropBefore: 1}, 0, 0},
		{"drop after", emukit.Faults{DropAfter: 1}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClient(t, Config{})
			c.unchecked = true
			c.srv.Kit().SetFaults(tt.faults)
			resp, err := c.roundTrip("POST", wsPath("/agents"), platform.CreateAgentRequest{Name: "a"})
			switch {
			case tt.wantStatus == 0 && err == nil:
				t.Errorf("want a dropped connection, got status %d", resp.status)
			case tt.wantStatus != 0 && (err != nil || resp.status != tt.wantStatus):
				t.Errorf("got %v %d, want %d", err, resp.status, tt.wantStatus)
			}
			c.srv.Kit().SetFaults(emukit.Faults{})
			var page platform.Page[platform.AgentResponse]
			c.call("GET", wsPath("/agents"), nil, http.StatusOK, &page)
			if len(page.Items) != tt.wantAgents {
				t.Errorf("%d agents exist, want %d", len(page.Items), tt.wantAgents)
			}
			if got := c.srv.Kit().Stats()[platform.CreateAgent]; got[tt.wantStatus] != 1 {
				t.Errorf("counters = %v", got)
			}
		})
	}
}

func TestStateFile(t *testing.T) {
	dir := t.TempDir()
	statePath := filepath.Join(dir, "platform.json")
	c := newClient(t, Config{StatePath: statePath})
	agentID, graphID := serviceFixture(t, c)
	var svc platform.ServiceResponse
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "s", AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, &svc)
	c.call("POST", wsPath("/skills"), skillBody("kept"), http.StatusCreated, nil)
	c.call("DELETE", wsPath("/context-graphs/"+graphID), nil, http.StatusNoContent, nil)
	if err := c.srv.Close(); err != nil {
		t.Fatal(err)
	}

	// A new server on the same file sees everything, and continues the ids.
	again := newClient(t, Config{StatePath: statePath})
	var a platform.AgentResponse
	again.call("GET", wsPath("/agents/"+agentID), nil, http.StatusOK, &a)
	if a.LatestVersion != 2 || a.Name != "intake" {
		t.Errorf("agent after reload = %+v", a)
	}
	again.call("GET", wsPath("/context-graphs/"+graphID), nil, http.StatusNotFound, nil)
	var v platform.ContextGraphVersionResponse
	again.call("GET", wsPath("/context-graphs/"+graphID+"/versions/1"), nil, http.StatusOK, &v)
	if len(v.States) != 5 || v.States[2].DataCollection == nil {
		t.Errorf("graph version after reload = %+v", v)
	}
	again.call("GET", wsPath("/services/"+svc.ID), nil, http.StatusOK, nil)
	again.call("POST", wsPath("/skills"), skillBody("kept"), http.StatusConflict, nil)
	if id := again.mustAgent("new"); id == agentID || id == graphID || id == svc.ID {
		t.Errorf("id %s reused after reload", id)
	}

	// The state file seeds a server with its own state path.
	seeded := newClient(t, Config{StatePath: filepath.Join(dir, "other.json"), SeedPath: statePath})
	seeded.call("GET", wsPath("/agents/"+agentID), nil, http.StatusOK, nil)
	if _, err := os.Stat(filepath.Join(dir, "other.json")); err != nil {
		t.Errorf("seeded server did not write its state: %v", err)
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"format_version": 1, "workspaces": [`), 0o600); err != nil {
		t.Fatal(err)
	}
	wrongFormat := filepath.Join(dir, "v9.json")
	if err := os.WriteFile(wrongFormat, []byte(`{"format_version": 9}`), 0o600); err != nil {
		t.Fatal(err)
	}
	nullEntries := map[string]string{}
	for _, list := range []string{"agents", "context_graphs", "services", "skills"} {
		path := filepath.Join(dir, "null-"+list+".json")
		body := `{"format_version": 1, "workspaces": [{"workspace": {"id": "` + DefaultWorkspaceID + `"}, "` + list + `": [null]}]}`
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		nullEntries[list] = path
	}
	for name, cfg := range map[string]Config{
		"null agent":         {SeedPath: nullEntries["agents"]},
		"null context graph": {StatePath: nullEntries["context_graphs"]},
		"null service":       {SeedPath: nullEntries["services"]},
		"null skill":         {SeedPath: nullEntries["skills"]},
		"corrupt state":      {StatePath: corrupt},
		"wrong format":       {StatePath: wrongFormat},
		"missing seed":       {SeedPath: filepath.Join(dir, "absent.json")},
		"bad workspace":      {Workspaces: []Workspace{{ID: "demo", Name: "Demo"}}},
		"unwritable path":    {StatePath: filepath.Join(corrupt, "state.json")},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
}

func TestSeedBehindItsIDs(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.json")
	body := `{"format_version": 1, "next_id": 0, "workspaces": [{"workspace": {"id": "` + DefaultWorkspaceID + `"},
	  "agents": [{"id": "00000000-0000-4000-8000-00000000000a", "name": "seeded", "versions": []}]}]}`
	if err := os.WriteFile(seed, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Config{SeedPath: seed})
	if id := c.mustAgent("new"); id != "00000000-0000-4000-8000-00000000000b" {
		t.Errorf("new agent got id %s, want the one after the seed's highest", id)
	}
}

func TestDefaults(t *testing.T) {
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := &testClient{t: t, srv: srv, key: DefaultAPIKey}
	var ws platform.WorkspaceResponse
	c.call("GET", "/v1/workspaces/"+DefaultWorkspaceID, nil, http.StatusOK, &ws)
	if ws.Name != "Demo workspace" || *ws.BackendOrgID != "demo" {
		t.Errorf("default workspace = %+v", ws)
	}
}
