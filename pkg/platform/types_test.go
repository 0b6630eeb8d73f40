package platform

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestContextGraphStateRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"action minimal", `{"type":"action","name":"start","objective":"greet","actions":[{"description":"say hi"}],"intra_state_navigation_guidelines":[],"action_guidelines":[],"boundary_constraints":[],"exit_conditions":[{"description":"done","next_state":"end"}]}`},
		{"action full", `{"type":"action","name":"start","objective":"o","actions":[{"description":"a","filler_hint":"h"}],"intra_state_navigation_guidelines":["x"],"action_guidelines":[],"boundary_constraints":[],"exit_conditions":[],"action_tool_call_specs":[],"exit_condition_tool_call_specs":[{"tool_id":"t","result_persistence":"override","progress":{"mode":"silent","deterministic":false}}],"guardrails":[{"name":"g","description":"d","enforcement":"soft"}],"channel_overrides":{"voice":{"action_guidelines":[]}},"escalation_config":{"max_loop_count":0},"surface_spec_template":{"k":[1,2]},"turn_policy":{"barge_in_enabled":false},"wait_for":"human_approval"}`},
		{"decision", `{"type":"decision","name":"route","objective":"o","exit_conditions":[{"description":"d","next_state":"a"}],"decision_guidelines":["g"]}`},
		{"annotation", `{"type":"annotation","name":"note","inner_thought":"t","next_state":"a"}`},
		{"data collection", `{"type":"data_collection","name":"dc","objective":"o","fields":[{"key":"k","type":"string","label":"L","required":false,"options":[]}],"on_complete":"a","max_turns":0,"surface_fallback":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s ContextGraphState
			if err := json.Unmarshal([]byte(tt.in), &s); err != nil {
				t.Fatalf("decode: %v", err)
			}
			out, err := json.Marshal(s)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			if !jsonEqual(t, []byte(tt.in), out) {
				t.Errorf("round trip changed the state:\n in: %s\nout: %s", tt.in, out)
			}
		})
	}
}

func TestContextGraphStateRejects(t *testing.T) {
	for _, in := range []string{`{"name":"x"}`, `{"type":"recall","name":"x"}`, `{"type":7}`, `[]`} {
		var s ContextGraphState
		if err := json.Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("decoding %s: want an error, got %+v", in, s)
		}
	}
	if _, err := json.Marshal(ContextGraphState{Type: StateTypeAction}); err == nil {
		t.Error("encoding an action state without a body: want an error")
	}
}

func TestContextGraphStateNilListsEncodeEmpty(t *testing.T) {
	out, err := json.Marshal(ContextGraphState{Type: StateTypeAction, Action: &ActionState{Name: "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("null")) {
		t.Errorf("nil required lists should encode as []: %s", out)
	}
}

func TestEndpointsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Endpoints() {
		if seen[e.Name] || seen[e.Pattern()] {
			t.Errorf("duplicate endpoint %s %s", e.Name, e.Pattern())
		}
		seen[e.Name], seen[e.Pattern()] = true, true
		if got, ok := LookupEndpoint(e.Name); !ok || got != e {
			t.Errorf("LookupEndpoint(%q) = %+v, %v", e.Name, got, ok)
		}
	}
	if len(seen) != 2*29 {
		t.Errorf("want 29 endpoints, got %d", len(seen)/2)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// FuzzContextGraphState checks that any state that decodes encodes again,
// and that encoding is stable across a second round trip.
func FuzzContextGraphState(f *testing.F) {
	f.Add(`{"type":"action","name":"a","objective":"o","actions":[],"intra_state_navigation_guidelines":[],"action_guidelines":[],"boundary_constraints":[],"exit_conditions":[]}`)
	f.Add(`{"type":"annotation","name":"n","inner_thought":"t","next_state":"a"}`)
	f.Add(`{"type":"data_collection","fields":null,"max_turns":3}`)
	f.Add(`{"type":"decision","exit_conditions":[{"next_state":"x"}],"turn_policy":{}}`)
	f.Fuzz(func(t *testing.T, in string) {
		var s ContextGraphState
		if json.Unmarshal([]byte(in), &s) != nil {
			return
		}
		once, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", in, err)
		}
		var again ContextGraphState
		if err := json.Unmarshal(once, &again); err != nil {
			t.Fatalf("cannot decode own encoding %s: %v", once, err)
		}
		twice, err := json.Marshal(again)
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("encoding not stable:\n%s\n%s (%v)", once, twice, err)
		}
	})
}
