package migrate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// want is one finding a test expects: its outcome, field, whether it
// blocks and a part of its detail (and fix).
type want struct {
	outcome  migrate.Outcome
	field    string
	blocking bool
	detail   string
	fix      string
}

// TestStates checks what becomes of each Classic state type and of the
// fields that have no Platform counterpart.
func TestStates(t *testing.T) {
	tests := []struct {
		name   string
		states string
		mapf   string
		status migrate.Status
		want   []want
		check  func(t *testing.T, g spec.ContextGraphSpec)
	}{{
		name: "action and decision",
		states: `    - type: action
      name: start
      objective: Start.
      actions: [Say hello., Ask why they called.]
      skip_active_memory_retrieval: true
      exit_conditions:
        - {description: Go on., next_state: choose}
    - type: decision
      name: choose
      objective: Choose.
      decision_guidelines: [Pick one.]
      audio_fillers: [Hmm.]
      audio_filler_triggered_after: 2
      exit_conditions:
        - {description: Done., next_state: end}
        - {description: Again., next_state: note}
    - type: annotation
      name: note
      inner_thought: Again.
      next_state: start
` + endState("end"),
		status: migrate.Ready,
		want: []want{
			{outcome: migrate.Transformed, field: "spec.states[start].actions", detail: "{description: the string}"},
			{outcome: migrate.CannotMove, field: "spec.states[start].skip_active_memory_retrieval", detail: "no skip_active_memory_retrieval"},
			{outcome: migrate.CannotMove, field: "spec.states[choose].audio_fillers", detail: `"Hmm." after 2 s`, fix: "filler_hint"},
			{outcome: migrate.Carried, field: "spec.states[note]"},
		},
		check: func(t *testing.T, g spec.ContextGraphSpec) {
			s, _ := g.State("start")
			if diff := cmp.Diff([]spec.Action{{Description: "Say hello."}, {Description: "Ask why they called."}}, s.Actions); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
			if s.SkipActiveMemoryRetrieval {
				t.Error("skip_active_memory_retrieval is still set")
			}
			d, _ := g.State("choose")
			if d.AudioFillers != nil || d.AudioFillerTriggeredAfter != nil {
				t.Errorf("the decision state keeps its audio fillers: %v", d.AudioFillers)
			}
		},
	}, {
		name: "recall",
		states: `    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      exit_conditions:
        - {description: Go on., next_state: remember}
    - type: recall
      name: remember
      requested_information: The caller's last visit.
      next_state: end
` + endState("end"),
		status: migrate.Blocked,
		want: []want{{outcome: migrate.CannotMove, field: "spec.states[remember]", blocking: true,
			detail: `no recall states; this one recalls "The caller's last visit."`,
			fix:    "context_graphs.g.states.remember.route_to: end"}},
	}, {
		name: "reflection",
		states: `    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      exit_conditions:
        - {description: Go on., next_state: think}
    - type: reflection
      name: think
      problem: What does the caller want?
      word_limit: 50
      audio_filler_triggered_after: 1
      next_state: end
` + endState("end"),
		status: migrate.Blocked,
		want: []want{{outcome: migrate.CannotMove, field: "spec.states[think]", blocking: true,
			detail: "no reflection states", fix: `context_graphs.g.states.think.annotate: "What does the caller want?"`}},
	}, {
		name: "tool-call",
		states: `    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      exit_conditions:
        - {description: Go on., next_state: call}
` + toolCallState + endState("end"),
		status: migrate.Blocked,
		want: []want{{outcome: migrate.CannotMove, field: "spec.states[call]", blocking: true,
			detail: "no tool-call states; this one calls tool 5f1e2d3c4b5a69788796a5b5", fix: "route_to: end"}},
	}, {
		name:   "tool call spec without a rule",
		states: toolStates,
		status: migrate.Blocked,
		want: []want{{outcome: migrate.CannotMove, field: "spec.states[start].action_tool_call_specs[0].tool_id", blocking: true,
			detail: "names Classic tool 5f1e2d3c4b5a69788796a5b4", fix: "tools.5f1e2d3c4b5a69788796a5b4: SKILL"}},
	}, {
		name:   "tool call spec mapped to a skill",
		states: toolStates,
		mapf:   "format_version: 1\ntools:\n  5f1e2d3c4b5a69788796a5b4: account-lookup\n",
		status: migrate.Ready,
		want: []want{
			{outcome: migrate.Transformed, field: "spec.states[start].action_tool_call_specs[0].tool_id", detail: "becomes Platform skill account-lookup (mapping file map.yaml:3:3)"},
			{outcome: migrate.CannotMove, field: "spec.states[start].action_tool_call_specs[0].version_constraint", detail: ">=1.0.0"},
			{outcome: migrate.CannotMove, field: "spec.states[start].action_tool_call_specs[0].result_persistence", detail: "persisted"},
		},
		check: func(t *testing.T, g spec.ContextGraphSpec) {
			s, _ := g.State("start")
			want := []spec.ToolCallSpec{{ToolID: "account-lookup", AdditionalInstruction: "Look it up.", AudioFillerTriggeredAfter: ptr(1.0)}}
			if diff := cmp.Diff(want, s.ActionToolCallSpecs); diff != "" {
				t.Errorf("tool call specs (-want +got):\n%s", diff)
			}
		},
	}, {
		name:   "tool call spec dropped",
		states: toolStates,
		mapf:   "format_version: 1\ntools:\n  5f1e2d3c4b5a69788796a5b4: {drop: true}\n",
		status: migrate.Ready,
		want:   []want{{outcome: migrate.Transformed, field: "spec.states[start].action_tool_call_specs[0]", detail: "dropped by the mapping file (map.yaml:3:3)"}},
		check: func(t *testing.T, g spec.ContextGraphSpec) {
			if s, _ := g.State("start"); len(s.ActionToolCallSpecs) != 0 {
				t.Errorf("tool call specs = %v, want none", s.ActionToolCallSpecs)
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := org(t, map[string]string{"context-graphs/g/v1.yaml": graph("g", "end", "  states:\n"+tt.states)})
			opts := migrate.Options{}
			if tt.mapf != "" {
				opts.Map = parseMap(t, tt.mapf)
			}
			res := translate(t, src, opts)
			r := report(t, res, spec.KindContextGraph, "g")
			if r.Status != tt.status {
				t.Errorf("status = %s, want %s; findings: %+v", r.Status, tt.status, r.Blocking())
			}
			for _, w := range tt.want {
				checkFinding(t, r, w)
			}
			if tt.check != nil {
				tt.check(t, lastGraph(t, res, "g"))
			}
		})
	}
}

// toolStates is a graph whose start state calls a Classic tool.
var toolStates = `    - type: action
      name: start
      objective: Start.
      actions: [Hello.]
      action_tool_call_specs:
        - tool_id: 5f1e2d3c4b5a69788796a5b4
          version_constraint: ">=1.0.0"
          additional_instruction: Look it up.
          audio_filler_triggered_after: 1
          result_persistence: persisted
      exit_conditions:
        - {description: Done., next_state: end}
` + endState("end")

func checkFinding(t *testing.T, r *migrate.ResourceReport, w want) {
	t.Helper()
	f := finding(t, r, w.outcome, w.field)
	if f.Blocking != w.blocking {
		t.Errorf("%s: blocking = %v, want %v", w.field, f.Blocking, w.blocking)
	}
	if !strings.Contains(f.Detail, w.detail) {
		t.Errorf("%s: detail %q does not say %q", w.field, f.Detail, w.detail)
	}
	if !strings.Contains(f.Fix, w.fix) {
		t.Errorf("%s: fix %q does not say %q", w.field, f.Fix, w.fix)
	}
}

func ptr[T any](v T) *T { return &v }
