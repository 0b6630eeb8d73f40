package redacttest

import (
	"fmt"
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

// recorder is a testing.TB that keeps the failures instead of reporting them.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.failures = append(r.failures, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// TestCheckFails: Check fails on a leak and on output that lost what it
// should show, and passes a value that shows it and hides the key.
func TestCheckFails(t *testing.T) {
	const key = "fake-key-123"
	type plain struct{ name, key string }
	type safe struct {
		name string
		key  apiclient.Secret
	}
	tests := []struct {
		name  string
		value any
		shows string
		fails bool
	}{
		{"leak", plain{name: "acme", key: key}, "acme", true},
		{"lost the name", safe{name: "other", key: apiclient.NewSecret(key)}, "acme", true},
		{"safe", safe{name: "acme", key: apiclient.NewSecret(key)}, "acme", false},
	}
	for _, tt := range tests {
		r := &recorder{TB: t}
		Check(r, tt.value, []string{key}, tt.shows)
		if failed := len(r.failures) > 0; failed != tt.fails {
			t.Errorf("%s: Check failed %v (%q), want %v", tt.name, failed, r.failures, tt.fails)
		}
	}
}
