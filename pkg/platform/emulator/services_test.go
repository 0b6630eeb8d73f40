package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

// serviceFixture creates an agent with two versions and a graph with one.
func serviceFixture(t *testing.T, c *testClient) (agentID, graphID string) {
	t.Helper()
	agentID, graphID = c.mustAgent("intake"), c.mustGraph("flow")
	for range 2 {
		c.call("POST", wsPath("/agents/"+agentID+"/versions"), agentVersionBody("Intake"), http.StatusCreated, nil)
	}
	c.call("POST", wsPath("/context-graphs/"+graphID+"/versions"), graphBody(t, nil), http.StatusCreated, nil)
	return agentID, graphID
}

func TestServices(t *testing.T) {
	c := newClient(t, Config{})
	agentID, graphID := serviceFixture(t, c)
	unknown := "00000000-0000-4000-8000-0000000fffff"
	create := func(name, agent, graph string, sets map[string]platform.VersionSet) platform.CreateServiceRequest {
		return platform.CreateServiceRequest{Name: name, AgentID: agent, ContextGraphID: graph, ServiceSettings: platform.ServiceSettings{VersionSets: sets}}
	}
	release := map[string]platform.VersionSet{"release": {AgentVersionNumber: ptr(2), ContextGraphVersionNumber: ptr(1)}, "edge": {}}

	var svc platform.ServiceResponse
	c.call("POST", wsPath("/services"), create("front", agentID, graphID, release), http.StatusCreated, &svc)
	if svc.AgentName == nil || *svc.AgentName != "intake" || *svc.ContextGraphName != "flow" || !svc.IsActive ||
		svc.ChannelType != "voice" || svc.ToolCapacity != 3 || svc.VersionSets["release"].LLMModelPreferences == nil ||
		svc.VersionSets["edge"].AgentVersionNumber != nil {
		t.Errorf("service = %+v", svc)
	}
	c.call("POST", wsPath("/services"), create("front", agentID, graphID, nil), http.StatusConflict, nil)
	c.call("POST", wsPath("/services"), create("x", unknown, graphID, nil), http.StatusNotFound, nil)
	c.call("POST", wsPath("/services"), create("x", agentID, unknown, nil), http.StatusNotFound, nil)
	c.call("POST", "/v1/99999999-2222-4333-8444-555555555555/services", create("x", agentID, graphID, nil), http.StatusNotFound, nil)
	resp := c.call("POST", wsPath("/services"), create("x", agentID, graphID,
		map[string]platform.VersionSet{"release": {AgentVersionNumber: ptr(3)}}), http.StatusUnprocessableEntity, nil)
	if e := c.validation(resp)[0]; locString(e.Loc) != "body.version_sets.release.agent_version_number" {
		t.Errorf("pin error = %+v", e)
	}
	resp = c.call("POST", wsPath("/services"), map[string]any{"name": "x", "agent_id": agentID, "context_graph_id": graphID, "tool_capacity": 11}, http.StatusUnprocessableEntity, nil)
	if e := c.validation(resp)[0]; locString(e.Loc) != "body.tool_capacity" || e.Type != "less_than_equal" {
		t.Errorf("tool_capacity error = %+v", e)
	}
	var other platform.ServiceResponse
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "back", AgentID: agentID, ContextGraphID: graphID, ServiceSettings: platform.ServiceSettings{IsActive: ptr(false)}}, http.StatusCreated, &other)

	var page platform.Page[platform.ServiceResponse]
	c.call("GET", wsPath("/services?is_active=false"), nil, http.StatusOK, &page)
	if len(page.Items) != 1 || page.Items[0].ID != other.ID {
		t.Errorf("is_active=false: %+v", page.Items)
	}
	c.call("GET", wsPath("/services?is_active=maybe"), nil, http.StatusUnprocessableEntity, nil)
	c.call("GET", wsPath("/services?search=fro"), nil, http.StatusOK, &page)
	if len(page.Items) != 1 || page.Items[0].ID != svc.ID {
		t.Errorf("search: %+v", page.Items)
	}

	path := wsPath("/services/" + svc.ID)
	var got platform.ServiceResponse
	c.call("GET", path, nil, http.StatusOK, &got)
	if got.ID != svc.ID || got.Name != "front" {
		t.Errorf("GET = %+v", got)
	}
	c.call("PUT", path, platform.UpdateServiceRequest{Name: ptr("back")}, http.StatusConflict, nil)
	c.call("PUT", path, platform.UpdateServiceRequest{AgentID: ptr(unknown)}, http.StatusNotFound, nil)
	c.call("PUT", path, platform.UpdateServiceRequest{ServiceSettings: platform.ServiceSettings{VersionSets: map[string]platform.VersionSet{"release": {ContextGraphVersionNumber: ptr(2)}}}}, http.StatusUnprocessableEntity, nil)
	c.call("PUT", path, platform.UpdateServiceRequest{ServiceSettings: platform.ServiceSettings{Description: ptr("the front door"), Keyterms: []string{"amigo"}}}, http.StatusOK, &got)
	if got.Description != "the front door" || got.Keyterms[0] != "amigo" || got.Name != "front" || got.VersionSets["release"].AgentVersionNumber == nil {
		t.Errorf("after PUT: %+v", got)
	}
	c.call("PUT", wsPath("/services/"+unknown), platform.UpdateServiceRequest{}, http.StatusNotFound, nil)
	c.call("GET", wsPath("/services/"+unknown), nil, http.StatusNotFound, nil)

	// Deleting the agent leaves the service, without an agent name.
	c.call("DELETE", wsPath("/agents/"+agentID), nil, http.StatusNoContent, nil)
	c.call("GET", path, nil, http.StatusOK, &got)
	if got.AgentName != nil {
		t.Errorf("agent_name after delete = %q", *got.AgentName)
	}
	c.call("PUT", path, platform.UpdateServiceRequest{ServiceSettings: platform.ServiceSettings{Description: ptr("still here")}}, http.StatusOK, nil)
	c.call("PUT", path, platform.UpdateServiceRequest{AgentID: ptr(agentID)}, http.StatusNotFound, nil)
	c.call("DELETE", path, nil, http.StatusNoContent, nil)
	c.call("DELETE", path, nil, http.StatusNotFound, nil)
	c.call("GET", path, nil, http.StatusNotFound, nil)
}

