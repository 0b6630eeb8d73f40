package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/google/go-cmp/cmp"
)

// serviceByID lists the services and returns the one with id.
func (f *fixture) serviceByID(id string) classic.Service {
	f.t.Helper()
	var list classic.ListServicesResponse
	f.decode(f.call("GET", servicesPath+"?id="+id, nil, http.StatusOK), &list)
	if len(list.Services) != 1 {
		f.t.Fatalf("service %s: listed %d services", id, len(list.Services))
	}
	return list.Services[0]
}

func ip(n int) *int { return &n }

func TestCreateService(t *testing.T) {
	f := newFixture(t)
	agent, graph := f.newAgent("a", 3), f.newSHSM("g", 2)
	bare, bareGraph := f.newAgent("bare", 0), f.newSHSM("bare", 0)
	with := func(edit func(b obj)) obj {
		b := serviceBody("svc", agent, graph, true)
		edit(b)
		return b
	}
	release := func(a, g any) func(b obj) {
		return func(b obj) {
			b["release_version_set"] = obj{"agent_version_number": a, "service_hierarchical_state_machine_version_number": g,
				"llm_model_preferences": obj{"engage_user": obj{"llm_name": "openai_gpt-4.1-2025-04-14"}}}
		}
	}
	tests := []struct {
		name string
		body obj
		want int
		loc  string
	}{
		{"unknown agent", with(func(b obj) { b["agent_id"] = "0000000000000000000000ff" }), 404, ""},
		{"unknown graph", with(func(b obj) { b["service_hierarchical_state_machine_id"] = "0000000000000000000000ff" }), 404, ""},
		{"agent without versions", with(func(b obj) { b["agent_id"] = bare }), 400, ""},
		{"graph without versions", with(func(b obj) { b["service_hierarchical_state_machine_id"] = bareGraph }), 400, ""},
		{"release pin beyond agent", with(release(4, 1)), 400, ""},
		{"release pin beyond graph", with(release(1, 3)), 400, ""},
		{"bad llm", with(func(b obj) {
			release(1, 1)(b)
			b["release_version_set"].(obj)["llm_model_preferences"] = obj{"x": obj{"llm_name": "gpt-2"}}
		}), 422, "body.release_version_set.llm_model_preferences.x.llm_name"},
		{"missing tags", with(func(b obj) { delete(b, "tags") }), 422, "body.tags"},
		{"bad tag key", with(func(b obj) { b["tags"] = obj{"a:b": nil} }), 422, "body.tags.a:b.[key]"},
		{"too many keyterms", with(func(b obj) { b["keyterms"] = make(arr, 21) }), 422, "body.keyterms"},
		{"bad keyterm", with(func(b obj) { b["keyterms"] = arr{"Upper Case"} }), 422, "body.keyterms.0"},
		{"bad agent id", with(func(b obj) { b["agent_id"] = "x" }), 422, "body.agent_id"},
		{"active", with(release(2, nil)), 201, ""},
		{"second active same name", with(func(b obj) {}), 409, ""},
		{"inactive same name", with(func(b obj) { b["is_active"] = false }), 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := f.call("POST", servicesPath, tt.body, tt.want)
			if tt.loc != "" && !hasLoc(f.fieldErrors(body), tt.loc) {
				t.Errorf("errors %s lack loc %s", body, tt.loc)
			}
		})
	}
	var list classic.ListServicesResponse
	f.decode(f.call("GET", servicesPath+"?is_active=true", nil, http.StatusOK), &list)
	if len(list.Services) != 1 {
		t.Fatalf("active services = %d, want 1", len(list.Services))
	}
	s := list.Services[0]
	wantSets := map[string]classic.VersionSet{
		"edge": {LLMModelPreferences: map[string]classic.LLMConfig{}},
		"release": {AgentVersionNumber: ip(2), LLMModelPreferences: map[string]classic.LLMConfig{
			"engage_user": {LLMName: "openai_gpt-4.1-2025-04-14", Params: map[string]any{}}}},
	}
	if diff := cmp.Diff(wantSets, s.VersionSets); diff != "" {
		t.Errorf("version sets (-want +got):\n%s", diff)
	}
	if v := "intake"; !cmp.Equal(s.Tags, []classic.Tag{{Key: "team", Value: &v}}) || s.Creator.UserID != "fake-user-123" {
		t.Errorf("service = %+v", s)
	}
	inactive := f.newService(serviceBody("plain", agent, graph, false))
	got := f.serviceByID(inactive).VersionSets
	if !cmp.Equal(got["edge"], got["release"]) {
		t.Errorf("release %+v differs from edge %+v with no release_version_set", got["release"], got["edge"])
	}
}

