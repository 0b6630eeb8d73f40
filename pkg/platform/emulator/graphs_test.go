package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

// validGraphJSON is a context graph version using every state type.
const validGraphJSON = `{
  "description": "intake flow",
  "new_user_initial_state": "start",
  "returning_user_initial_state": "start",
  "terminal_state": "end",
  "global_action_guidelines": ["be kind"],
  "states": [
    {"type": "action", "name": "start", "objective": "greet",
     "actions": [{"description": "say hello", "filler_hint": "hmm"}],
     "intra_state_navigation_guidelines": [], "action_guidelines": [], "boundary_constraints": [],
     "exit_conditions": [{"description": "greeted", "next_state": "route"}],
     "guardrails": [{"name": "no-pii", "description": "never ask for a SSN", "enforcement": "soft"}],
     "channel_overrides": {"voice": {"objective": "greet briefly", "progress": {"mode": "verbal", "phrases": ["one moment"]}}},
     "turn_policy": {"barge_in_enabled": false, "context_strategy": "compact"},
     "escalation_config": {"max_loop_count": 5, "topic_risk_score": 0.5},
     "action_tool_call_specs": [{"tool_id": "lookup-skill", "result_persistence": "override"}]},
    {"type": "decision", "name": "route", "objective": "pick a path",
     "exit_conditions": [{"description": "new", "next_state": "collect"}, {"description": "old", "next_state": "end"}]},
    {"type": "data_collection", "name": "collect", "objective": "ask details",
     "fields": [{"key": "dob", "type": "date", "label": "Date of birth", "required": false}],
     "on_complete": "note", "max_turns": 4},
    {"type": "annotation", "name": "note", "inner_thought": "all collected", "next_state": "end"},
    {"type": "action", "name": "end", "objective": "close",
     "actions": [{"description": "say goodbye"}],
     "intra_state_navigation_guidelines": [], "action_guidelines": [], "boundary_constraints": [],
     "exit_conditions": []}
  ]
}`

// graphBody returns the valid graph as a generic value, changed by edit.
func graphBody(t *testing.T, edit func(g map[string]any, states []any)) map[string]any {
	t.Helper()
	var g map[string]any
	if err := json.Unmarshal([]byte(validGraphJSON), &g); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(g, g["states"].([]any))
	}
	return g
}

func state(states []any, i int) map[string]any { return states[i].(map[string]any) }

func TestContextGraphVersionRoundTrip(t *testing.T) {
	c := newClient(t, Config{})
	id := c.mustGraph("intake")
	body := graphBody(t, nil)
	var got platform.ContextGraphVersionResponse
	c.call("POST", wsPath("/context-graphs/"+id+"/versions"), body, http.StatusCreated, &got)
	if got.Version != 1 || got.ContextGraphID != id || got.WorkspaceID != DefaultWorkspaceID || got.TopologyDescription != nil {
		t.Errorf("version = %+v", got)
	}
	// The states come back as sent, with the documented defaults filled in.
	var gotStates any
	raw, _ := json.Marshal(got.States)
	if err := json.Unmarshal(raw, &gotStates); err != nil {
		t.Fatal(err)
	}
	if path := notSubset(body["states"], gotStates, "states"); path != "" {
		t.Errorf("a field sent did not come back unchanged: %s\n got %s", path, raw)
	}
	states := gotStates.([]any)
	for _, d := range []struct {
		state int
		field string
		want  any
	}{
		{1, "decision_guidelines", []any{}},
		{2, "surface_fallback_after_turns", 6.0},
		{0, "exit_condition_tool_call_specs", []any{}},
	} {
		if v := states[d.state].(map[string]any)[d.field]; !jsonSame(t, mustJSON(t, v), mustJSON(t, d.want)) {
			t.Errorf("state %d %s = %v, want the default %v", d.state, d.field, v, d.want)
		}
	}
	if tp := states[0].(map[string]any)["turn_policy"].(map[string]any); tp["safety_response"] != "stay_empathize" || tp["barge_in_enabled"] != false {
		t.Errorf("turn_policy = %v", tp)
	}
	// Sending what came back creates an identical version.
	var again platform.ContextGraphVersionResponse
	c.call("POST", wsPath("/context-graphs/"+id+"/versions"), platform.CreateContextGraphVersionRequest{
		Description: &got.Description, States: got.States, NewUserInitialState: got.NewUserInitialState,
		ReturningUserInitialState: got.ReturningUserInitialState, TerminalState: got.TerminalState,
		GlobalActionGuidelines: got.GlobalActionGuidelines,
	}, http.StatusCreated, &again)
	if !jsonSame(t, mustJSON(t, again.States), raw) || again.Version != 2 {
		t.Errorf("re-sent states changed: version %d\n%s", again.Version, mustJSON(t, again.States))
	}
	var g platform.ContextGraphResponse
	c.call("GET", wsPath("/context-graphs/"+id), nil, http.StatusOK, &g)
	if g.LatestVersion != 2 || g.StateCount != 5 {
		t.Errorf("graph = %+v, want latest_version 2 and state_count 5", g)
	}
	var page platform.Page[platform.ContextGraphVersionResponse]
	c.call("GET", wsPath("/context-graphs/"+id+"/versions?sort_by=created_at"), nil, http.StatusOK, &page)
	if len(page.Items) != 2 || page.Items[0].ID != got.ID {
		t.Errorf("versions = %+v", page)
	}
	c.call("GET", wsPath("/context-graphs/"+id+"/versions?sort_by=name"), nil, http.StatusUnprocessableEntity, nil)
	c.call("GET", wsPath("/context-graphs/"+id+"/versions/3"), nil, http.StatusNotFound, nil)
	var latest platform.ContextGraphVersionResponse
	c.call("GET", wsPath("/context-graphs/"+id+"/versions/latest"), nil, http.StatusOK, &latest)
	if latest.ID != again.ID || len(latest.GlobalBoundaryConstraints) != 0 || latest.GlobalBoundaryConstraints == nil {
		t.Errorf("latest = %+v", latest)
	}
}

