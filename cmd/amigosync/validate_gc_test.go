package main

import (
	"runtime/debug"
	"testing"
)

// TestRaiseGCPercent checks that validate raises the collector's target
// only when GOGC is not set, and always puts the previous one back.
func TestRaiseGCPercent(t *testing.T) {
	tests := []struct {
		name   string
		getenv func(string) string
		during int
	}{
		{"no environment", nil, validateGCPercent},
		{"GOGC unset", func(string) string { return "" }, validateGCPercent},
		{"GOGC set", func(k string) string { return map[string]string{"GOGC": "50"}[k] }, 123},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := debug.SetGCPercent(123)
			defer debug.SetGCPercent(prev)
			restore := raiseGCPercent(tt.getenv)
			if got := debug.SetGCPercent(tt.during); got != tt.during {
				t.Errorf("GC percent during validate = %d, want %d", got, tt.during)
			}
			restore()
			if got := debug.SetGCPercent(123); got != 123 {
				t.Errorf("GC percent after validate = %d, want 123 restored", got)
			}
		})
	}
}