func TestUpdateService(t *testing.T) {
	f := newFixture(t)
	agent, graph, other := f.newAgent("a", 1), f.newSHSM("g", 1), f.newAgent("b", 1)
	old := f.newAgent("old", 1)
	f.call("DELETE", agentsPath+"/"+old+"/", nil, http.StatusOK)
	active := f.newService(serviceBody("svc", agent, graph, true))
	twin := f.newService(serviceBody("svc", agent, graph, false))
	path := func(id string) string { return servicesPath + id + "/" }
	tests := []struct {
		name string
		id   string
		body any
		want int
	}{
		{"nothing", active, obj{}, 200},
		{"all null", active, obj{"name": nil, "description": nil, "is_active": nil, "agent_id": nil, "tags": nil, "keyterms": nil}, 200},
		{"description", active, obj{"description": "New words."}, 200},
		{"activate twin", twin, obj{"is_active": true}, 409},
		{"switch agent", active, obj{"agent_id": other}, 200},
		{"unknown agent", active, obj{"agent_id": "0000000000000000000000ff"}, 400},
		{"deprecated agent", active, obj{"agent_id": old}, 400},
		{"deprecated agent while inactive", twin, obj{"agent_id": old}, 200},
		{"activate twin on deprecated agent", twin, obj{"is_active": true, "name": "svc2"}, 400},
		{"twin back to good agent", twin, obj{"agent_id": agent}, 200},
		{"deactivate", active, obj{"is_active": false}, 200},
		{"activate twin now", twin, obj{"is_active": true}, 200},
		{"rename clash while active", active, obj{"is_active": true}, 409},
		{"clear tags", twin, obj{"tags": obj{}, "keyterms": arr{}}, 200},
		{"bad keyterm", twin, obj{"keyterms": arr{"A"}}, 422},
		{"bad id", "nope", obj{}, 422},
		{"unknown service", "0000000000000000000000ff", obj{}, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { f.call("POST", path(tt.id), tt.body, tt.want) })
	}
	a, b := f.serviceByID(active), f.serviceByID(twin)
	if a.Description != "New words." || a.AgentID != other || a.IsActive || a.Name != "svc" || len(a.Tags) != 1 {
		t.Errorf("first service = %+v", a)
	}
	if !b.IsActive || b.AgentID != agent || len(b.Tags) != 0 || len(b.Keyterms) != 0 {
		t.Errorf("twin = %+v", b)
	}
}