func TestContextGraphVersionValidation(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(g map[string]any, states []any)
		wantLoc  string
		wantType string
	}{
		{"states missing", func(g map[string]any, _ []any) { delete(g, "states") }, "body.states", "missing"},
		{"terminal missing", func(g map[string]any, _ []any) { delete(g, "terminal_state") }, "body.terminal_state", "missing"},
		{"no states", func(g map[string]any, _ []any) { g["states"] = []any{} }, "body.states", "value_error"},
		{"recall state", func(_ map[string]any, s []any) { state(s, 3)["type"] = "recall" }, "body.states.3", "union_tag_invalid"},
		{"tool-call state", func(_ map[string]any, s []any) { state(s, 3)["type"] = "tool-call" }, "body.states.3", "union_tag_invalid"},
		{"state without type", func(_ map[string]any, s []any) { delete(state(s, 3), "type") }, "body.states.3", "union_tag_not_found"},
		{"action without actions", func(_ map[string]any, s []any) { delete(state(s, 0), "actions") }, "body.states.0.action.actions", "missing"},
		{"action as a string", func(_ map[string]any, s []any) { state(s, 0)["actions"] = []any{"say hi"} }, "body.states.0.action.actions.0", "model_attributes_type"},
		{"bad enforcement", func(_ map[string]any, s []any) {
			state(s, 0)["guardrails"] = []any{map[string]any{"name": "g", "description": "d", "enforcement": "maybe"}}
		}, "body.states.0.action.guardrails.0.enforcement", "literal_error"},
		{"progress hint is closed", func(_ map[string]any, s []any) {
			state(s, 0)["channel_overrides"] = map[string]any{"voice": map[string]any{"progress": map[string]any{"speed": 2}}}
		}, "body.states.0.action.channel_overrides.voice.progress.speed", "extra_forbidden"},
		{"max_turns fraction", func(_ map[string]any, s []any) { state(s, 2)["max_turns"] = 2.5 }, "body.states.2.data_collection.max_turns", "int_from_float"},
		{"initial state unknown", func(g map[string]any, _ []any) { g["new_user_initial_state"] = "nowhere" }, "body.new_user_initial_state", "value_error"},
		{"initial state is a decision", func(g map[string]any, _ []any) { g["returning_user_initial_state"] = "route" }, "body.returning_user_initial_state", "value_error"},
		{"terminal is an annotation", func(g map[string]any, _ []any) { g["terminal_state"] = "note" }, "body.terminal_state", "value_error"},
		{"action state with no action", func(_ map[string]any, s []any) { state(s, 0)["actions"] = []any{} }, "body.states.0.actions", "value_error"},
		{"terminal with two actions", func(_ map[string]any, s []any) {
			state(s, 4)["actions"] = []any{map[string]any{"description": "a"}, map[string]any{"description": "b"}}
		}, "body.states.4.actions", "value_error"},
		{"terminal with an exit", func(_ map[string]any, s []any) {
			state(s, 4)["exit_conditions"] = []any{map[string]any{"description": "again", "next_state": "start"}}
		}, "body.states.4.exit_conditions", "value_error"},
		{"exit to itself", func(_ map[string]any, s []any) {
			state(s, 1)["exit_conditions"] = []any{map[string]any{"description": "loop", "next_state": "route"}}
		}, "body.states.1.exit_conditions.0.next_state", "value_error"},
		{"exit to nowhere", func(_ map[string]any, s []any) {
			state(s, 0)["exit_conditions"] = []any{map[string]any{"description": "x", "next_state": "billing.start"}}
		}, "body.states.0.exit_conditions.0.next_state", "value_error"},
		{"annotation to nowhere", func(_ map[string]any, s []any) { state(s, 3)["next_state"] = "gone" }, "body.states.3.next_state", "value_error"},
		{"on_complete to itself", func(_ map[string]any, s []any) { state(s, 2)["on_complete"] = "collect" }, "body.states.2.on_complete", "value_error"},
		{"duplicate names", func(_ map[string]any, s []any) { state(s, 3)["name"] = "collect" }, "body.states.3.name", "value_error"},
	}
	c := newClient(t, Config{})
	id := c.mustGraph("rules")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.call("POST", wsPath("/context-graphs/"+id+"/versions"), graphBody(t, tt.edit), http.StatusUnprocessableEntity, nil)
			var locs []string
			for _, e := range c.validation(resp) {
				if locString(e.Loc) == tt.wantLoc && e.Type == tt.wantType {
					return
				}
				locs = append(locs, locString(e.Loc)+" "+e.Type+": "+e.Msg)
			}
			t.Errorf("want an error at %s of type %s, got %q", tt.wantLoc, tt.wantType, locs)
		})
	}
	var g platform.ContextGraphResponse
	c.call("GET", wsPath("/context-graphs/"+id), nil, http.StatusOK, &g)
	if g.LatestVersion != 0 {
		t.Errorf("rejected versions were created: latest_version %d", g.LatestVersion)
	}
}

