package backend

import (
	"maps"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// normalizeGraph normalises a context graph version: the graph goes through the
// wire form (which drops what Classic does not have: action filler hints,
// guardrails, data collection fields...), has the API's stripped strings
// trimmed, and comes back. References stay as written (by name or id).
func (classicNormalizer) normalizeGraph(g spec.ContextGraphSpec) spec.ContextGraphSpec {
	states := make([]classic.State, len(g.States))
	for i, s := range g.States {
		states[i] = trimClassicState(classicStateToWire(s))
	}
	out := classicGraphFromWire(classic.SHSMVersion{
		Description:                          trim(g.Description),
		States:                               states,
		NewUserInitialState:                  g.NewUserInitialState,
		ReturningUserInitialState:            g.ReturningUserInitialState,
		TerminalState:                        g.TerminalState,
		GlobalIntraStateNavigationGuidelines: trimAll(g.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               trimAll(g.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            trimAll(g.GlobalBoundaryConstraints),
	}, Index{})
	out.References = nilIfEmptyMap(maps.Clone(g.References))
	return out
}

// trimClassicState trims the stripped strings of a state. State names,
// version constraints and recall queries are not stripped by the API.
func trimClassicState(s classic.State) classic.State {
	s.Objective = trim(s.Objective)
	s.Actions = trimAll(s.Actions)
	s.IntraStateNavigationGuidelines = trimAll(s.IntraStateNavigationGuidelines)
	s.ActionGuidelines = trimAll(s.ActionGuidelines)
	s.BoundaryConstraints = trimAll(s.BoundaryConstraints)
	exits := make([]classic.ExitCondition, len(s.ExitConditions))
	for i, e := range s.ExitConditions {
		exits[i] = classic.ExitCondition{Description: trim(e.Description), NextState: e.NextState}
	}
	s.ExitConditions = exits
	s.ActionToolCallSpecs = trimClassicTools(s.ActionToolCallSpecs)
	s.ExitConditionToolCallSpecs = trimClassicTools(s.ExitConditionToolCallSpecs)
	s.ToolCallSpecs = trimClassicTools(s.ToolCallSpecs)
	s.DecisionGuidelines = trimAll(s.DecisionGuidelines)
	s.AudioFillers = trimAll(s.AudioFillers)
	s.RequestedInformation = trimPtr(s.RequestedInformation)
	s.InnerThought = trim(s.InnerThought)
	s.Problem = trim(s.Problem)
	if s.DesignatedTool != nil {
		t := trimClassicTools([]classic.ToolCallSpec{*s.DesignatedTool})[0]
		s.DesignatedTool = &t
	}
	s.DesignatedToolCallParamsGenerationAudioFillers = trimAll(s.DesignatedToolCallParamsGenerationAudioFillers)
	s.DesignatedToolCallObjective = trim(s.DesignatedToolCallObjective)
	s.DesignatedToolCallContext = trim(s.DesignatedToolCallContext)
	s.DesignatedToolCallGuidances = trimAll(s.DesignatedToolCallGuidances)
	s.DesignatedToolCallValidations = trimAll(s.DesignatedToolCallValidations)
	return s
}

func trimClassicTools(ts []classic.ToolCallSpec) []classic.ToolCallSpec {
	out := make([]classic.ToolCallSpec, len(ts))
	for i, t := range ts {
		t.AdditionalInstruction = trim(t.AdditionalInstruction)
		t.AudioFillers = trimAll(t.AudioFillers)
		out[i] = t
	}
	return out
}