func TestUpsertVersionSet(t *testing.T) {
	c := newClient(t, Config{})
	agentID, graphID := serviceFixture(t, c)
	var svc platform.ServiceResponse
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "s", AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, &svc)
	base := wsPath("/services/" + svc.ID + "/version-sets/")
	set := platform.UpsertVersionSetRequest{VersionSet: platform.VersionSet{
		AgentVersionNumber: ptr(1), LLMModelPreferences: map[string]platform.LLMConfig{"main": {LLMName: "some-llm"}},
	}}
	c.call("PUT", base+"staging", set, http.StatusNoContent, nil)
	var got platform.ServiceResponse
	c.call("GET", wsPath("/services/"+svc.ID), nil, http.StatusOK, &got)
	if s := got.VersionSets["staging"]; s.AgentVersionNumber == nil || *s.AgentVersionNumber != 1 || s.LLMModelPreferences["main"].LLMName != "some-llm" {
		t.Errorf("staging = %+v", s)
	}
	set.VersionSet.AgentVersionNumber = ptr(2)
	c.call("PUT", base+"staging", set, http.StatusNoContent, nil)
	c.call("GET", wsPath("/services/"+svc.ID), nil, http.StatusOK, &got)
	if *got.VersionSets["staging"].AgentVersionNumber != 2 || len(got.VersionSets) != 1 {
		t.Errorf("after replace: %+v", got.VersionSets)
	}

	tests := []struct {
		name, path string
		body       any
		want       int
		loc        string
	}{
		{"pin too high", base + "staging", platform.UpsertVersionSetRequest{VersionSet: platform.VersionSet{AgentVersionNumber: ptr(9)}}, 422, "body.version_set.agent_version_number"},
		{"graph pin zero", base + "staging", platform.UpsertVersionSetRequest{VersionSet: platform.VersionSet{ContextGraphVersionNumber: ptr(0)}}, 422, "body.version_set.context_graph_version_number"},
		{"body missing set", base + "staging", map[string]any{}, 422, "body.version_set"},
		{"name too long", base + strings.Repeat("n", 41), set, 422, "path.name"},
		{"llm without name", base + "x", map[string]any{"version_set": map[string]any{"llm_model_preferences": map[string]any{"main": map[string]any{}}}}, 422, "body.version_set.llm_model_preferences.main.llm_name"},
		{"unknown service", wsPath("/services/00000000-0000-4000-8000-0000000fffff/version-sets/x"), set, 404, ""},
		{"unknown workspace", "/v1/99999999-2222-4333-8444-555555555555/services/" + svc.ID + "/version-sets/x", set, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.call("PUT", tt.path, tt.body, tt.want, nil)
			if tt.loc != "" {
				if e := c.validation(resp)[0]; locString(e.Loc) != tt.loc {
					t.Errorf("error = %+v, want loc %s", e, tt.loc)
				}
			}
		})
	}
}
