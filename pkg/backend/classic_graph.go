package backend

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// classicGraphToWire is the body of a new Classic context graph (SHSM)
// version; references by graph name are resolved to ids through idx.
func classicGraphToWire(g spec.ContextGraphSpec, idx Index) (classic.CreateSHSMVersionRequest, error) {
	refs := make(map[string]classic.Reference, len(g.References))
	for name, r := range g.References {
		id := r.ID
		if r.Graph != "" {
			var ok bool
			if id, ok = idx.ID(spec.KindContextGraph, r.Graph); !ok {
				return classic.CreateSHSMVersionRequest{}, fmt.Errorf("reference %q names context graph %q, which does not exist on the server", name, r.Graph)
			}
		}
		if r.Version.Kind != spec.PinNumber {
			return classic.CreateSHSMVersionRequest{}, fmt.Errorf("reference %q: %w", name,
				unsupported("version %q must be resolved to a version number first", r.Version.String()))
		}
		refs[name] = classic.Reference{ID: id, Version: r.Version.Number}
	}
	states := make([]classic.State, len(g.States))
	for i, s := range g.States {
		if !spec.DialectClassic.Allows(s.Type) {
			return classic.CreateSHSMVersionRequest{}, fmt.Errorf("state %q: %w", s.Name, unsupported("classic has no %s states", s.Type))
		}
		states[i] = classicStateToWire(s)
	}
	return classic.CreateSHSMVersionRequest{
		Description:                          g.Description,
		States:                               states,
		NewUserInitialState:                  g.NewUserInitialState,
		ReturningUserInitialState:            g.ReturningUserInitialState,
		TerminalState:                        g.TerminalState,
		References:                           refs,
		GlobalIntraStateNavigationGuidelines: nonNil(g.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nonNil(g.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nonNil(g.GlobalBoundaryConstraints),
	}, nil
}

// classicStateToWire converts one state; the wire type writes only the
// fields of the state's type.
func classicStateToWire(s spec.State) classic.State {
	actions := make([]string, len(s.Actions))
	for i, a := range s.Actions {
		actions[i] = a.Description
	}
	exits := make([]classic.ExitCondition, len(s.ExitConditions))
	for i, e := range s.ExitConditions {
		exits[i] = classic.ExitCondition{Description: e.Description, NextState: classicNextToWire(e.NextState)}
	}
	out := classic.State{
		Type: string(s.Type), Name: s.Name, Objective: s.Objective, Actions: actions,
		IntraStateNavigationGuidelines: s.IntraStateNavigationGuidelines,
		ActionGuidelines:               s.ActionGuidelines, BoundaryConstraints: s.BoundaryConstraints,
		ActionToolCallSpecs:        classicToolsToWire(s.ActionToolCallSpecs),
		ExitConditionToolCallSpecs: classicToolsToWire(s.ExitConditionToolCallSpecs),
		SkipActiveMemoryRetrieval:  s.SkipActiveMemoryRetrieval, ExitConditions: exits,
		DecisionGuidelines: s.DecisionGuidelines, ToolCallSpecs: classicToolsToWire(s.ToolCallSpecs),
		AudioFillers: s.AudioFillers, AudioFillerTriggeredAfter: deref(s.AudioFillerTriggeredAfter),
		Queries: s.Queries, RequestedInformation: s.RequestedInformation,
		InnerThought: s.InnerThought, Problem: s.Problem, WordLimit: s.WordLimit,
		DesignatedToolCallParamsGenerationAudioFillers:              s.DesignatedToolCallParamsFillers,
		DesignatedToolCallParamsGenerationAudioFillerTriggeredAfter: deref(s.DesignatedToolCallParamsFillerAt),
		DesignatedToolCallObjective:                                 s.DesignatedToolCallObjective,
		DesignatedToolCallContext:                                   s.DesignatedToolCallContext,
		DesignatedToolCallGuidances:                                 s.DesignatedToolCallGuidances,
		DesignatedToolCallValidations:                               s.DesignatedToolCallValidations,
	}
	if s.NextState != nil {
		out.NextState = classicNextToWire(*s.NextState)
	}
	if s.DesignatedTool != nil {
		t := classicToolToWire(*s.DesignatedTool)
		out.DesignatedTool = &t
	}
	return out
}

func classicNextToWire(n spec.NextState) classic.NextState {
	if n.IsExternal() {
		return classic.NextStateVia(n.External, n.JumpBack)
	}
	return classic.NextStateTo(n.State)
}

func classicToolsToWire(ts []spec.ToolCallSpec) []classic.ToolCallSpec {
	out := make([]classic.ToolCallSpec, len(ts))
	for i, t := range ts {
		out[i] = classicToolToWire(t)
	}
	return out
}

func classicToolToWire(t spec.ToolCallSpec) classic.ToolCallSpec {
	return classic.ToolCallSpec{
		ToolID: t.ToolID, VersionConstraint: t.VersionConstraint, AdditionalInstruction: t.AdditionalInstruction,
		AudioFillers: t.AudioFillers, AudioFillerTriggeredAfter: deref(t.AudioFillerTriggeredAfter),
		ResultPersistence: t.ResultPersistence,
	}
}

// classicGraphFromWire converts a stored version; references to graphs idx
// knows come back by name, the others by id.
func classicGraphFromWire(v classic.SHSMVersion, idx Index) spec.ContextGraphSpec {
	var refs map[string]spec.Reference
	for name, r := range v.References {
		if refs == nil {
			refs = map[string]spec.Reference{}
		}
		refs[name] = spec.Reference{ID: r.ID, Version: spec.NumberPin(r.Version)}
	}
	states := make([]spec.State, len(v.States))
	for i, s := range v.States {
		states[i] = classicStateFromWire(s)
	}
	return ResolveReferences(spec.ContextGraphSpec{
		Description:                          v.Description,
		States:                               nilIfEmpty(states),
		NewUserInitialState:                  v.NewUserInitialState,
		ReturningUserInitialState:            v.ReturningUserInitialState,
		TerminalState:                        v.TerminalState,
		References:                           refs,
		GlobalIntraStateNavigationGuidelines: nilIfEmpty(v.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nilIfEmpty(v.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nilIfEmpty(v.GlobalBoundaryConstraints),
	}, idx)
}

// classicStateFromWire converts one state, keeping only the fields of its
// type (the wire type zeroes the others).
func classicStateFromWire(s classic.State) spec.State {
	var actions []spec.Action
	for _, a := range s.Actions {
		actions = append(actions, spec.Action{Description: a})
	}
	var exits []spec.ExitCondition
	for _, e := range s.ExitConditions {
		exits = append(exits, spec.ExitCondition{Description: e.Description, NextState: classicNextFromWire(e.NextState)})
	}
	out := spec.State{
		Type: spec.StateType(s.Type), Name: s.Name, Objective: s.Objective, Actions: actions,
		IntraStateNavigationGuidelines: nilIfEmpty(s.IntraStateNavigationGuidelines),
		ActionGuidelines:               nilIfEmpty(s.ActionGuidelines),
		BoundaryConstraints:            nilIfEmpty(s.BoundaryConstraints),
		ExitConditions:                 exits,
		ActionToolCallSpecs:            classicToolsFromWire(s.ActionToolCallSpecs),
		ExitConditionToolCallSpecs:     classicToolsFromWire(s.ExitConditionToolCallSpecs),
		SkipActiveMemoryRetrieval:      s.SkipActiveMemoryRetrieval,
		DecisionGuidelines:             nilIfEmpty(s.DecisionGuidelines),
		ToolCallSpecs:                  classicToolsFromWire(s.ToolCallSpecs),
		AudioFillers:                   nilIfEmpty(s.AudioFillers),
		AudioFillerTriggeredAfter:      optional(s.AudioFillerTriggeredAfter),
		Queries:                        nilIfEmpty(s.Queries),
		RequestedInformation:           s.RequestedInformation,
		InnerThought:                   s.InnerThought, Problem: s.Problem, WordLimit: s.WordLimit,
		DesignatedToolCallParamsFillers:  nilIfEmpty(s.DesignatedToolCallParamsGenerationAudioFillers),
		DesignatedToolCallParamsFillerAt: optional(s.DesignatedToolCallParamsGenerationAudioFillerTriggeredAfter),
		DesignatedToolCallObjective:      s.DesignatedToolCallObjective,
		DesignatedToolCallContext:        s.DesignatedToolCallContext,
		DesignatedToolCallGuidances:      nilIfEmpty(s.DesignatedToolCallGuidances),
		DesignatedToolCallValidations:    nilIfEmpty(s.DesignatedToolCallValidations),
	}
	if hasNextState(s.Type) {
		n := classicNextFromWire(s.NextState)
		out.NextState = &n
	}
	if s.DesignatedTool != nil {
		t := classicToolFromWire(*s.DesignatedTool)
		out.DesignatedTool = &t
	}
	return out
}

// hasNextState reports whether states of type t carry a single next_state.
func hasNextState(t string) bool {
	switch t {
	case classic.StateTypeRecall, classic.StateTypeAnnotation, classic.StateTypeReflection, classic.StateTypeToolCall:
		return true
	}
	return false
}

func classicNextFromWire(n classic.NextState) spec.NextState {
	if n.Pair {
		return spec.NextState{External: n.External, JumpBack: n.JumpBack}
	}
	return spec.NextState{State: n.Name}
}

func classicToolsFromWire(ts []classic.ToolCallSpec) []spec.ToolCallSpec {
	var out []spec.ToolCallSpec
	for _, t := range ts {
		out = append(out, classicToolFromWire(t))
	}
	return out
}

func classicToolFromWire(t classic.ToolCallSpec) spec.ToolCallSpec {
	return spec.ToolCallSpec{
		ToolID: t.ToolID, VersionConstraint: t.VersionConstraint, AdditionalInstruction: t.AdditionalInstruction,
		AudioFillers: nilIfEmpty(t.AudioFillers), AudioFillerTriggeredAfter: optional(t.AudioFillerTriggeredAfter),
		ResultPersistence: t.ResultPersistence,
	}
}
