package migrate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// state converts one state to the Platform dialect. States Platform has no
// type for block the graph and are kept as they are, for the user to see.
func (gt *graphTranslator) state(s spec.State) spec.State {
	field := stateField(s.Name)
	before := len(gt.notes)
	var out spec.State
	switch s.Type {
	case spec.StateAction:
		out = gt.action(s, field)
	case spec.StateDecision:
		out = gt.decision(s, field)
	case spec.StateAnnotation:
		out = spec.State{Type: s.Type, Name: s.Name, InnerThought: s.InnerThought, NextState: s.NextState}
	case spec.StateRecall, spec.StateReflection, spec.StateToolCall:
		gt.add(blocking(field, gt.noPlatformType(s), gt.stateFix(s)))
		return s
	default:
		gt.add(blocking(field, fmt.Sprintf("state type %q is not a Classic one", s.Type), gt.stateFix(s)))
		return s
	}
	if len(gt.notes) == before && !gt.ruled[s.Name] {
		gt.add(carried(field))
	}
	return out
}

func (gt *graphTranslator) action(s spec.State, field string) spec.State {
	out := spec.State{Type: s.Type, Name: s.Name, Objective: s.Objective, Actions: s.Actions,
		IntraStateNavigationGuidelines: s.IntraStateNavigationGuidelines, ActionGuidelines: s.ActionGuidelines,
		BoundaryConstraints: s.BoundaryConstraints, ExitConditions: s.ExitConditions}
	if len(s.Actions) > 0 {
		gt.add(transformed(field+".actions", "each action, a string in Classic, becomes an object {description: the string}"))
	}
	out.ActionToolCallSpecs = gt.tools(field+".action_tool_call_specs", s.ActionToolCallSpecs)
	out.ExitConditionToolCallSpecs = gt.tools(field+".exit_condition_tool_call_specs", s.ExitConditionToolCallSpecs)
	if s.SkipActiveMemoryRetrieval {
		gt.add(lost(field+".skip_active_memory_retrieval",
			"Platform action states have no skip_active_memory_retrieval; Classic skipped active memory retrieval when a conversation entered this state, Platform does not",
			"nothing to write in the graph; if the state relied on it (for latency), test the state's behaviour on Platform"))
	}
	return out
}

func (gt *graphTranslator) decision(s spec.State, field string) spec.State {
	out := spec.State{Type: s.Type, Name: s.Name, Objective: s.Objective, DecisionGuidelines: s.DecisionGuidelines,
		ExitConditions: s.ExitConditions}
	out.ToolCallSpecs = gt.tools(field+".tool_call_specs", s.ToolCallSpecs)
	if len(s.AudioFillers) > 0 {
		gt.add(lost(field+".audio_fillers",
			fmt.Sprintf("Platform decision states have no audio fillers (Classic played %s%s while choosing the next state)",
				quoteList(s.AudioFillers), afterDelay(s.AudioFillerTriggeredAfter)),
			"set filler_hint on the state's exit conditions, or filler_vocabulary in the service's voice_config"))
	}
	return out
}

// noPlatformType says why a recall, reflection or tool-call state cannot
// move and what it did.
func (gt *graphTranslator) noPlatformType(s spec.State) string {
	var did string
	switch s.Type {
	case spec.StateRecall:
		if len(s.Queries) > 0 {
			did = "recalls " + quoteList(s.Queries)
		} else if s.RequestedInformation != nil {
			did = fmt.Sprintf("recalls %q", *s.RequestedInformation)
		}
	case spec.StateReflection:
		did = fmt.Sprintf("reflects on %q", s.Problem)
	case spec.StateToolCall:
		if s.DesignatedTool != nil {
			did = "calls tool " + s.DesignatedTool.ToolID
		}
	}
	if did != "" {
		did = "; this one " + did
	}
	return fmt.Sprintf("Platform has no %s states%s", s.Type, did)
}

// stateFix is the mapping-file rule that resolves a state that cannot
// move, with the natural choice for its type filled in.
func (gt *graphTranslator) stateFix(s spec.State) string {
	at := fmt.Sprintf("context_graphs.%s.states.%s", gt.name, s.Name)
	next := "STATE"
	if succ := s.Successors(); len(succ) == 1 && !succ[0].IsExternal() {
		next = succ[0].State
	}
	switch s.Type {
	case spec.StateReflection:
		return fmt.Sprintf("in the mapping file, replace it by an annotation with %s.annotate: %q (its problem as the inner thought), or remove it with %s.route_to: %s", at, s.Problem, at, next)
	case spec.StateToolCall:
		return fmt.Sprintf("in the mapping file, remove it with %s.route_to: %s and call the tool as a Platform skill from an action state's action_tool_call_specs, or replace it with %s.annotate: INNER_THOUGHT", at, next, at)
	}
	return fmt.Sprintf("in the mapping file, remove it with %s.route_to: %s, or replace it with %s.annotate: INNER_THOUGHT", at, next, at)
}

// tools converts tool call specs: the Classic tool id becomes the Platform
// skill the mapping file names (else the graph is blocked); Classic's
// version constraint and result persistence have no counterpart.
func (gt *graphTranslator) tools(field string, specs []spec.ToolCallSpec) []spec.ToolCallSpec {
	var out []spec.ToolCallSpec
	for i, tc := range specs {
		f := fmt.Sprintf("%s[%d]", field, i)
		rule := gt.t.rules.tools.get(tc.ToolID)
		switch {
		case rule == nil:
			gt.add(blocking(f+".tool_id", fmt.Sprintf("names Classic tool %s; Platform graphs call workspace skills (by id or slug), and Classic tools do not move", tc.ToolID),
				fmt.Sprintf("in the mapping file, name the Platform skill that does the same with tools.%s: SKILL, or drop the call with tools.%s: {drop: true}", tc.ToolID, tc.ToolID)))
			out = append(out, tc)
			continue
		case rule.drop:
			gt.t.used[rule] = true
			gt.add(transformed(f, fmt.Sprintf("the call of Classic tool %s is dropped by the mapping file (%s)", tc.ToolID, gt.t.ruleAt(rule.at))))
			continue
		}
		gt.t.used[rule] = true
		gt.add(transformed(f+".tool_id", fmt.Sprintf("Classic tool %s becomes Platform skill %s (mapping file %s)", tc.ToolID, rule.skill, gt.t.ruleAt(rule.at))))
		p := spec.ToolCallSpec{ToolID: rule.skill, AdditionalInstruction: tc.AdditionalInstruction,
			AudioFillers: tc.AudioFillers, AudioFillerTriggeredAfter: tc.AudioFillerTriggeredAfter}
		if tc.VersionConstraint != "" {
			gt.add(lost(f+".version_constraint", fmt.Sprintf("Platform tool calls have no version constraint (Classic called versions %s)", tc.VersionConstraint),
				"check that the skill's current version behaves like the Classic tool's matching versions"))
		}
		if tc.ResultPersistence != "" {
			gt.add(lost(f+".result_persistence", fmt.Sprintf("Classic's %s (how long later model calls see the result) has no Platform counterpart; Platform's result_persistence is another setting, left at its default, accumulate", tc.ResultPersistence),
				"set result_persistence: override if a later call of the skill should replace this result"))
		}
		out = append(out, p)
	}
	return out
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func afterDelay(f *float64) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf(" after %v s", *f)
}

// stateList names a graph's states for a message, at most ten of them.
func stateList(names map[string]bool) string {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	if len(list) > 10 {
		list = append(list[:10], "...")
	}
	return " (its states: " + strings.Join(list, ", ") + ")"
}
