package spec

import (
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// locateFS is a small Classic project whose positions the Locate tests
// name; line numbers are given in the comments of the expectations.
var locateFS = fstest.MapFS{
	"amigosync.yaml": {Data: []byte("targets:\n  local:\n    api: classic\n    embedded: true\n")},
	"agent.yaml": {Data: []byte(`apiVersion: amigosync/v1
kind: Agent
metadata:
  name: intake-agent
spec:
  initials: IA
  identity:
    name: Ida
    role: Intake assistant
    developed_by: Example
    default_spoken_language: eng
    relationship_to_developer: {ownership: Example, type: assistant, conversation_visibility: all, thought_visibility: none}
  background: Ida routes callers.
  behaviors:
    - Be brief.
  communication_patterns: ["Plain words."]
`)},
	"graphs.yaml": {Data: []byte(`apiVersion: amigosync/v1
kind: ContextGraph
metadata:
  name: triage
spec:
  description: Triage.
  new_user_initial_state: start
  returning_user_initial_state: start
  terminal_state: start
  states:
    - type: action
      name: start
      objective: Triage.
      actions: [Ask why they called.]
---
apiVersion: amigosync/v1
kind: ContextGraph
metadata:
  name: intake
spec:
  description: Route a caller.
  new_user_initial_state: greet
  returning_user_initial_state: greet
  terminal_state: done
  references:
    triage:
      graph: triage
      version: 4
  global_action_guidelines: &rules
    - Be brief.
  global_boundary_constraints: *rules
  states:
    - type: action
      name: greet
      objective: Greet the caller.
      actions:
        - Say hello.
      exit_conditions:
        - description: The caller said why.
          next_state: route
    - type: decision
      name: route
      objective: Decide where to go.
      exit_conditions:
        - description: Needs triage.
          next_state: [triage.start, done]
        - description: Done.
          next_state: done
      audio_filler_triggered_after: 2
    - type: action
      name: done
      objective: Say goodbye.
      actions:
        - Say goodbye.
`)},
	"service.yaml": {Data: []byte(`apiVersion: amigosync/v1
kind: Service
metadata:
  name: intake
spec:
  agent: intake-agent
  context_graph: intake
  description: Intake line.
  version_sets:
    release:
      agent: 3
      context_graph: 2
    staging: {agent: latest, context_graph: current}
`)},
	"broken.yaml": {Data: []byte("apiVersion: amigosync/v1\nkind: Agent\nmetadata:\n  name: broken\nspec: {}\n")},
}

// locateBundle validates locateFS; only broken.yaml may be reported.
func locateBundle(t *testing.T) *Bundle {
	t.Helper()
	b, diags := newTestValidator(t).Validate(locateFS, Options{Root: "m"})
	for _, d := range diags {
		if d.Range.File != "m/broken.yaml" {
			t.Fatalf("the fixture is not valid: %s", d)
		}
	}
	if len(diags) == 0 {
		t.Fatal("broken.yaml was accepted; the unknown-manifest case needs it invalid")
	}
	return b
}

// rng is a one-line range in a file of locateFS.
func rng(file string, line, col, endCol int) Range {
	return Range{File: "m/" + file, Start: Pos{line, col}, End: Pos{line, endCol}}
}

// TestLocate checks the range Locate gives for fields of every kind,
// list items by index and by name, aliases, paths that lead nowhere and
// manifests the bundle does not hold.
func TestLocate(t *testing.T) {
	b := locateBundle(t)
	tests := []struct {
		name string
		kind Kind
		man  string
		path string // segments joined by "/"
		want Range
	}{
		// Scalars: the value's range.
		{"metadata name", KindService, "intake", "metadata/name", rng("service.yaml", 4, 9, 15)},
		{"service field", KindService, "intake", "spec/agent", rng("service.yaml", 6, 10, 22)},
		{"version set pin", KindService, "intake", "spec/version_sets/release/agent", rng("service.yaml", 11, 14, 15)},
		{"pin in a flow mapping", KindService, "intake", "spec/version_sets/staging/context_graph", rng("service.yaml", 13, 45, 52)},
		{"nested agent field", KindAgent, "intake-agent", "spec/identity/role", rng("agent.yaml", 9, 11, 27)},
		{"list item by index", KindAgent, "intake-agent", "spec/behaviors/0", rng("agent.yaml", 15, 7, 16)},
		{"quoted scalar", KindAgent, "intake-agent", "spec/communication_patterns/0", rng("agent.yaml", 16, 28, 42)},
		{"graph reference version", KindContextGraph, "intake", "spec/references/triage/version", rng("graphs.yaml", 28, 16, 17)},
		{"graph reference name", KindContextGraph, "intake", "spec/references/triage/graph", rng("graphs.yaml", 27, 14, 20)},
		{"state field by state name", KindContextGraph, "intake", "spec/states/route/objective", rng("graphs.yaml", 43, 18, 37)},
		{"state field by index", KindContextGraph, "intake", "spec/states/1/objective", rng("graphs.yaml", 43, 18, 37)},
		{"transition in a state", KindContextGraph, "intake", "spec/states/greet/exit_conditions/0/next_state", rng("graphs.yaml", 40, 23, 28)},
		{"external transition", KindContextGraph, "intake", "spec/states/route/exit_conditions/0/next_state/0", rng("graphs.yaml", 46, 24, 36)},
		{"through an alias", KindContextGraph, "intake", "spec/global_boundary_constraints/0", rng("graphs.yaml", 30, 7, 16)},
		{"second document of a file", KindContextGraph, "triage", "spec/terminal_state", rng("graphs.yaml", 9, 19, 24)},
		// Mappings and lists under a key: the key's range; list items
		// and the manifest: their start.
		{"version set", KindService, "intake", "spec/version_sets/release", rng("service.yaml", 10, 5, 12)},
		{"list under a key", KindContextGraph, "intake", "spec/states/route/exit_conditions", rng("graphs.yaml", 44, 7, 22)},
		{"alias of a list", KindContextGraph, "intake", "spec/global_boundary_constraints", rng("graphs.yaml", 31, 3, 30)},
		{"state by name", KindContextGraph, "intake", "spec/states/route", rng("graphs.yaml", 41, 7, 7)},
		{"state by index", KindContextGraph, "intake", "spec/states/1", rng("graphs.yaml", 41, 7, 7)},
		{"manifest", KindService, "intake", "", rng("service.yaml", 1, 1, 1)},
		{"first document of a file", KindContextGraph, "triage", "", rng("graphs.yaml", 1, 1, 1)},
		// Paths that lead nowhere: the closest ancestor.
		{"missing field of a set", KindService, "intake", "spec/version_sets/release/llm_model_preferences", rng("service.yaml", 10, 5, 12)},
		{"missing set", KindService, "intake", "spec/version_sets/canary/agent", rng("service.yaml", 9, 3, 15)},
		{"below a scalar", KindService, "intake", "spec/version_sets/release/agent/deeper", rng("service.yaml", 11, 14, 15)},
		{"unknown state", KindContextGraph, "intake", "spec/states/nosuch/objective", rng("graphs.yaml", 32, 3, 9)},
		{"index out of range", KindContextGraph, "intake", "spec/states/9", rng("graphs.yaml", 32, 3, 9)},
		{"missing top-level key", KindAgent, "intake-agent", "status", rng("agent.yaml", 1, 1, 1)},
		// No such valid manifest: the zero Range.
		{"unknown name", KindService, "no-such-service", "spec/agent", Range{}},
		{"kind does not match", KindAgent, "intake", "", Range{}},
		// A manifest with problems is in the bundle too (decoded without
		// its refused values), so it is found.
		{"manifest that failed validation", KindAgent, "broken", "spec", rng("broken.yaml", 5, 1, 5)},
		{"unknown kind", Kind("Skill"), "intake", "", Range{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var path []string
			if tc.path != "" {
				path = strings.Split(tc.path, "/")
			}
			if diff := cmp.Diff(tc.want, b.Locate(tc.kind, tc.man, path...)); diff != "" {
				t.Errorf("Locate(%s, %s, %s) (-want +got):\n%s", tc.kind, tc.man, tc.path, diff)
			}
		})
	}
}

// TestLocateWithoutText checks that a Bundle whose files' text is not known
// (one built by hand) points at the manifest's first line.
func TestLocateWithoutText(t *testing.T) {
	b := &Bundle{Services: []Service{{Name: "intake", Source: Source{File: "s.yaml", Pos: Pos{3, 1}}}}}
	want := Range{File: "s.yaml", Start: Pos{3, 1}, End: Pos{3, 1}}
	if diff := cmp.Diff(want, b.Locate(KindService, "intake", "spec", "agent")); diff != "" {
		t.Errorf("Locate (-want +got):\n%s", diff)
	}
}

// TestLocateConcurrent asks for positions in one file from several
// goroutines at once, the first of which parses it (run with -race).
func TestLocateConcurrent(t *testing.T) {
	b := locateBundle(t)
	want := rng("graphs.yaml", 43, 18, 37)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := b.Locate(KindContextGraph, "intake", "spec", "states", "route", "objective"); got != want {
				t.Errorf("Locate = %v, want %v", got, want)
			}
		})
	}
	wg.Wait()
}
