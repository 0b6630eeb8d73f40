package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/google/go-cmp/cmp"
)

func TestCreateAgent(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		body any
		want int
		loc  string
	}{
		{"ok", obj{"agent_name": "intake"}, http.StatusCreated, ""},
		{"duplicate", obj{"agent_name": "intake"}, http.StatusConflict, ""},
		{"duplicate after strip", obj{"agent_name": "  intake "}, http.StatusConflict, ""},
		{"missing name", obj{}, http.StatusUnprocessableEntity, "body.agent_name"},
		{"blank name", obj{"agent_name": "   "}, http.StatusUnprocessableEntity, "body.agent_name"},
		{"name too long", obj{"agent_name": strings.Repeat("a", 257)}, http.StatusUnprocessableEntity, "body.agent_name"},
		{"name not a string", obj{"agent_name": 3}, http.StatusUnprocessableEntity, "body.agent_name"},
		{"no body", nil, http.StatusUnprocessableEntity, "body"},
		{"not json", "{", http.StatusUnprocessableEntity, "body.1"},
		{"not an object", "[]", http.StatusUnprocessableEntity, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := f.call("POST", agentsPath, tt.body, tt.want)
			if tt.loc != "" && !hasLoc(f.fieldErrors(body), tt.loc) {
				t.Errorf("errors %s lack loc %s", body, tt.loc)
			}
		})
	}
}

func TestAgentVersions(t *testing.T) {
	f := newFixture(t)
	id := f.newAgent("intake", 0)
	path := func(q string) string { return fmt.Sprintf("%s/%s/%s", agentsPath, id, q) }
	without := func(field string) obj { b := agentBody(); delete(b, field); return b }
	nulled := func(field string) obj { b := agentBody(); b[field] = nil; return b }
	tests := []struct {
		name string
		path string
		body any
		want int
		loc  string
	}{
		{"first version lacks background", path("?version=1"), without("background"), http.StatusBadRequest, ""},
		{"first version null identity", path("?version=1"), nulled("identity"), http.StatusBadRequest, ""},
		{"bad language", path(""), func() obj { b := agentBody(); b["identity"].(obj)["default_spoken_language"] = "xxx"; return b }(), http.StatusUnprocessableEntity, "body.identity.default_spoken_language"},
		{"initials too long", path(""), func() obj { b := agentBody(); b["initials"] = "ABCD"; return b }(), http.StatusUnprocessableEntity, "body.initials"},
		{"identity lacks role", path(""), func() obj { b := agentBody(); delete(b["identity"].(obj), "role"); return b }(), http.StatusUnprocessableEntity, "body.identity.role"},
		{"blank behavior", path(""), func() obj { b := agentBody(); b["behaviors"] = arr{"ok", " "}; return b }(), http.StatusUnprocessableEntity, "body.behaviors.1"},
		{"guard zero", path("?version=0"), agentBody(), http.StatusUnprocessableEntity, "query.version"},
		{"guard not a number", path("?version=one"), agentBody(), http.StatusUnprocessableEntity, "query.version"},
		{"guard too far", path("?version=2"), agentBody(), http.StatusConflict, ""},
		{"first version", path("?version=1"), nulled("voice_config"), http.StatusCreated, ""},
		{"guard stale", path("?version=1"), agentBody(), http.StatusConflict, ""},
		{"second version carries fields", path("?version=2"), obj{"initials": " IB "}, http.StatusCreated, ""},
		{"third version sets voice", path(""), obj{"voice_config": obj{"voice_id": "v-9"}}, http.StatusCreated, ""},
		{"fourth version null voice keeps it", path("?version=4"), obj{"voice_config": nil, "behaviors": arr{}}, http.StatusCreated, ""},
		{"bad id", agentsPath + "/nothex/", agentBody(), http.StatusUnprocessableEntity, "path.agent_id"},
		{"unknown agent", agentsPath + "/0000000000000000000000ff/", agentBody(), http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := f.call("POST", tt.path, tt.body, tt.want)
			if tt.loc != "" && !hasLoc(f.fieldErrors(body), tt.loc) {
				t.Errorf("errors %s lack loc %s", body, tt.loc)
			}
		})
	}
	var list classic.ListAgentVersionsResponse
	f.decode(f.call("GET", fmt.Sprintf("%s/%s/version", agentsPath, id), nil, http.StatusOK), &list)
	if len(list.AgentVersions) != 4 {
		t.Fatalf("got %d versions, want 4", len(list.AgentVersions))
	}
	v1, v2, v3, v4 := list.AgentVersions[0], list.AgentVersions[1], list.AgentVersions[2], list.AgentVersions[3]
	if v1.VoiceConfig != nil || v2.VoiceConfig != nil {
		t.Errorf("versions 1 and 2 have a voice config: %+v %+v", v1.VoiceConfig, v2.VoiceConfig)
	}
	if v3.VoiceConfig == nil || v3.VoiceConfig.VoiceID != "v-9" || v4.VoiceConfig == nil || v4.VoiceConfig.VoiceID != "v-9" {
		t.Errorf("voice configs of versions 3 and 4 = %+v %+v, want v-9 kept", v3.VoiceConfig, v4.VoiceConfig)
	}
	if v2.Initials != "IB" || v2.Background != v1.Background || !cmp.Equal(v2.Identity, v1.Identity) {
		t.Errorf("version 2 = %+v, want initials IB and the rest of version 1", v2)
	}
	if len(v4.Behaviors) != 0 || v4.Initials != "IB" || v4.Version != 4 || v4.Creator.UserID != "fake-user-123" {
		t.Errorf("version 4 = %+v", v4)
	}
}

