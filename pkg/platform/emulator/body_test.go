package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit/emukittest"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/google/go-cmp/cmp"
)

// TestBodyMediaType checks that bodies sent as something other than JSON, or
// as bytes that are not UTF-8, are refused as FastAPI refuses them (422,
// nothing stored), on one endpoint of each kind, and that the same body as
// JSON with a charset parameter still works.
func TestBodyMediaType(t *testing.T) {
	c := newClient(t, Config{})
	agentID, graphID := serviceFixture(t, c)
	bareAgent, bareGraph := c.mustAgent("bare"), c.mustGraph("bare")
	var svc platform.ServiceResponse
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "svc", AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, &svc)
	endpoints := []struct {
		name, method, path string
		body               any
		want               int
		version            int // the version a create answers, 0 for others
	}{
		{"create agent", "POST", wsPath("/agents"), platform.CreateAgentRequest{Name: "ct"}, http.StatusCreated, 0},
		{"create agent version", "POST", wsPath("/agents/" + bareAgent + "/versions"), agentVersionBody("Bare"), http.StatusCreated, 1},
		{"create graph version", "POST", wsPath("/context-graphs/" + bareGraph + "/versions"), graphBody(t, nil), http.StatusCreated, 1},
		{"update agent", "PUT", wsPath("/agents/" + agentID), map[string]any{"description": "Changed."}, http.StatusOK, 0},
		{"create service", "POST", wsPath("/services"), platform.CreateServiceRequest{Name: "ct", AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, 0},
		{"update service", "PUT", wsPath("/services/" + svc.ID), map[string]any{"description": "Changed."}, http.StatusOK, 0},
		{"put version set", "PUT", wsPath("/services/" + svc.ID + "/version-sets/ct"), platform.UpsertVersionSetRequest{VersionSet: platform.VersionSet{AgentVersionNumber: ptr(1)}}, http.StatusNoContent, 0},
	}
	for _, ep := range endpoints {
		t.Run(ep.name, func(t *testing.T) {
			c.t = t
			data, err := json.Marshal(ep.body)
			if err != nil {
				t.Fatal(err)
			}
			before := c.service(svc.ID)
			for _, r := range emukittest.RefusedBodies() {
				body, err := r.Body(data)
				if err != nil {
					t.Fatal(err)
				}
				c.header = map[string]string{"Content-Type": r.ContentType}
				errs := c.validation(c.call(ep.method, ep.path, body, http.StatusUnprocessableEntity, nil))
				if len(errs) != 1 || locString(errs[0].Loc) != r.Loc || errs[0].Type != r.Type {
					t.Errorf("%s: errors %+v, want one %s at %s", r.Name, errs, r.Type, r.Loc)
				}
			}
			if diff := cmp.Diff(before, c.service(svc.ID)); diff != "" {
				t.Errorf("refused bodies changed the service (-before +after):\n%s", diff)
			}
			// Stored nothing: the name is free, and a version is the first.
			c.header = map[string]string{"Content-Type": "application/json; charset=utf-8"}
			var created struct{ Version int }
			var out any = &created
			if ep.want == http.StatusNoContent {
				out = nil
			}
			c.call(ep.method, ep.path, string(data), ep.want, out)
			if created.Version != ep.version {
				t.Errorf("created version %d, want %d", created.Version, ep.version)
			}
		})
	}
}

// service reads service id, sent with the default headers.
func (c *testClient) service(id string) platform.ServiceResponse {
	c.t.Helper()
	header := c.header
	defer func() { c.header = header }()
	c.header = nil
	var got platform.ServiceResponse
	c.call("GET", wsPath("/services/"+id), nil, http.StatusOK, &got)
	return got
}

// TestBodyWithoutContentType checks that a JSON body without a Content-Type
// is read as JSON, as FastAPI does, and that a UTF-8 body keeps its text.
func TestBodyWithoutContentType(t *testing.T) {
	c := newClient(t, Config{})
	for _, tt := range emukittest.AcceptedBodies() {
		t.Run(tt.Name, func(t *testing.T) {
			c.t = t
			c.header = map[string]string{"Content-Type": tt.ContentType}
			var created, got platform.AgentResponse
			c.call("POST", wsPath("/agents"), fmt.Sprintf(`{"name":%q}`, tt.Text), http.StatusCreated, &created)
			c.call("GET", wsPath("/agents/"+created.ID), nil, http.StatusOK, &got)
			if got.Name != tt.Text {
				t.Errorf("stored name %q, want %q", got.Name, tt.Text)
			}
		})
	}
}
