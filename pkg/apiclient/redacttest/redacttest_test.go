package redacttest

import (
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// TestFindSeesLeaks: a struct that keeps its key as a plain string leaks
// it with %v, with %x (hex) and through both slog handlers' raw printing,
// and Find says so; the same key as an apiclient.Secret leaks nowhere.
func TestFindSeesLeaks(t *testing.T) {
	const key = "fake-key-123"
	type plain struct{ key string }
	type exported struct{ Key string }
	type safe struct{ key apiclient.Secret }
	tests := []struct {
		name  string
		value any
		want  []string // renderings that must be reported
	}{
		{"plain field", plain{key: key}, []string{"%v ", "%x ", "% X ", "%d ", "slog text "}},
		{"exported field", exported{Key: key}, []string{"%v ", "slog text ", "slog json "}},
		{"secret field", safe{key: apiclient.NewSecret(key)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leaks := strings.Join(Find(tt.value, []string{key}), "\n")
			for _, how := range tt.want {
				if !strings.Contains(leaks, how+"of ") {
					t.Errorf("Find did not report the %q rendering; it reported:\n%s", how, leaks)
				}
			}
			if tt.want == nil && leaks != "" {
				t.Errorf("Find reported leaks of a Secret:\n%s", leaks)
			}
		})
	}
}