func TestListVersions(t *testing.T) {
	f := newFixture(t)
	agent := f.newAgent("intake", 12)
	graph := f.newSHSM("flow", 3)
	empty := f.newAgent("empty", 0)
	tests := []struct {
		name  string
		path  string
		query string
		want  int
		nums  []int
		more  bool
	}{
		{"default page", agentsPath + "/" + agent, "", 200, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, true},
		{"second page", agentsPath + "/" + agent, "continuation_token=10", 200, []int{11, 12}, false},
		{"latest", agentsPath + "/" + agent, "version=latest", 200, []int{12}, false},
		{"one", agentsPath + "/" + agent, "version=3", 200, []int{3}, false},
		{"absent", agentsPath + "/" + agent, "version=13", 200, nil, false},
		{"range", agentsPath + "/" + agent, "version=2-4", 200, []int{2, 3, 4}, false},
		{"range to latest", agentsPath + "/" + agent, "version=9-latest&limit=2", 200, []int{9, 10}, true},
		{"descending", agentsPath + "/" + agent, "sort_by=-version&limit=3", 200, []int{12, 11, 10}, true},
		{"ascending", agentsPath + "/" + agent, "sort_by=%2Bversion&version=1-2", 200, []int{1, 2}, false},
		{"limit too big", agentsPath + "/" + agent, "limit=11", 422, nil, false},
		{"limit zero", agentsPath + "/" + agent, "limit=0", 422, nil, false},
		{"bad spec", agentsPath + "/" + agent, "version=abc", 422, nil, false},
		{"bad range", agentsPath + "/" + agent, "version=1-x", 422, nil, false},
		{"bad sort", agentsPath + "/" + agent, "sort_by=name", 422, nil, false},
		{"negative token", agentsPath + "/" + agent, "continuation_token=-1", 422, nil, false},
		{"latest of none", agentsPath + "/" + empty, "version=latest", 200, nil, false},
		{"unknown agent", agentsPath + "/0000000000000000000000ff", "", 404, nil, false},
		{"bad id", agentsPath + "/zz", "", 422, nil, false},
		{"graph latest", shsmsPath + "/" + graph, "version=latest", 200, []int{3}, false},
		{"graph desc", shsmsPath + "/" + graph, "sort_by=-version&limit=2", 200, []int{3, 2}, true},
		{"graph limit too big", shsmsPath + "/" + graph, "limit=11", 422, nil, false},
		{"unknown graph", shsmsPath + "/0000000000000000000000ff", "", 404, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := f.call("GET", tt.path+"/version?"+tt.query, nil, tt.want)
			if tt.want != 200 {
				return
			}
			var page struct {
				Agents []struct{ Version int } `json:"agent_versions"`
				Graphs []struct{ Version int } `json:"state_machine_versions"`
				More   bool                    `json:"has_more"`
				Token  *int                    `json:"continuation_token"`
			}
			f.decode(body, &page)
			var nums []int
			for _, v := range append(page.Agents, page.Graphs...) {
				nums = append(nums, v.Version)
			}
			if !cmp.Equal(nums, tt.nums) || page.More != tt.more || (page.Token != nil) != tt.more {
				t.Errorf("versions %v more %v token %v, want %v more %v", nums, page.More, page.Token, tt.nums, tt.more)
			}
		})
	}
}

