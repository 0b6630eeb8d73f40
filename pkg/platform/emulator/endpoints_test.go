package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

// validBodies are bodies that pass validation, by endpoint name, so that
// the errors below come from the path and not from the body.
func validBodies(t *testing.T) map[string]any {
	ids := "00000000-0000-4000-8000-0000000fffff"
	return map[string]any{
		platform.CreateAgent:               platform.CreateAgentRequest{Name: "n"},
		platform.UpdateAgent:               platform.UpdateAgentRequest{Name: ptr("n")},
		platform.CreateAgentVersion:        agentVersionBody("n"),
		platform.CreateContextGraph:        platform.CreateContextGraphRequest{Name: "n"},
		platform.UpdateContextGraph:        platform.UpdateContextGraphRequest{Name: ptr("n")},
		platform.CreateContextGraphVersion: graphBody(t, nil),
		platform.CreateService:             platform.CreateServiceRequest{Name: "n", AgentID: ids, ContextGraphID: ids},
		platform.UpdateService:             platform.UpdateServiceRequest{Name: ptr("n")},
		platform.UpsertServiceVersionSet:   platform.UpsertVersionSetRequest{},
		platform.CreateSkill:               skillBody("some-skill"),
		platform.UpdateSkill:               platform.UpdateSkillRequest{Name: ptr("n")},
	}
}

// fill substitutes the path parameters of a template: the workspace, every
// resource id, the version and the version set name.
func fill(template, workspace, id string) string {
	r := strings.NewReplacer("{workspace_id}", workspace, "{agent_id}", id, "{context_graph_id}", id,
		"{service_id}", id, "{skill_id}", id, "{version}", "1", "{name}", "release")
	return r.Replace(template)
}

// TestEveryEndpointErrors drives the errors every endpoint documents from
// its path and key: 401 without a key, 403 for a change with a view-only key,
// 404 (or 403) for an unknown workspace, 422 for an id that is not a UUID,
// 404 for an unknown resource.
func TestEveryEndpointErrors(t *testing.T) {
	c := newClient(t, Config{ViewOnlyKeys: []string{"fake-view-key"}})
	bodies := validBodies(t)
	const unknownWS = "99999999-2222-4333-8444-555555555555"
	const unknownID = "00000000-0000-4000-8000-0000000fffff"
	for _, ep := range platform.Endpoints() {
		body := bodies[ep.Name]
		hasID := strings.Count(ep.Path, "{") > 1 || ep.Name == platform.GetWorkspace
		t.Run(ep.Name, func(t *testing.T) {
			c.key = ""
			c.call(ep.Method, fill(ep.Path, DefaultWorkspaceID, unknownID), body, http.StatusUnauthorized, nil)
			if ep.Method != http.MethodGet {
				c.key = "fake-view-key"
				c.call(ep.Method, fill(ep.Path, DefaultWorkspaceID, unknownID), body, http.StatusForbidden, nil)
			}
			c.key = testKey
			if ep.Name == platform.ListWorkspaces {
				return
			}
			wsStatus := http.StatusNotFound
			if ep.Name == platform.ListSkills {
				wsStatus = http.StatusForbidden // documents no 404
			}
			c.call(ep.Method, fill(ep.Path, unknownWS, unknownID), body, wsStatus, nil)
			switch {
			case ep.Name == platform.GetWorkspace:
				c.call(ep.Method, fill(ep.Path, "not-a-uuid", unknownID), body, http.StatusNotFound, nil) // documents no 422
			case hasID:
				resp := c.call(ep.Method, fill(ep.Path, DefaultWorkspaceID, "not-a-uuid"), body, http.StatusUnprocessableEntity, nil)
				if e := c.validation(resp)[0]; e.Loc[0] != "path" || e.Type != "uuid_parsing" {
					t.Errorf("error = %+v", e)
				}
				c.call(ep.Method, fill(ep.Path, DefaultWorkspaceID, unknownID), body, http.StatusNotFound, nil)
			default:
				resp := c.call(ep.Method, fill(ep.Path, "not-a-uuid", unknownID), body, http.StatusUnprocessableEntity, nil)
				if e := c.validation(resp)[0]; locString(e.Loc) != "path.workspace_id" {
					t.Errorf("error = %+v", e)
				}
			}
		})
	}
}

