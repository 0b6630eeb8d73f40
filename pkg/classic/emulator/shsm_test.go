package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/google/go-cmp/cmp"
)

func TestCreateSHSM(t *testing.T) {
	f := newFixture(t)
	f.call("POST", shsmsPath, obj{"state_machine_name": "flow"}, http.StatusCreated)
	f.call("POST", shsmsPath, obj{"state_machine_name": "flow"}, http.StatusConflict)
	body := f.call("POST", shsmsPath, obj{"name": "flow"}, http.StatusUnprocessableEntity)
	if !hasLoc(f.fieldErrors(body), "body.state_machine_name") {
		t.Errorf("errors %s lack body.state_machine_name", body)
	}
}

// graphCase is one graph body edit and the answer it must get.
type graphCase struct {
	name string
	edit func(g obj)
	want int
	loc  string // a location the 422 errors must include
}

// graphCases are the context graph rules of the document and api/README.md.
func graphCases(refID string, deprecatedID string) []graphCase {
	set := func(i int, k string, v any) func(g obj) { return func(g obj) { stateAt(g, i)[k] = v } }
	return []graphCase{
		{"valid", func(obj) {}, 201, ""},
		{"missing description", func(g obj) { delete(g, "description") }, 422, "body.description"},
		{"missing references", func(g obj) { delete(g, "references") }, 422, "body.references"},
		{"missing global guidelines", func(g obj) { delete(g, "global_action_guidelines") }, 422, "body.global_action_guidelines"},
		{"unknown state type", set(1, "type", "wait"), 422, "body.states.1"},
		{"state without type", func(g obj) { delete(stateAt(g, 1), "type") }, 422, "body.states.1"},
		{"action without actions", set(0, "actions", arr{}), 422, "body.states.0.action.actions"},
		{"action lacks field", func(g obj) { delete(stateAt(g, 0), "skip_active_memory_retrieval") }, 422, "body.states.0.action.skip_active_memory_retrieval"},
		{"bad state name", set(3, "name", "has space"), 422, "body.states.3.annotation.name"},
		{"duplicate state name", set(3, "name", "think"), 422, "body.states.4.reflection.name"},
		{"initial state missing", func(g obj) { g["new_user_initial_state"] = "nowhere" }, 422, "body.new_user_initial_state"},
		{"returning state not action", func(g obj) { g["returning_user_initial_state"] = "decide" }, 422, "body.returning_user_initial_state"},
		{"terminal not action", func(g obj) { g["terminal_state"] = "note" }, 422, "body.terminal_state"},
		{"terminal with exits", set(6, "exit_conditions", arr{exit("start")}), 422, "body.states.6.action.exit_conditions"},
		{"terminal with two actions", set(6, "actions", arr{"a", "b"}), 422, "body.states.6.action.actions"},
		{"exit to itself", set(0, "exit_conditions", arr{exit("start")}), 422, "body.states.0.action.exit_conditions.0.next_state"},
		{"exit to unknown", set(1, "exit_conditions", arr{exit("gone")}), 422, "body.states.1.decision.exit_conditions.0.next_state"},
		{"next to itself", set(3, "next_state", "note"), 422, "body.states.3.annotation.next_state"},
		{"next to unknown", set(2, "next_state", "gone"), 422, "body.states.2.recall.next_state"},
		{"next not string", set(2, "next_state", 7), 422, "body.states.2.recall.next_state"},
		{"pair with unknown ref", set(4, "next_state", arr{"other.start", "call"}), 422, "body.states.4.reflection.next_state.0"},
		{"pair bad external", set(4, "next_state", arr{"other", "call"}), 422, "body.states.4.reflection.next_state.0"},
		{"pair three items", set(4, "next_state", arr{"r.start", "call", "end"}), 422, "body.states.4.reflection.next_state"},
		{"recall both", set(2, "requested_information", "more"), 422, "body.states.2.recall"},
		{"recall neither", set(2, "queries", nil), 422, "body.states.2.recall"},
		{"recall empty queries", set(2, "queries", arr{}), 422, "body.states.2.recall.queries"},
		{"reflection word limit", set(4, "word_limit", 0), 422, "body.states.4.reflection.word_limit"},
		{"six fillers", set(4, "audio_fillers", arr{"a", "b", "c", "d", "e", "f"}), 422, "body.states.4.reflection.audio_fillers"},
		{"filler delay zero", set(1, "audio_filler_triggered_after", 0), 422, "body.states.1.decision.audio_filler_triggered_after"},
		{"filler delay above ten", set(1, "audio_filler_triggered_after", 10.5), 422, "body.states.1.decision.audio_filler_triggered_after"},
		{"tool id not hex", func(g obj) { stateAt(g, 5)["designated_tool"].(obj)["tool_id"] = "T1" }, 422, "body.states.5.tool-call.designated_tool.tool_id"},
		{"bad persistence", func(g obj) { stateAt(g, 5)["designated_tool"].(obj)["result_persistence"] = "forever" }, 422, "body.states.5.tool-call.designated_tool.result_persistence"},
		{"unknown tool", func(g obj) { stateAt(g, 5)["designated_tool"].(obj)["tool_id"] = "0000000000000000000000ff" }, 404, ""},
		{"ref name bad", func(g obj) { g["references"] = obj{"a.b": arr{refID, 1}} }, 422, "body.references.a.b.[key]"},
		{"ref not a pair", func(g obj) { g["references"] = obj{"r": arr{refID}} }, 422, "body.references.r"},
		{"ref missing machine", func(g obj) { g["references"] = obj{"r": arr{"0000000000000000000000ff", 1}} }, 400, ""},
		{"ref deprecated machine", func(g obj) { g["references"] = obj{"r": arr{deprecatedID, 1}} }, 400, ""},
		{"ref missing version", func(g obj) { g["references"] = obj{"r": arr{refID, 9}} }, 400, ""},
		{"ref and pair", func(g obj) {
			g["references"] = obj{"r": arr{refID, 1}}
			stateAt(g, 4)["next_state"] = arr{"r.start", "call"}
		}, 201, ""},
		{"pair with unknown jump-back", func(g obj) {
			g["references"] = obj{"r": arr{refID, 1}}
			stateAt(g, 4)["next_state"] = arr{"r.start", "nowhere"}
		}, 422, "body.states.4.reflection.next_state.1"},
	}
}

