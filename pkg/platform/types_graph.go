package platform

import (
	"encoding/json"
	"fmt"
)

// This file holds the states of a context graph version; see types.go for
// the conventions of the wire types.

// State types: the values of a context graph state's "type" discriminator.
const (
	StateTypeAction         = "action"
	StateTypeDecision       = "decision"
	StateTypeAnnotation     = "annotation"
	StateTypeDataCollection = "data_collection"
)

// ContextGraphState is one state of a context graph version: a union over the
// state kinds, selected by the JSON "type" discriminator. Exactly one of the
// pointers is set, matching Type. It encodes with "type" first, followed by the
// fields of the selected kind, and decodes by reading "type" first.
type ContextGraphState struct {
	Type           string
	Action         *ActionState
	Decision       *DecisionState
	Annotation     *AnnotationState
	DataCollection *DataCollectionState
}

// Name returns the state's name, whatever its kind ("" if none is set).
func (s ContextGraphState) Name() string {
	switch {
	case s.Action != nil:
		return s.Action.Name
	case s.Decision != nil:
		return s.Decision.Name
	case s.Annotation != nil:
		return s.Annotation.Name
	case s.DataCollection != nil:
		return s.DataCollection.Name
	}
	return ""
}

// MarshalJSON encodes the selected kind with its "type" discriminator. Nil
// required lists encode as [] so that a state built in Go is accepted by the API.
func (s ContextGraphState) MarshalJSON() ([]byte, error) {
	var body any
	switch {
	case s.Type == StateTypeAction && s.Action != nil:
		a := *s.Action
		a.IntraStateNavigationGuidelines = nonNil(a.IntraStateNavigationGuidelines)
		a.ActionGuidelines = nonNil(a.ActionGuidelines)
		a.BoundaryConstraints = nonNil(a.BoundaryConstraints)
		a.Actions = nonNil(a.Actions)
		a.ExitConditions = nonNil(a.ExitConditions)
		body = struct {
			Type string `json:"type"`
			*ActionState
		}{s.Type, &a}
	case s.Type == StateTypeDecision && s.Decision != nil:
		d := *s.Decision
		d.ExitConditions = nonNil(d.ExitConditions)
		body = struct {
			Type string `json:"type"`
			*DecisionState
		}{s.Type, &d}
	case s.Type == StateTypeAnnotation && s.Annotation != nil:
		body = struct {
			Type string `json:"type"`
			*AnnotationState
		}{s.Type, s.Annotation}
	case s.Type == StateTypeDataCollection && s.DataCollection != nil:
		d := *s.DataCollection
		d.Fields = nonNil(d.Fields)
		body = struct {
			Type string `json:"type"`
			*DataCollectionState
		}{s.Type, &d}
	default:
		return nil, fmt.Errorf("encode context graph state: its type is %q, but the matching body (Action, Decision, Annotation or DataCollection) is not set", s.Type)
	}
	return json.Marshal(body)
}

