package emulator

import (
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
