package emulator

import (
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

// TestServiceDefaultsMatchTheDocument: platform's Default* constants, which
// the emulator creates services over and pkg/backend's Normalizer fills
// into manifests, are the defaults the OpenAPI document states.
func TestServiceDefaultsMatchTheDocument(t *testing.T) {
	s, err := newSchemas(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		schema, property string
		want             any // as encoding/json decodes the document
	}{
		{"CreateServiceRequest", "channel_type", platform.DefaultChannelType},
		{"CreateServiceRequest", "environment", platform.DefaultEnvironment},
		{"CreateServiceRequest", "is_active", platform.DefaultIsActive},
		{"CreateServiceRequest", "safety_filters_enabled", platform.DefaultSafetyFiltersEnabled},
		{"CreateServiceRequest", "tool_capacity", float64(platform.DefaultToolCapacity)},
		{"ServiceVoiceConfig", "backchannel_delay_ms", float64(platform.DefaultBackchannelDelayMS)},
		{"ServiceVoiceConfig", "filler_style", platform.DefaultFillerStyle},
		{"ServiceVoiceConfig", "forward_call_enabled", platform.DefaultForwardCallEnabled},
	}
	for _, tc := range tests {
		props, _ := s.defs[tc.schema]["properties"].(map[string]any)
		prop, _ := props[tc.property].(map[string]any)
		got, ok := prop["default"]
		if !ok {
			t.Errorf("%s.%s has no default in the document; the constant is %v", tc.schema, tc.property, tc.want)
			continue
		}
		if got != tc.want {
			t.Errorf("%s.%s defaults to %v (%T) in the document; the constant is %v (%T)", tc.schema, tc.property, got, got, tc.want, tc.want)
		}
	}
}
