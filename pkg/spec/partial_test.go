package spec

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestSchemaErrorHidesNothing: after a schema error the rest of the
// manifest is still checked (the refused value is absent for the later
// rules), and rules that would only repeat the refused value are skipped.
func TestSchemaErrorHidesNothing(t *testing.T) {
	tests := []struct {
		name, from, to string // edit of minimalGraph
		want           string // codes, sorted by position
	}{
		{"a wrong type alone",
			"  new_user_initial_state: start\n", "  description: 5\n  new_user_initial_state: start\n",
			CodeWrongType},
		{"a wrong type does not stop the graph rules",
			"      exit_conditions: [{description: Done., next_state: end}]", "      exit_conditions: [{description: 5, next_state: nowhere}]",
			CodeWrongType + "," + CodeNextStateUnknown},
		{"a duplicate key does not stop the graph rules",
			"      exit_conditions: [{description: Done., next_state: end}]", "      objective: 7\n      exit_conditions: [{description: Done., next_state: nowhere}]",
			CodeYAMLDuplicate + "," + CodeNextStateUnknown},
		{"a refused state name skips the graph rules (they would repeat it)",
			"      name: end\n", "      name: 5\n", CodeWrongType},
		{"a refused next_state skips the graph rules",
			"next_state: end}]", "next_state: {to: end}}]", CodeWrongType},
		{"one refused action does not (the state still has one)",
			"actions: [{description: Say goodbye.}]", "actions: [{description: 5}]\n      exit_conditions: [{description: x, next_state: start}]",
			CodeWrongType + "," + CodeTerminalExits},
		{"a refused terminal state skips the graph rules",
			"  terminal_state: end\n", "  terminal_state: [end]\n", CodeWrongType},
	}
	v := newTestValidator(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(minimalGraph, tt.from) {
				t.Fatalf("minimalGraph has no %q", tt.from)
			}
			data := strings.Replace(minimalGraph, tt.from, tt.to, 1)
			b, diags := v.Validate(fstest.MapFS{"g.yaml": {Data: []byte(data)}}, Options{})
			if got := strings.Join(codes(diags), ","); got != tt.want {
				t.Errorf("codes %s, want %s:\n%v", got, tt.want, diags)
			}
			if len(b.ContextGraphs) != 1 {
				t.Errorf("%d graphs in the bundle, want 1 (decoded without the refused value)", len(b.ContextGraphs))
			}
		})
	}
}
