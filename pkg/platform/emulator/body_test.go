package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/google/go-cmp/cmp"
)

// notUTF8 is body with a first field whose string value is the byte 0xff,
// which is not UTF-8, at character 9.
func notUTF8(t *testing.T, body any) string {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil || len(data) < 2 || data[0] != '{' {
		t.Fatalf("encode body %s: %v", data, err)
	}
	return "{\"note\":\"\xff\"," + string(data[1:])
}

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
	refused := []struct {
		name, contentType string
		utf8              bool   // send the body as JSON, else with a 0xff byte
		loc, typ          string // the one error expected
	}{
		{"text/plain", "text/plain", true, "body", "model_attributes_type"},
		{"text/plain with charset", "text/plain; charset=utf-8", true, "body", "model_attributes_type"},
		{"form", "application/x-www-form-urlencoded", true, "body", "model_attributes_type"},
		{"not UTF-8", "application/json", false, "body.9", "json_invalid"},
		{"not UTF-8 without a content type", "", false, "body.9", "json_invalid"},
	}
	for _, ep := range endpoints {
		t.Run(ep.name, func(t *testing.T) {
			c.t = t
			data, err := json.Marshal(ep.body)
			if err != nil {
				t.Fatal(err)
			}
			before := c.service(svc.ID)
			for _, r := range refused {
				body := string(data)
				if !r.utf8 {
					body = notUTF8(t, ep.body)
				}
				c.header = map[string]string{"Content-Type": r.contentType}
				errs := c.validation(c.call(ep.method, ep.path, body, http.StatusUnprocessableEntity, nil))
				if len(errs) != 1 || locString(errs[0].Loc) != r.loc || errs[0].Type != r.typ {
					t.Errorf("%s: errors %+v, want one %s at %s", r.name, errs, r.typ, r.loc)
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
	tests := []struct{ name, contentType, agentName string }{
		{"no content type", "", "sans-type"},
		{"structured suffix", "application/vnd.amigo+json", "suffixed"},
		{"non-ASCII name", "application/json", "Zoë 東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.t = t
			c.header = map[string]string{"Content-Type": tt.contentType}
			var created, got platform.AgentResponse
			c.call("POST", wsPath("/agents"), fmt.Sprintf(`{"name":%q}`, tt.agentName), http.StatusCreated, &created)
			c.call("GET", wsPath("/agents/"+created.ID), nil, http.StatusOK, &got)
			if got.Name != tt.agentName {
				t.Errorf("stored name %q, want %q", got.Name, tt.agentName)
			}
		})
	}
}