// TestEveryList walks every list endpoint of the table over three items in
// pages of two, checks that the continuation token yields each item once
// and ends the list, and that a limit above the endpoint's maximum (20) or
// below 1 is a 422 while the maximum itself is accepted.
func TestEveryList(t *testing.T) {
	c := newClient(t, Config{Workspaces: []Workspace{
		{ID: DefaultWorkspaceID, Name: "Demo workspace", BackendOrgID: "demo"},
		{ID: "11111111-2222-4333-8444-555555555555", Name: "Second", BackendOrgID: "org-2"},
		{ID: "22222222-2222-4333-8444-555555555555", Name: "Third", BackendOrgID: "org-3"},
	}})
	agentID, graphID := threeOfEach(t, c)
	lists := 0
	for _, ep := range platform.Endpoints() {
		if ep.MaxPageSize == 0 {
			continue
		}
		lists++
		if ep.MaxPageSize != platform.MaxPageSize || ep.Method != http.MethodGet {
			t.Errorf("%s: max page size %d", ep.Name, ep.MaxPageSize)
		}
		path := fill(ep.Path, DefaultWorkspaceID, agentID)
		if strings.Contains(ep.Path, "{context_graph_id}") {
			path = fill(ep.Path, DefaultWorkspaceID, graphID)
		}
		t.Run(ep.Name, func(t *testing.T) {
			for limit, want := range map[int]int{ep.MaxPageSize + 1: 422, 100: 422, 0: 422, -1: 422, ep.MaxPageSize: 200, 1: 200} {
				resp := c.call("GET", fmt.Sprintf("%s?limit=%d", path, limit), nil, want, nil)
				if want == 422 && locString(c.validation(resp)[0].Loc) != "query.limit" {
					t.Errorf("limit %d: %s", limit, resp.body)
				}
			}
			if pages, distinct := walkList(t, c, path, 2); pages != 2 || distinct != 3 {
				t.Errorf("%d pages, %d distinct items; want 2 and 3", pages, distinct)
			}
		})
	}
	if lists != 7 {
		t.Errorf("%d list endpoints, want 7", lists)
	}
}

// threeOfEach creates three agents and three context graphs (the last of
// each with three versions), three services and three skills.
func threeOfEach(t *testing.T, c *testClient) (agentID, graphID string) {
	t.Helper()
	for i := range 3 {
		agentID, graphID = c.mustAgent(fmt.Sprint("agent-", i)), c.mustGraph(fmt.Sprint("graph-", i))
	}
	for range 3 {
		c.call("POST", wsPath("/agents/"+agentID+"/versions"), agentVersionBody("Ada"), http.StatusCreated, nil)
		c.call("POST", wsPath("/context-graphs/"+graphID+"/versions"), graphBody(t, nil), http.StatusCreated, nil)
	}
	for i := range 3 {
		c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: fmt.Sprint("svc-", i), AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, nil)
		c.call("POST", wsPath("/skills"), skillBody(fmt.Sprint("skill-", i)), http.StatusCreated, nil)
	}
	return agentID, graphID
}

// walkList follows the continuation tokens of the list at path, limit
// items a page, checking every page's total (3) and token, and returns
// the number of pages and of distinct item ids.
func walkList(t *testing.T, c *testClient, path string, limit int) (pages, distinct int) {
	t.Helper()
	seen := map[string]bool{}
	token := ""
	for {
		var page platform.Page[struct {
			ID string `json:"id"`
		}]
		c.call("GET", fmt.Sprintf("%s?limit=%d%s", path, limit, token), nil, http.StatusOK, &page)
		pages++
		for _, it := range page.Items {
			if seen[it.ID] {
				t.Errorf("page %d repeats %s", pages, it.ID)
			}
			seen[it.ID] = true
		}
		if page.Total == nil || *page.Total != 3 || page.HasMore != (page.ContinuationToken != nil) {
			t.Fatalf("page %d: %+v", pages, page)
		}
		if !page.HasMore {
			return pages, len(seen)
		}
		token = fmt.Sprint("&continuation_token=", *page.ContinuationToken)
	}
}