func TestVersionSets(t *testing.T) {
	f := newFixture(t)
	agent, graph, foreign := f.newAgent("a", 2), f.newSHSM("g", 2), f.newAgent("z", 5)
	_ = foreign
	svc := f.newService(serviceBody("svc", agent, graph, true))
	set := func(a, g any) obj {
		return obj{"version_set": obj{"agent_version_number": a, "service_hierarchical_state_machine_version_number": g, "llm_model_preferences": obj{}}}
	}
	path := func(name string) string { return servicesPath + svc + "/version_sets/" + name + "/" }
	tests := []struct {
		name, method, path string
		body               any
		want               int
	}{
		{"put staging", "PUT", path("staging"), set(1, 2), 204},
		{"put staging latest", "PUT", path("staging"), set(nil, nil), 204},
		{"put release", "PUT", path("release"), set(2, 1), 204},
		{"put edge", "PUT", path("edge"), set(1, 1), 400},
		{"pin beyond agent", "PUT", path("qa"), set(3, 1), 400},
		{"pin beyond graph", "PUT", path("qa"), set(1, 3), 400},
		{"pin zero", "PUT", path("qa"), set(0, 1), 400},
		{"bad name", "PUT", path("has.dot"), set(1, 1), 422},
		{"long name", "PUT", path(strings.Repeat("n", 41)), set(1, 1), 422},
		{"missing body field", "PUT", path("qa"), obj{"version_set": obj{"agent_version_number": 1}}, 422},
		{"no body", "PUT", path("qa"), nil, 422},
		{"unknown service put", "PUT", servicesPath + "0000000000000000000000ff/version_sets/qa/", set(1, 1), 404},
		{"delete edge", "DELETE", path("edge"), nil, 400},
		{"delete release", "DELETE", path("release"), nil, 400},
		{"delete missing", "DELETE", path("qa"), nil, 404},
		{"delete staging", "DELETE", path("staging"), nil, 204},
		{"delete staging again", "DELETE", path("staging"), nil, 404},
		{"unknown service delete", "DELETE", servicesPath + "0000000000000000000000ff/version_sets/qa/", nil, 404},
		{"put canary", "PUT", path("canary-1_b"), set(2, nil), 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { f.call(tt.method, tt.path, tt.body, tt.want) })
	}
	got := f.serviceByID(svc).VersionSets
	want := map[string]classic.VersionSet{
		"edge":       {LLMModelPreferences: map[string]classic.LLMConfig{}},
		"release":    {AgentVersionNumber: ip(2), ServiceHierarchicalStateMachineVersionNumber: ip(1), LLMModelPreferences: map[string]classic.LLMConfig{}},
		"canary-1_b": {AgentVersionNumber: ip(2), LLMModelPreferences: map[string]classic.LLMConfig{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("version sets (-want +got):\n%s", diff)
	}
}

func TestListServices(t *testing.T) {
	f := newFixture(t)
	agent, graph := f.newAgent("a", 1), f.newSHSM("g", 1)
	for _, s := range []struct {
		name   string
		active bool
		tags   obj
	}{{"charlie", true, obj{"team": "intake"}}, {"alpha", false, obj{"team": "billing", "beta": nil}}, {"bravo", true, obj{}}} {
		b := serviceBody(s.name, agent, graph, s.active)
		b["tags"] = s.tags
		f.newService(b)
	}
	names := func(path string) ([]string, *classic.FilterValues) {
		var list classic.ListServicesResponse
		f.decode(f.call("GET", path, nil, http.StatusOK), &list)
		var out []string
		for _, s := range list.Services {
			out = append(out, s.Name)
		}
		return out, list.FilterValues
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"charlie", "alpha", "bravo"}},
		{"sort_by=name", []string{"alpha", "bravo", "charlie"}},
		{"sort_by=-is_active&sort_by=name", []string{"bravo", "charlie", "alpha"}},
		{"is_active=false", []string{"alpha"}},
		{"tags=team:*", []string{"charlie", "alpha"}},
		{"tags=team:billing", []string{"alpha"}},
		{"tags=beta:", []string{"alpha"}},
		{"tags=team:*&tags=beta:", []string{"alpha"}},
		{"limit=2&sort_by=name", []string{"alpha", "bravo"}},
		{"limit=2&continuation_token=2&sort_by=name", []string{"charlie"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, fv := names(servicesPath + "?" + tt.query)
			if !cmp.Equal(got, tt.want) {
				t.Errorf("services %v, want %v", got, tt.want)
			}
			if first := !strings.Contains(tt.query, "continuation_token"); (fv != nil) != first {
				t.Errorf("filter_values = %v on a page where first is %v", fv, first)
			} else if first && !cmp.Equal(fv.Tags, []string{"beta:", "team:billing", "team:intake"}) {
				t.Errorf("filter tags = %v", fv.Tags)
			}
		})
	}
	for _, q := range []string{"limit=21", "limit=0", "sort_by=agent_id", "tags=nocolon", "is_active=perhaps", "id=xyz"} {
		f.call("GET", servicesPath+"?"+q, nil, http.StatusUnprocessableEntity)
	}
}

func TestListTools(t *testing.T) {
	f := newFixture(t)
	var tools classic.ListToolsResponse
	f.decode(f.call("GET", toolsPath+"?sort_by=-name", nil, http.StatusOK), &tools)
	if len(tools.Tools) != 2 || tools.Tools[0].Name != "send_email" || tools.FilterValues == nil || tools.HasMore {
		t.Errorf("tools = %+v", tools)
	}
	f.decode(f.call("GET", toolsPath+"?limit=1&tag=demo:", nil, http.StatusOK), &tools)
	if len(tools.Tools) != 1 || tools.Tools[0].ID != toolLookup || !tools.HasMore || *tools.ContinuationToken != 1 {
		t.Errorf("first tool page = %+v", tools)
	}
	f.decode(f.call("GET", toolsPath+"?deprecated=true", nil, http.StatusOK), &tools)
	if len(tools.Tools) != 0 {
		t.Errorf("deprecated tools = %+v", tools.Tools)
	}
	for _, q := range []string{"limit=21", "sort_by=created_at", "tag=x"} {
		f.call("GET", toolsPath+"?"+q, nil, http.StatusUnprocessableEntity)
	}
}