func TestReferencesAreIgnored(t *testing.T) {
	// The document has no references in this dialect and the API ignores
	// unknown fields, so they are dropped, not stored.
	c := newClient(t, Config{})
	id := c.mustGraph("refs")
	body := graphBody(t, func(g map[string]any, _ []any) { g["references"] = map[string]any{"billing": []any{"x", 1}} })
	resp := c.call("POST", wsPath("/context-graphs/"+id+"/versions"), body, http.StatusCreated, nil)
	var raw map[string]any
	if err := json.Unmarshal(resp.body, &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["references"]; ok {
		t.Errorf("references were stored: %s", resp.body)
	}
}

func jsonSame(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatalf("not JSON: %s / %s", a, b)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// FuzzContextGraphVersion sends arbitrary bodies: the answer is always a
// documented 201 or 422, never a panic or a 500. Run it with a short
// -fuzzminimizetime (e.g. 5s), as FuzzHandlers.
func FuzzContextGraphVersion(f *testing.F) {
	f.Add(validGraphJSON)
	f.Add(`{"states": [{"type": "action"}], "new_user_initial_state": 1}`)
	f.Add(`{"states": [{"type": "data_collection", "name": "a", "objective": "o", "fields": [{}], "on_complete": "a"}]}`)
	f.Add(`{"states": null, "terminal_state": [], "global_action_guidelines": "x"}`)
	f.Add(`[1, {"a": 1e400}]`)
	c := newClient(f, Config{})
	id := c.mustGraph("fuzz")
	f.Fuzz(func(t *testing.T, body string) {
		c.t = t
		resp := c.do("POST", wsPath("/context-graphs/"+id+"/versions"), body)
		if resp.status != http.StatusCreated && resp.status != http.StatusUnprocessableEntity {
			t.Errorf("status %d for %q: %s", resp.status, body, resp.body)
		}
	})
}

// notSubset returns the path of the first value of sent that got does not
// hold unchanged ("" when every one is there).
func notSubset(sent, got any, path string) string {
	switch s := sent.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path
		}
		for k, v := range s {
			if p := notSubset(v, g[k], path+"."+k); p != "" {
				return p
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(s) {
			return path
		}
		for i := range s {
			if p := notSubset(s[i], g[i], fmt.Sprintf("%s.%d", path, i)); p != "" {
				return p
			}
		}
		return ""
	}
	if fmt.Sprint(sent) != fmt.Sprint(got) {
		return path
	}
	return ""
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
