package apiclient

import (
	"encoding/json"
	"testing"
)

func TestSameContent(t *testing.T) {
	type version struct {
		Name      string         `json:"name"`
		Behaviors []string       `json:"behaviors,omitempty"`
		Voice     map[string]any `json:"voice,omitempty"`
	}
	tests := []struct {
		name      string
		sent, got any
		want      bool
	}{
		{"server adds ids and defaults", map[string]any{"name": "n"},
			json.RawMessage(`{"id":"x","version":3,"created_at":"2026-01-01T00:00:00Z","name":"n","style":"default"}`), true},
		{"a struct against the raw answer", version{Name: "n", Behaviors: []string{"a"}},
			json.RawMessage(`{"id":"x","name":"n","behaviors":["a"]}`), true},
		{"different scalar", map[string]any{"name": "n"}, map[string]any{"name": "m"}, false},
		{"missing field", map[string]any{"name": "n"}, map[string]any{"id": "x"}, false},
		{"nested objects: extra keys ignored", map[string]any{"identity": map[string]any{"role": "r"}},
			map[string]any{"identity": map[string]any{"role": "r", "name": "i"}}, true},
		{"nested objects: a value differs", map[string]any{"identity": map[string]any{"role": "r"}},
			map[string]any{"identity": map[string]any{"role": "q"}}, false},
		{"nested objects: got is not an object", map[string]any{"identity": map[string]any{"role": "r"}},
			map[string]any{"identity": "r"}, false},
		{"arrays of the same elements", map[string]any{"b": []any{"a", map[string]any{"k": 1}}},
			map[string]any{"b": []any{"a", map[string]any{"k": 1, "id": 7}}}, true},
		{"shorter array returned", map[string]any{"b": []string{"a", "b"}}, map[string]any{"b": []string{"a"}}, false},
		{"longer array returned", map[string]any{"b": []string{"a"}}, map[string]any{"b": []string{"a", "b"}}, false},
		{"arrays in another order", map[string]any{"b": []string{"a", "b"}}, map[string]any{"b": []string{"b", "a"}}, false},
		{"null matches absent", map[string]any{"voice": nil}, map[string]any{"name": "n"}, true},
		{"null matches null", map[string]any{"voice": nil}, map[string]any{"voice": nil}, true},
		{"null does not match a value", map[string]any{"voice": nil}, map[string]any{"voice": map[string]any{"id": "v"}}, false},
		{"nested null matches absent", map[string]any{"identity": map[string]any{"nickname": nil}},
			map[string]any{"identity": map[string]any{"name": "i"}}, true},
		{"a value does not match null", map[string]any{"voice": "v"}, map[string]any{"voice": nil}, false},
		{"int matches float of the same value", map[string]any{"n": 2}, json.RawMessage(`{"n":2.0}`), true},
		{"float matches int", map[string]any{"n": 0.5e1}, map[string]any{"n": 5}, true},
		{"different numbers", map[string]any{"n": 2}, map[string]any{"n": 2.5}, false},
		{"large integers compare exactly", map[string]any{"n": int64(1 << 53)}, json.RawMessage(`{"n":9007199254740992}`), true},
		{"number against a numeric string", map[string]any{"n": 2}, map[string]any{"n": "2"}, false},
		{"strings are not trimmed", map[string]any{"name": "n"}, map[string]any{"name": " n "}, false},
		{"strings are case-sensitive", map[string]any{"name": "n"}, map[string]any{"name": "N"}, false},
		{"booleans", map[string]any{"on": false}, map[string]any{"on": false}, true},
		{"false does not match absent", map[string]any{"on": false}, map[string]any{}, false},
		{"object against an array", map[string]any{"a": 1}, []int{1}, false},
		{"scalars at the top", "x", "x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SameContent(tt.sent, tt.got)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("SameContent = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSameContentErrors(t *testing.T) {
	tests := []struct {
		name      string
		sent, got any
	}{
		{"sent cannot be encoded", map[string]any{"f": func() {}}, map[string]any{}},
		{"got is not JSON", map[string]any{}, json.RawMessage(`{`)},
	}
	for _, tt := range tests {
		if ok, err := SameContent(tt.sent, tt.got); err == nil || ok {
			t.Errorf("%s: got %v, %v; want an error", tt.name, ok, err)
		}
	}
}