func TestSHSMVersionRules(t *testing.T) {
	f := newFixture(t)
	ref := f.newSHSM("billing", 1)
	old := f.newSHSM("old", 1)
	f.call("DELETE", shsmsPath+"/"+old+"/", nil, http.StatusOK)
	id := f.newSHSM("intake", 0)
	for _, tt := range graphCases(ref, old) {
		t.Run(tt.name, func(t *testing.T) {
			g := graphBody()
			tt.edit(g)
			// Every case is checked by a dry run first, which must answer the same and create nothing.
			dry := f.call("POST", shsmsPath+"/"+id+"/?dry_run=true", g, tt.want)
			if tt.want == http.StatusCreated && len(dry) != 0 {
				t.Errorf("dry run answered a body: %s", dry)
			}
			body := f.call("POST", shsmsPath+"/"+id+"/", g, tt.want)
			if tt.loc != "" && !hasLoc(f.fieldErrors(body), tt.loc) {
				t.Errorf("errors %s lack loc %s", body, tt.loc)
			}
		})
	}
	var list classic.ListSHSMsResponse
	f.decode(f.call("GET", shsmsPath+"?id="+id, nil, http.StatusOK), &list)
	if len(list.ServiceHierarchicalStateMachines) != 1 || *list.ServiceHierarchicalStateMachines[0].LatestVersion != 2 {
		t.Errorf("intake = %+v, want two versions (the valid cases, not the dry runs)", list.ServiceHierarchicalStateMachines)
	}
}

func TestSHSMVersionGuardAndRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := f.newSHSM("intake", 0)
	path := shsmsPath + "/" + id + "/"
	f.call("POST", path+"?version=2", graphBody(), http.StatusConflict)
	f.call("POST", path+"?version=1&dry_run=true", graphBody(), http.StatusCreated)
	f.call("POST", path+"?version=2&dry_run=true", graphBody(), http.StatusConflict)
	f.call("POST", path+"?dry_run=maybe", graphBody(), http.StatusUnprocessableEntity)
	var created classic.CreateVersionResponse
	f.decode(f.call("POST", path+"?version=1", graphBody(), http.StatusCreated), &created)
	if created.Version != 1 || !created.CreatedAt.Equal(f.clock.Now()) {
		t.Errorf("created = %+v", created)
	}
	f.call("POST", path+"?version=1", graphBody(), http.StatusConflict)
	f.call("POST", shsmsPath+"/0000000000000000000000ff/", graphBody(), http.StatusNotFound)

	var list classic.ListSHSMVersionsResponse
	f.decode(f.call("GET", fmt.Sprintf("%s/%s/version?version=1", shsmsPath, id), nil, http.StatusOK), &list)
	if len(list.StateMachineVersions) != 1 {
		t.Fatalf("got %d versions", len(list.StateMachineVersions))
	}
	got := list.StateMachineVersions[0]
	// The stored graph, written back as a request, equals what was sent.
	req := classic.CreateSHSMVersionRequest{
		Description: got.Description, States: got.States, NewUserInitialState: got.NewUserInitialState,
		ReturningUserInitialState: got.ReturningUserInitialState, TerminalState: got.TerminalState,
		References: got.References, GlobalIntraStateNavigationGuidelines: got.GlobalIntraStateNavigationGuidelines,
		GlobalActionGuidelines: got.GlobalActionGuidelines, GlobalBoundaryConstraints: got.GlobalBoundaryConstraints,
	}
	if diff := cmp.Diff(normalJSON(t, graphBody()), normalJSON(t, req)); diff != "" {
		t.Errorf("stored graph differs from the request (-sent +stored):\n%s", diff)
	}
	if got.ServiceHierarchicalStateMachineID != id || got.OrgID != "demo" || got.Creator.UserID != "fake-user-123" {
		t.Errorf("version metadata = %+v", got)
	}
}

// normalJSON encodes v and decodes it back into generic JSON values, for comparison.
func normalJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStateJSONRoundTrip(t *testing.T) {
	tests := []string{
		`{"type":"recall","name":"r","queries":null,"requested_information":"x","next_state":["a.b","c"]}`,
		`{"type":"future-kind","name":"f","whatever":[1,2]}`,
	}
	for _, in := range tests {
		var s classic.State
		if err := json.Unmarshal([]byte(in), &s); err != nil {
			t.Fatalf("unmarshal %s: %v", in, err)
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal %s: %v", in, err)
		}
		if string(out) != in {
			t.Errorf("round trip of %s gave %s", in, out)
		}
	}
	if _, err := json.Marshal(classic.State{Type: "nope"}); err == nil {
		t.Errorf("marshalling a state of unknown type with no JSON succeeded")
	}
}
