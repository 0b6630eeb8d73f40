package backend

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// The parts of Platform states: exit conditions, tool call specs,
// guardrails and channel overrides, both ways.

func exitsToWire(es []spec.ExitCondition) ([]platform.ExitCondition, error) {
	out := make([]platform.ExitCondition, len(es))
	for i, e := range es {
		if e.NextState.IsExternal() {
			return nil, unsupported("exit condition %d: platform has no transitions into other graphs (%s)", i+1, e.NextState.External)
		}
		out[i] = platform.ExitCondition{Description: e.Description, NextState: e.NextState.State, FillerHint: e.FillerHint}
	}
	return out, nil
}

func exitsFromWire(es []platform.ExitCondition) []spec.ExitCondition {
	var out []spec.ExitCondition
	for _, e := range es {
		out = append(out, spec.ExitCondition{Description: e.Description, NextState: spec.NextState{State: e.NextState}, FillerHint: e.FillerHint})
	}
	return out
}

// toolsToWire converts tool call specs; the Classic-only version
// constraint has no place here and is refused.
func toolsToWire(ts []spec.ToolCallSpec) ([]platform.ToolCallSpec, error) {
	if len(ts) == 0 {
		return nil, nil
	}
	out := make([]platform.ToolCallSpec, len(ts))
	for i, t := range ts {
		if t.VersionConstraint != "" {
			return nil, fmt.Errorf("tool call %s: %w", t.ToolID, unsupported("platform tool calls have no version_constraint"))
		}
		var progress *platform.ProgressHint
		if t.Progress != nil {
			var err error
			if progress, err = recode[*platform.ProgressHint](t.Progress); err != nil {
				return nil, fmt.Errorf("tool call %s: progress: %w", t.ToolID, err)
			}
		}
		out[i] = platform.ToolCallSpec{
			ToolID: t.ToolID, AdditionalInstruction: optional(t.AdditionalInstruction),
			AudioFillerTriggeredAfter: t.AudioFillerTriggeredAfter, AudioFillers: t.AudioFillers,
			NavigateOnCompletion: t.NavigateOnCompletion, Progress: progress,
			ResultPersistence: optional(t.ResultPersistence),
		}
	}
	return out, nil
}

func toolsFromWire(ts []platform.ToolCallSpec) []spec.ToolCallSpec {
	var out []spec.ToolCallSpec
	for _, t := range ts {
		out = append(out, spec.ToolCallSpec{
			ToolID: t.ToolID, AdditionalInstruction: deref(t.AdditionalInstruction),
			AudioFillers: nilIfEmpty(t.AudioFillers), AudioFillerTriggeredAfter: t.AudioFillerTriggeredAfter,
			ResultPersistence: deref(t.ResultPersistence), NavigateOnCompletion: t.NavigateOnCompletion,
			Progress: toMap(t.Progress),
		})
	}
	return out
}

func guardrailsToWire(gs []spec.Guardrail) []platform.Guardrail {
	if len(gs) == 0 {
		return nil
	}
	out := make([]platform.Guardrail, len(gs))
	for i, g := range gs {
		out[i] = platform.Guardrail{Name: g.Name, Description: g.Description, Enforcement: optional(g.Enforcement)}
	}
	return out
}

func guardrailsFromWire(gs []platform.Guardrail) []spec.Guardrail {
	var out []spec.Guardrail
	for _, g := range gs {
		out = append(out, spec.Guardrail{Name: g.Name, Description: g.Description, Enforcement: deref(g.Enforcement)})
	}
	return out
}

func overridesFromWire(m map[string]platform.ChannelOverride) map[string]spec.ChannelOverride {
	var out map[string]spec.ChannelOverride
	for k, o := range m {
		if out == nil {
			out = map[string]spec.ChannelOverride{}
		}
		out[k] = spec.ChannelOverride{Objective: o.Objective, ActionGuidelines: nilIfEmpty(o.ActionGuidelines), Progress: toMap(o.Progress)}
	}
	return out
}
