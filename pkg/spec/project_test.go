package spec

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestRateWindow: rate_window is a Go duration of at least 1ms, on URL and
// embedded targets alike; anything else is an error at the value, naming
// the target.
func TestRateWindow(t *testing.T) {
	v := newTestValidator(t)
	const url = "targets:\n  staging:\n    api: platform\n    url: http://127.0.0.1:8081\n    workspace: 0b7c5a62-3f1e-4c8a-9d2b-6e4f1a2b3c4d\n"
	const embedded = "targets:\n  local:\n    api: platform\n    embedded: true\n"
	// The value of the last line of url and embedded + "    rate_window: "
	// starts at line 6 (url) or 5 (embedded), column 18.
	tests := []struct {
		name, project, value string
		want                 time.Duration
		wantCode, wantMsg    string
	}{
		{"absent: a real minute", url, "", 0, "", ""},
		{"seconds", url, "1s", time.Second, "", ""},
		{"milliseconds", url, "250ms", 250 * time.Millisecond, "", ""},
		{"compound", url, "1m30s", 90 * time.Second, "", ""},
		{"fraction", url, "1.5s", 1500 * time.Millisecond, "", ""},
		{"the shortest", url, "1ms", time.Millisecond, "", ""},
		{"micro sign", url, "1500µs", 1500 * time.Microsecond, "", ""},
		{"embedded target", embedded, "1s", time.Second, "", ""},
		{"shorter than 1ms", url, "500us", 0, CodeOutOfRange, `target "staging": rate_window 500us is shorter than 1ms`},
		{"zero", url, "0s", 0, CodeOutOfRange, "shorter than 1ms"},
		{"too long", url, "9999999999h", 0, CodeOutOfRange, `rate_window "9999999999h" is too long`},
		{"no unit", url, "'60'", 0, CodeBadValue, "rate_window must be a duration with a unit"},
		{"negative", url, "-1s", 0, CodeBadValue, "rate_window must be a duration with a unit"},
		{"space inside", url, "'1 s'", 0, CodeBadValue, "rate_window must be a duration with a unit"},
		{"a number", url, "60", 0, CodeWrongType, "string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			project := tt.project
			if tt.value != "" {
				project += "    rate_window: " + tt.value + "\n"
			}
			b, diags := v.Validate(fstest.MapFS{
				"amigosync.yaml": {Data: []byte(project)},
				"g.yaml":         {Data: []byte(minimalGraph)},
			}, Options{})
			if tt.wantCode == "" {
				if len(diags) > 0 {
					t.Fatalf("unexpected diagnostics: %v", diags)
				}
				if b.Target.RateWindow != tt.want {
					t.Errorf("RateWindow = %v, want %v", b.Target.RateWindow, tt.want)
				}
				return
			}
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v; want one %s", diags, tt.wantCode)
			}
			d := diags[0]
			line := strings.Count(tt.project, "\n") + 1
			if d.Code != tt.wantCode || !strings.Contains(d.Summary, tt.wantMsg) || d.Range.Start != (Pos{line, 18}) || d.Range.File != "amigosync.yaml" {
				t.Errorf("got %s at %+v; want [%s] %q at amigosync.yaml:%d:18", d, d.Range, tt.wantCode, tt.wantMsg, line)
			}
		})
	}
}