func TestDeprecate(t *testing.T) {
	f := newFixture(t)
	agent, graph := f.newAgent("a", 1), f.newSHSM("g", 1)
	spare, spareGraph := f.newAgent("spare", 1), f.newSHSM("spare", 1)
	svc := f.newService(serviceBody("svc", agent, graph, true))
	tests := []struct {
		name, path string
		want       int
	}{
		{"agent used by active service", agentsPath + "/" + agent + "/", http.StatusBadRequest},
		{"graph used by active service", shsmsPath + "/" + graph + "/", http.StatusBadRequest},
		{"unused agent", agentsPath + "/" + spare + "/", http.StatusOK},
		{"agent again", agentsPath + "/" + spare + "/", http.StatusConflict},
		{"unused graph", shsmsPath + "/" + spareGraph + "/", http.StatusOK},
		{"graph again", shsmsPath + "/" + spareGraph + "/", http.StatusConflict},
		{"unknown agent", agentsPath + "/0000000000000000000000ff/", http.StatusNotFound},
		{"unknown graph", shsmsPath + "/0000000000000000000000ff/", http.StatusNotFound},
		{"bad agent id", agentsPath + "/ABC/", http.StatusUnprocessableEntity},
		{"bad graph id", shsmsPath + "/ABC/", http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { f.call("DELETE", tt.path, nil, tt.want) })
	}
	// Once the service is inactive, its agent may be deprecated; its versions stay readable.
	f.call("POST", servicesPath+svc+"/", obj{"is_active": false}, http.StatusOK)
	f.call("DELETE", agentsPath+"/"+agent+"/", nil, http.StatusOK)
	var list classic.ListAgentsResponse
	f.decode(f.call("GET", agentsPath+"?deprecated=true", nil, http.StatusOK), &list)
	if len(list.Agents) != 2 || !list.Agents[0].Deprecated || *list.Agents[0].LatestVersion != 1 {
		t.Errorf("deprecated agents = %+v, want a and spare with their versions", list.Agents)
	}
	f.call("GET", agentsPath+"/"+agent+"/version?version=1", nil, http.StatusOK)
	// A deprecated agent cannot be used by an activated service.
	f.call("POST", servicesPath+svc+"/", obj{"is_active": true}, http.StatusBadRequest)
	f.call("POST", servicesPath, serviceBody("svc2", agent, graph, false), http.StatusBadRequest)
}

// TestFirstAgentVersionNeedsEveryField: the first version of an agent is
// refused with 400, naming the field, when any field but voice_config is
// absent or null; nothing is created; a later version may leave any out.
func TestFirstAgentVersionNeedsEveryField(t *testing.T) {
	f := newFixture(t)
	id := f.newAgent("intake", 0)
	path := agentsPath + "/" + id + "/?version=1"
	for _, field := range []string{"initials", "identity", "background", "behaviors", "communication_patterns"} {
		for _, how := range []string{"absent", "null"} {
			t.Run(field+" "+how, func(t *testing.T) {
				b := agentBody()
				delete(b, field)
				if how == "null" {
					b[field] = nil
				}
				var d struct{ Detail string }
				f.decode(f.call("POST", path, b, http.StatusBadRequest), &d)
				if !strings.Contains(d.Detail, "missing: "+field) {
					t.Errorf("detail %q does not name %s", d.Detail, field)
				}
			})
		}
	}
	var list classic.ListAgentVersionsResponse
	f.decode(f.call("GET", agentsPath+"/"+id+"/version", nil, http.StatusOK), &list)
	if len(list.AgentVersions) != 0 {
		t.Fatalf("refused first versions created %d versions", len(list.AgentVersions))
	}
	b := agentBody()
	delete(b, "voice_config")
	f.call("POST", path, b, http.StatusCreated)
	for _, field := range []string{"initials", "identity", "background", "behaviors", "communication_patterns", "voice_config"} {
		b := agentBody()
		delete(b, field)
		f.call("POST", agentsPath+"/"+id+"/", b, http.StatusCreated)
	}
	// Each later version left one field out and kept the previous value.
	f.decode(f.call("GET", agentsPath+"/"+id+"/version", nil, http.StatusOK), &list)
	if len(list.AgentVersions) != 7 {
		t.Fatalf("got %d versions, want 7", len(list.AgentVersions))
	}
	for _, v := range list.AgentVersions[1:] {
		if v.Initials != "IA" || v.Identity.Name != "Intake" || v.Background != "Ten years of triage." ||
			!cmp.Equal(v.Behaviors, []string{"Be kind."}) || !cmp.Equal(v.CommunicationPatterns, []string{"Short sentences."}) ||
			v.VoiceConfig == nil || v.VoiceConfig.VoiceID != "voice-1" {
			t.Errorf("version %d lost a field carried forward: %+v", v.Version, v)
		}
	}
}
