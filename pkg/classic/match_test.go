package classic

import "testing"

func TestSameContent(t *testing.T) {
	str := func(s string) *string { return &s }
	stored := AgentVersion{
		Version:     2,
		Initials:    "IA",
		Background:  "helps",
		Behaviors:   []string{"be kind"},
		VoiceConfig: &VoiceConfigInstance{VoiceID: "v1", Stability: 0.5},
		Identity:    Identity{Name: "Ivy", Role: "intake"},
	}
	tests := []struct {
		name string
		sent any
		want bool
	}{
		{"equal fields, server-only fields ignored", CreateAgentVersionRequest{
			Initials: str("IA"), Background: str("helps"), Behaviors: []string{"be kind"},
			Identity: &Identity{Name: "Ivy", Role: "intake"}, VoiceConfig: &VoiceConfig{VoiceID: "v1"},
		}, true},
		{"omitted voice config means unchanged", CreateAgentVersionRequest{Initials: str("IA")}, true},
		{"different scalar", CreateAgentVersionRequest{Initials: str("IB")}, false},
		{"different nested", CreateAgentVersionRequest{Identity: &Identity{Name: "Ivy", Role: "billing"}}, false},
		{"different list length", CreateAgentVersionRequest{Behaviors: []string{"be kind", "be brief"}}, false},
		{"different voice", CreateAgentVersionRequest{VoiceConfig: &VoiceConfig{VoiceID: "v2"}}, false},
		{"numbers compare by value", map[string]any{"version": 2.0}, true},
		{"null top-level field is skipped", map[string]any{"voice_config": nil}, true},
		{"nested null matches absent", map[string]any{"identity": map[string]any{"nickname": nil}}, true},
		{"nested null does not match a value", map[string]any{"identity": map[string]any{"name": nil}}, false},
		{"type mismatch", map[string]any{"behaviors": "be kind"}, false},
		{"missing field in stored", map[string]any{"unknown": "x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sameContent(tt.sent, stored)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("sameContent = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSameContentErrors(t *testing.T) {
	if _, err := sameContent([]int{1}, AgentVersion{}); err == nil {
		t.Error("a non-object body: want an error")
	}
	if _, err := sameContent(map[string]any{"f": func() {}}, AgentVersion{}); err == nil {
		t.Error("an unencodable body: want an error")
	}
	if ok, err := sameContent(map[string]any{"a": 1}, []int{1}); err != nil || ok {
		t.Errorf("stored value not an object: got %v, %v; want false, nil", ok, err)
	}
}