// UnmarshalJSON decodes a state by its "type" discriminator; an unknown or
// missing type is an error.
func (s *ContextGraphState) UnmarshalJSON(data []byte) error {
	var head struct {
		Type *string `json:"type"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("decode context graph state: %w", err)
	}
	if head.Type == nil {
		return fmt.Errorf("decode context graph state: the \"type\" discriminator is missing")
	}
	out := ContextGraphState{Type: *head.Type}
	var err error
	switch out.Type {
	case StateTypeAction:
		out.Action = &ActionState{}
		err = json.Unmarshal(data, out.Action)
	case StateTypeDecision:
		out.Decision = &DecisionState{}
		err = json.Unmarshal(data, out.Decision)
	case StateTypeAnnotation:
		out.Annotation = &AnnotationState{}
		err = json.Unmarshal(data, out.Annotation)
	case StateTypeDataCollection:
		out.DataCollection = &DataCollectionState{}
		err = json.Unmarshal(data, out.DataCollection)
	default:
		return fmt.Errorf("decode context graph state: unknown state type %q (want action, decision, annotation or data_collection)", out.Type)
	}
	if err != nil {
		return fmt.Errorf("decode %s state: %w", out.Type, err)
	}
	*s = out
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Action is one thing the agent may do in an action state.
type Action struct {
	Description string  `json:"description"`
	FillerHint  *string `json:"filler_hint,omitzero"`
}

// ExitCondition leaves a state for NextState, the name of another state.
type ExitCondition struct {
	Description string  `json:"description"`
	NextState   string  `json:"next_state"`
	FillerHint  *string `json:"filler_hint,omitzero"`
}

// Guardrail is a typed safety rule on a state; Enforcement is hard (default) or soft.
type Guardrail struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Enforcement *string `json:"enforcement,omitzero"`
}

// ProgressHint says how the agent narrates waiting on a tool. Mode is one of
// auto (default), silent, backchannel, verbal; ProgressClass one of lookup,
// write, external_call, compute, multi_step. The API rejects unknown fields here.
type ProgressHint struct {
	CustomPhrase      *string  `json:"custom_phrase,omitzero"`
	Deterministic     *bool    `json:"deterministic,omitzero"`
	ExpectedLatencyMS *int     `json:"expected_latency_ms,omitzero"`
	IntervalMS        *int     `json:"interval_ms,omitzero"`
	Mode              *string  `json:"mode,omitzero"`
	Phrases           []string `json:"phrases,omitzero"`
	ProgressClass     *string  `json:"progress_class,omitzero"`
	TriggerDelayMS    *int     `json:"trigger_delay_ms,omitzero"`
}

// ChannelOverride changes a state's behaviour on one channel.
type ChannelOverride struct {
	ActionGuidelines []string      `json:"action_guidelines,omitzero"`
	Objective        *string       `json:"objective,omitzero"`
	Progress         *ProgressHint `json:"progress,omitzero"`
}

// TurnPolicy holds the voice pipeline parameters of a state. ContextStrategy
// is full (default), summarize or compact; SafetyResponse is suspend_forward,
// stay_empathize (default) or alert.
type TurnPolicy struct {
	BargeInEnabled             *bool    `json:"barge_in_enabled,omitzero"`
	BlockForwardCall           *bool    `json:"block_forward_call,omitzero"`
	BlockForwardCallAfterTurns *int     `json:"block_forward_call_after_turns,omitzero"`
	ContextStrategy            *string  `json:"context_strategy,omitzero"`
	DegradationThreshold       *int     `json:"degradation_threshold,omitzero"`
	GreetingShieldS            *float64 `json:"greeting_shield_s,omitzero"`
	SafetyResponse             *string  `json:"safety_response,omitzero"`
	STTEagerEOTThreshold       *float64 `json:"stt_eager_eot_threshold,omitzero"`
	STTEOTThreshold            *float64 `json:"stt_eot_threshold,omitzero"`
	STTEOTTimeoutMS            *int     `json:"stt_eot_timeout_ms,omitzero"`
}

// StateRiskOverride is the per-state escalation tuning (escalation_config).
type StateRiskOverride struct {
	AutoEscalateThreshold *float64 `json:"auto_escalate_threshold,omitzero"`
	MaxLoopCount          *int     `json:"max_loop_count,omitzero"`
	OperatorSkill         *string  `json:"operator_skill,omitzero"`
	TopicRiskScore        *float64 `json:"topic_risk_score,omitzero"`
}

// ToolCallSpec is a tool call the agent can make in a state. ResultPersistence
// is accumulate (default) or override.
type ToolCallSpec struct {
	ToolID                    string        `json:"tool_id"`
	AdditionalInstruction     *string       `json:"additional_instruction,omitzero"`
	AudioFillerTriggeredAfter *float64      `json:"audio_filler_triggered_after,omitzero"`
	AudioFillers              []string      `json:"audio_fillers,omitzero"`
	NavigateOnCompletion      *bool         `json:"navigate_on_completion,omitzero"`
	Progress                  *ProgressHint `json:"progress,omitzero"`
	ResultPersistence         *string       `json:"result_persistence,omitzero"`
}

// ActionState is a user-facing state with actions and exit conditions. WaitFor
// is surface_submission or human_approval.
type ActionState struct {
	Name                           string                     `json:"name"`
	Objective                      string                     `json:"objective"`
	Actions                        []Action                   `json:"actions"`
	IntraStateNavigationGuidelines []string                   `json:"intra_state_navigation_guidelines"`
	ActionGuidelines               []string                   `json:"action_guidelines"`
	BoundaryConstraints            []string                   `json:"boundary_constraints"`
	ExitConditions                 []ExitCondition            `json:"exit_conditions"`
	ActionToolCallSpecs            []ToolCallSpec             `json:"action_tool_call_specs,omitzero"`
	ExitConditionToolCallSpecs     []ToolCallSpec             `json:"exit_condition_tool_call_specs,omitzero"`
	Guardrails                     []Guardrail                `json:"guardrails,omitzero"`
	ChannelOverrides               map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	EscalationConfig               *StateRiskOverride         `json:"escalation_config,omitzero"`
	SurfaceSpecTemplate            map[string]any             `json:"surface_spec_template,omitzero"`
	TurnPolicy                     *TurnPolicy                `json:"turn_policy,omitzero"`
	WaitFor                        *string                    `json:"wait_for,omitzero"`
}

// DecisionState is a routing state: the agent picks an exit condition
// without talking to the user.
type DecisionState struct {
	Name               string                     `json:"name"`
	Objective          string                     `json:"objective"`
	ExitConditions     []ExitCondition            `json:"exit_conditions"`
	DecisionGuidelines []string                   `json:"decision_guidelines,omitzero"`
	ToolCallSpecs      []ToolCallSpec             `json:"tool_call_specs,omitzero"`
	Guardrails         []Guardrail                `json:"guardrails,omitzero"`
	ChannelOverrides   map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	TurnPolicy         *TurnPolicy                `json:"turn_policy,omitzero"`
	WaitFor            *string                    `json:"wait_for,omitzero"`
}

// AnnotationState injects a fixed inner thought and moves on to NextState.
type AnnotationState struct {
	Name         string `json:"name"`
	InnerThought string `json:"inner_thought"`
	NextState    string `json:"next_state"`
}

// CollectionField is one field a data collection state asks for; Required defaults to true.
type CollectionField struct {
	Key        string   `json:"key"`
	Type       string   `json:"type"`
	Label      string   `json:"label"`
	AskPrompt  *string  `json:"ask_prompt,omitzero"`
	FHIRPath   *string  `json:"fhir_path,omitzero"`
	Options    []string `json:"options,omitzero"`
	Required   *bool    `json:"required,omitzero"`
	Validation *string  `json:"validation,omitzero"`
}

// DataCollectionState collects Fields conversationally, then moves to
// OnComplete. MaxTurns defaults to 10, SurfaceFallbackAfterTurns to 6.
type DataCollectionState struct {
	Name                      string                     `json:"name"`
	Objective                 string                     `json:"objective"`
	Fields                    []CollectionField          `json:"fields"`
	OnComplete                string                     `json:"on_complete"`
	ActionGuidelines          []string                   `json:"action_guidelines,omitzero"`
	BoundaryConstraints       []string                   `json:"boundary_constraints,omitzero"`
	ChannelOverrides          map[string]ChannelOverride `json:"channel_overrides,omitzero"`
	Guardrails                []Guardrail                `json:"guardrails,omitzero"`
	MaxTurns                  *int                       `json:"max_turns,omitzero"`
	SurfaceFallback           *bool                      `json:"surface_fallback,omitzero"`
	SurfaceFallbackAfterTurns *int                       `json:"surface_fallback_after_turns,omitzero"`
	ToolCallSpecs             []ToolCallSpec             `json:"tool_call_specs,omitzero"`
	TurnPolicy                *TurnPolicy                `json:"turn_policy,omitzero"`
}
