package backend

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// platformGraphToWire is the body of a new Platform context graph version.
func platformGraphToWire(g spec.ContextGraphSpec) (platform.CreateContextGraphVersionRequest, error) {
	if len(g.References) > 0 {
		return platform.CreateContextGraphVersionRequest{}, unsupported("platform context graphs have no references")
	}
	states := make([]platform.ContextGraphState, len(g.States))
	for i, s := range g.States {
		conv, ok := platformStates()[s.Type]
		if !ok {
			return platform.CreateContextGraphVersionRequest{}, fmt.Errorf("state %q: %w", s.Name, unsupported("platform has no %s states", s.Type))
		}
		var err error
		if states[i], err = conv.toWire(s); err != nil {
			return platform.CreateContextGraphVersionRequest{}, fmt.Errorf("state %q: %w", s.Name, err)
		}
	}
	return platform.CreateContextGraphVersionRequest{
		Description:                          &g.Description,
		States:                               states,
		NewUserInitialState:                  g.NewUserInitialState,
		ReturningUserInitialState:            g.ReturningUserInitialState,
		TerminalState:                        g.TerminalState,
		GlobalIntraStateNavigationGuidelines: nonNil(g.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nonNil(g.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nonNil(g.GlobalBoundaryConstraints),
		TopologyDescription:                  g.TopologyDescription,
	}, nil
}

// platformGraphFromWire converts a stored version.
func platformGraphFromWire(v platform.ContextGraphVersionResponse) (spec.ContextGraphSpec, error) {
	states := make([]spec.State, len(v.States))
	for i, s := range v.States {
		conv, ok := platformStates()[spec.StateType(s.Type)]
		if !ok {
			return spec.ContextGraphSpec{}, fmt.Errorf("state %q has type %q, which amigosync does not know", s.Name(), s.Type)
		}
		states[i] = conv.fromWire(s)
	}
	return spec.ContextGraphSpec{
		Description:                          v.Description,
		TopologyDescription:                  v.TopologyDescription,
		States:                               nilIfEmpty(states),
		NewUserInitialState:                  v.NewUserInitialState,
		ReturningUserInitialState:            v.ReturningUserInitialState,
		TerminalState:                        v.TerminalState,
		GlobalIntraStateNavigationGuidelines: nilIfEmpty(v.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nilIfEmpty(v.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nilIfEmpty(v.GlobalBoundaryConstraints),
	}, nil
}

// platformStateConv converts one Platform state type both ways.
type platformStateConv struct {
	toWire   func(spec.State) (platform.ContextGraphState, error)
	fromWire func(platform.ContextGraphState) spec.State
}

// platformStates is the table of Platform state types.
func platformStates() map[spec.StateType]platformStateConv {
	return map[spec.StateType]platformStateConv{
		spec.StateAction:         {actionToWire, actionFromWire},
		spec.StateDecision:       {decisionToWire, decisionFromWire},
		spec.StateAnnotation:     {annotationToWire, annotationFromWire},
		spec.StateDataCollection: {collectionToWire, collectionFromWire},
	}
}

// stateExtras are the optional objects several state types share, in
// their wire form.
type stateExtras struct {
	overrides  map[string]platform.ChannelOverride
	turn       *platform.TurnPolicy
	escalation *platform.StateRiskOverride
}

// extrasToWire converts the free-form objects of a manifest state.
func extrasToWire(s spec.State) (stateExtras, error) {
	var x stateExtras
	var err error
	if x.overrides, err = recode[map[string]platform.ChannelOverride](s.ChannelOverrides); err != nil {
		return x, fmt.Errorf("channel_overrides: %w", err)
	}
	if s.TurnPolicy != nil {
		if x.turn, err = recode[*platform.TurnPolicy](s.TurnPolicy); err != nil {
			return x, fmt.Errorf("turn_policy: %w", err)
		}
	}
	if s.EscalationConfig != nil {
		if x.escalation, err = recode[*platform.StateRiskOverride](s.EscalationConfig); err != nil {
			return x, fmt.Errorf("escalation_config: %w", err)
		}
	}
	return x, nil
}

func actionToWire(s spec.State) (platform.ContextGraphState, error) {
	x, err := extrasToWire(s)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	exits, err := exitsToWire(s.ExitConditions)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	actions := make([]platform.Action, len(s.Actions))
	for i, a := range s.Actions {
		actions[i] = platform.Action{Description: a.Description, FillerHint: a.FillerHint}
	}
	action, err := toolsToWire(s.ActionToolCallSpecs)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	exit, err := toolsToWire(s.ExitConditionToolCallSpecs)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	return platform.ContextGraphState{Type: platform.StateTypeAction, Action: &platform.ActionState{
		Name: s.Name, Objective: s.Objective, Actions: actions,
		IntraStateNavigationGuidelines: s.IntraStateNavigationGuidelines,
		ActionGuidelines:               s.ActionGuidelines, BoundaryConstraints: s.BoundaryConstraints,
		ExitConditions: exits, ActionToolCallSpecs: action, ExitConditionToolCallSpecs: exit,
		Guardrails: guardrailsToWire(s.Guardrails), ChannelOverrides: x.overrides,
		EscalationConfig: x.escalation, SurfaceSpecTemplate: s.SurfaceSpecTemplate,
		TurnPolicy: x.turn, WaitFor: s.WaitFor,
	}}, nil
}

func actionFromWire(w platform.ContextGraphState) spec.State {
	a := w.Action
	var actions []spec.Action
	for _, x := range a.Actions {
		actions = append(actions, spec.Action{Description: x.Description, FillerHint: x.FillerHint})
	}
	return spec.State{
		Type: spec.StateAction, Name: a.Name, Objective: a.Objective, Actions: actions,
		IntraStateNavigationGuidelines: nilIfEmpty(a.IntraStateNavigationGuidelines),
		ActionGuidelines:               nilIfEmpty(a.ActionGuidelines),
		BoundaryConstraints:            nilIfEmpty(a.BoundaryConstraints),
		ExitConditions:                 exitsFromWire(a.ExitConditions),
		ActionToolCallSpecs:            toolsFromWire(a.ActionToolCallSpecs),
		ExitConditionToolCallSpecs:     toolsFromWire(a.ExitConditionToolCallSpecs),
		Guardrails:                     guardrailsFromWire(a.Guardrails),
		ChannelOverrides:               overridesFromWire(a.ChannelOverrides),
		EscalationConfig:               toMap(a.EscalationConfig),
		SurfaceSpecTemplate:            nilIfEmptyMap(a.SurfaceSpecTemplate),
		TurnPolicy:                     toMap(a.TurnPolicy),
		WaitFor:                        a.WaitFor,
	}
}

func decisionToWire(s spec.State) (platform.ContextGraphState, error) {
	x, err := extrasToWire(s)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	exits, err := exitsToWire(s.ExitConditions)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	tools, err := toolsToWire(s.ToolCallSpecs)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	return platform.ContextGraphState{Type: platform.StateTypeDecision, Decision: &platform.DecisionState{
		Name: s.Name, Objective: s.Objective, ExitConditions: exits, DecisionGuidelines: s.DecisionGuidelines,
		ToolCallSpecs: tools, Guardrails: guardrailsToWire(s.Guardrails), ChannelOverrides: x.overrides,
		TurnPolicy: x.turn, WaitFor: s.WaitFor,
	}}, nil
}

func decisionFromWire(w platform.ContextGraphState) spec.State {
	d := w.Decision
	return spec.State{
		Type: spec.StateDecision, Name: d.Name, Objective: d.Objective,
		ExitConditions:     exitsFromWire(d.ExitConditions),
		DecisionGuidelines: nilIfEmpty(d.DecisionGuidelines),
		ToolCallSpecs:      toolsFromWire(d.ToolCallSpecs),
		Guardrails:         guardrailsFromWire(d.Guardrails),
		ChannelOverrides:   overridesFromWire(d.ChannelOverrides),
		TurnPolicy:         toMap(d.TurnPolicy),
		WaitFor:            d.WaitFor,
	}
}

func annotationToWire(s spec.State) (platform.ContextGraphState, error) {
	next := ""
	if s.NextState != nil {
		if s.NextState.IsExternal() {
			return platform.ContextGraphState{}, unsupported("platform has no transitions into other graphs (%s)", s.NextState.External)
		}
		next = s.NextState.State
	}
	return platform.ContextGraphState{Type: platform.StateTypeAnnotation, Annotation: &platform.AnnotationState{
		Name: s.Name, InnerThought: s.InnerThought, NextState: next,
	}}, nil
}

func annotationFromWire(w platform.ContextGraphState) spec.State {
	a := w.Annotation
	return spec.State{Type: spec.StateAnnotation, Name: a.Name, InnerThought: a.InnerThought, NextState: &spec.NextState{State: a.NextState}}
}

func collectionToWire(s spec.State) (platform.ContextGraphState, error) {
	x, err := extrasToWire(s)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	tools, err := toolsToWire(s.ToolCallSpecs)
	if err != nil {
		return platform.ContextGraphState{}, err
	}
	fields := make([]platform.CollectionField, len(s.Fields))
	for i, f := range s.Fields {
		fields[i] = platform.CollectionField(f)
	}
	return platform.ContextGraphState{Type: platform.StateTypeDataCollection, DataCollection: &platform.DataCollectionState{
		Name: s.Name, Objective: s.Objective, Fields: fields, OnComplete: s.OnComplete,
		ActionGuidelines: s.ActionGuidelines, BoundaryConstraints: s.BoundaryConstraints,
		ChannelOverrides: x.overrides, Guardrails: guardrailsToWire(s.Guardrails), MaxTurns: s.MaxTurns,
		SurfaceFallback: s.SurfaceFallback, SurfaceFallbackAfterTurns: s.SurfaceFallbackAfterTurn,
		ToolCallSpecs: tools, TurnPolicy: x.turn,
	}}, nil
}

func collectionFromWire(w platform.ContextGraphState) spec.State {
	d := w.DataCollection
	var fields []spec.CollectionField
	for _, f := range d.Fields {
		f.Options = nilIfEmpty(f.Options)
		fields = append(fields, spec.CollectionField(f))
	}
	return spec.State{
		Type: spec.StateDataCollection, Name: d.Name, Objective: d.Objective, Fields: fields, OnComplete: d.OnComplete,
		ActionGuidelines:    nilIfEmpty(d.ActionGuidelines),
		BoundaryConstraints: nilIfEmpty(d.BoundaryConstraints),
		ChannelOverrides:    overridesFromWire(d.ChannelOverrides),
		Guardrails:          guardrailsFromWire(d.Guardrails),
		MaxTurns:            d.MaxTurns, SurfaceFallback: d.SurfaceFallback, SurfaceFallbackAfterTurn: d.SurfaceFallbackAfterTurns,
		ToolCallSpecs: toolsFromWire(d.ToolCallSpecs),
		TurnPolicy:    toMap(d.TurnPolicy),
	}
}
