package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit/emukittest"
	"github.com/google/go-cmp/cmp"
)

// TestBodyMediaType checks that bodies sent as something other than JSON, or
// as bytes that are not UTF-8, are refused as FastAPI refuses them (422,
// nothing stored), on one endpoint of each kind, and that the same body as
// JSON, with a charset parameter or without a Content-Type, still works.
func TestBodyMediaType(t *testing.T) {
	f := newFixture(t)
	agent, graph := f.newAgent("a", 1), f.newSHSM("g", 1)
	bareAgent, bareGraph := f.newAgent("bare", 0), f.newSHSM("bare", 0)
	svc := f.newService(serviceBody("svc", agent, graph, true))
	setPath := servicesPath + svc + "/version_sets/ct/"
	endpoints := []struct {
		name, method, path string
		body               obj
		want               int
	}{
		{"create agent", "POST", agentsPath, obj{"agent_name": "ct"}, http.StatusCreated},
		{"create agent version", "POST", agentsPath + "/" + bareAgent + "/?version=1", agentBody(), http.StatusCreated},
		{"create graph version", "POST", shsmsPath + "/" + bareGraph + "/?version=1", graphBody(), http.StatusCreated},
		{"create service", "POST", servicesPath, serviceBody("ct", agent, graph, true), http.StatusCreated},
		{"update service", "POST", servicesPath + svc + "/", obj{"description": "Changed."}, http.StatusOK},
		{"put version set", "PUT", setPath, obj{"version_set": obj{"agent_version_number": 1, "service_hierarchical_state_machine_version_number": 1, "llm_model_preferences": obj{}}}, http.StatusNoContent},
	}
	for _, ep := range endpoints {
		t.Run(ep.name, func(t *testing.T) {
			f.t = t
			data, err := json.Marshal(ep.body)
			if err != nil {
				t.Fatal(err)
			}
			before := f.serviceByID(svc)
			for _, r := range emukittest.RefusedBodies() {
				body, err := r.Body(data)
				if err != nil {
					t.Fatal(err)
				}
				got := f.call(ep.method, ep.path, body, http.StatusUnprocessableEntity, map[string]string{"Content-Type": r.ContentType})
				errs := f.fieldErrors(got)
				if len(errs) != 1 || !hasLoc(errs, r.Loc) || errs[0].Type != r.Type {
					t.Errorf("%s: errors %s, want one %s at %s", r.Name, got, r.Type, r.Loc)
				}
			}
			if diff := cmp.Diff(before, f.serviceByID(svc)); diff != "" {
				t.Errorf("refused bodies changed the service (-before +after):\n%s", diff)
			}
			// Stored nothing: the guarded creates and the name still succeed.
			f.call(ep.method, ep.path, string(data), ep.want, map[string]string{"Content-Type": "application/json; charset=utf-8"})
		})
	}
}

// TestBodyWithoutContentType checks that a JSON body without a Content-Type
// is read as JSON, as FastAPI does, and that a UTF-8 body keeps its text.
func TestBodyWithoutContentType(t *testing.T) {
	f := newFixture(t)
	for _, tt := range emukittest.AcceptedBodies() {
		t.Run(tt.Name, func(t *testing.T) {
			f.t = t
			body := fmt.Sprintf(`{"agent_name":%q}`, tt.Text)
			var created struct{ ID string }
			f.decode(f.call("POST", agentsPath, body, http.StatusCreated, map[string]string{"Content-Type": tt.ContentType}), &created)
			var list struct {
				Agents []struct{ ID, Name string } `json:"agents"`
			}
			f.decode(f.call("GET", agentsPath+"?id="+created.ID, nil, http.StatusOK), &list)
			want := []struct{ ID, Name string }{{created.ID, tt.Text}}
			if diff := cmp.Diff(want, list.Agents); diff != "" {
				t.Errorf("listed (-want +got):\n%s", diff)
			}
		})
	}
}
