package spec

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ContextGraph is a ContextGraph manifest (a service hierarchical state
// machine in the Classic API): a container name and the content of its
// version.
type ContextGraph = Manifest[ContextGraphSpec]

// ContextGraphSpec is the content of a context graph version in either
// dialect. Fields a dialect does not know are left zero.
type ContextGraphSpec struct {
	Description                          string               `json:"description"`
	TopologyDescription                  *string              `json:"topology_description,omitempty"` // Platform
	States                               []State              `json:"states"`
	NewUserInitialState                  string               `json:"new_user_initial_state"`
	ReturningUserInitialState            string               `json:"returning_user_initial_state"`
	TerminalState                        string               `json:"terminal_state"`
	References                           map[string]Reference `json:"references,omitempty"` // Classic
	GlobalIntraStateNavigationGuidelines []string             `json:"global_intra_state_navigation_guidelines"`
	GlobalActionGuidelines               []string             `json:"global_action_guidelines"`
	GlobalBoundaryConstraints            []string             `json:"global_boundary_constraints"`
}

// State returns the state called name, if any.
func (g *ContextGraphSpec) State(name string) (*State, bool) {
	for i := range g.States {
		if g.States[i].Name == name {
			return &g.States[i], true
		}
	}
	return nil, false
}

// Reference names another context graph that states may jump into. Exactly
// one of Graph (a manifest name, resolved at plan time) and ID (a live
// Classic id) is set.
//
// Version is a version number or, for a reference by Graph, PinCurrent:
// the version this plan makes the referenced graph's current one (its
// live latest when that equals its manifest, else the version the plan
// creates). PinLatest is not a reference pin. A Backend sends only
// numbers: the planner resolves PinCurrent first. In JSON the version is
// a number or "current", as in a manifest.
type Reference struct {
	Graph   string `json:"graph,omitempty"`
	ID      string `json:"id,omitempty"`
	Version Pin    `json:"version"`
}

// StateType is the type of a context graph state.
type StateType string

// The state types. Classic allows action, decision, recall, annotation,
// reflection and tool-call; Platform allows action, decision, annotation and
// data_collection.
const (
	StateAction         StateType = "action"
	StateDecision       StateType = "decision"
	StateRecall         StateType = "recall"
	StateAnnotation     StateType = "annotation"
	StateReflection     StateType = "reflection"
	StateToolCall       StateType = "tool-call"
	StateDataCollection StateType = "data_collection"
)

// StateTypes lists the state types each dialect allows.
func StateTypes(d Dialect) []StateType {
	if d == DialectClassic {
		return []StateType{StateAction, StateDecision, StateRecall, StateAnnotation, StateReflection, StateToolCall}
	}
	return []StateType{StateAction, StateDecision, StateAnnotation, StateDataCollection}
}

// Allows reports whether dialect d has states of type t.
func (d Dialect) Allows(t StateType) bool {
	for _, s := range StateTypes(d) {
		if s == t {
			return true
		}
	}
	return false
}

// State is one state of a context graph: the union of the fields of every
// state type in both dialects, with Type saying which apply.
type State struct {
	Type StateType `json:"type"`
	Name string    `json:"name"`

	Objective                      string          `json:"objective,omitempty"`
	Actions                        []Action        `json:"actions,omitempty"`
	IntraStateNavigationGuidelines []string        `json:"intra_state_navigation_guidelines,omitempty"`
	ActionGuidelines               []string        `json:"action_guidelines,omitempty"`
	BoundaryConstraints            []string        `json:"boundary_constraints,omitempty"`
	ExitConditions                 []ExitCondition `json:"exit_conditions,omitempty"`
	ActionToolCallSpecs            []ToolCallSpec  `json:"action_tool_call_specs,omitempty"`
	ExitConditionToolCallSpecs     []ToolCallSpec  `json:"exit_condition_tool_call_specs,omitempty"`
	SkipActiveMemoryRetrieval      bool            `json:"skip_active_memory_retrieval,omitempty"`

	DecisionGuidelines        []string       `json:"decision_guidelines,omitempty"`
	ToolCallSpecs             []ToolCallSpec `json:"tool_call_specs,omitempty"`
	AudioFillers              []string       `json:"audio_fillers,omitempty"`
	AudioFillerTriggeredAfter *float64       `json:"audio_filler_triggered_after,omitempty"`

	// NextState is the single successor of recall, annotation, reflection
	// and tool-call states.
	NextState *NextState `json:"next_state,omitempty"`
	// Recall.
	Queries              []string `json:"queries,omitempty"`
	RequestedInformation *string  `json:"requested_information,omitempty"`
	// Annotation.
	InnerThought string `json:"inner_thought,omitempty"`
	// Reflection.
	Problem   string `json:"problem,omitempty"`
	WordLimit int    `json:"word_limit,omitempty"`
	// Tool call (Classic).
	DesignatedTool                   *ToolCallSpec `json:"designated_tool,omitempty"`
	DesignatedToolCallParamsFillers  []string      `json:"designated_tool_call_params_generation_audio_fillers,omitempty"`
	DesignatedToolCallParamsFillerAt *float64      `json:"designated_tool_call_params_generation_audio_filler_triggered_after,omitempty"`
	DesignatedToolCallObjective      string        `json:"designated_tool_call_objective,omitempty"`
	DesignatedToolCallContext        string        `json:"designated_tool_call_context,omitempty"`
	DesignatedToolCallGuidances      []string      `json:"designated_tool_call_guidances,omitempty"`
	DesignatedToolCallValidations    []string      `json:"designated_tool_call_validations,omitempty"`

	// Platform.
	Guardrails               []Guardrail                `json:"guardrails,omitempty"`
	ChannelOverrides         map[string]ChannelOverride `json:"channel_overrides,omitempty"`
	TurnPolicy               map[string]any             `json:"turn_policy,omitempty"`
	EscalationConfig         map[string]any             `json:"escalation_config,omitempty"`
	WaitFor                  *string                    `json:"wait_for,omitempty"`
	SurfaceSpecTemplate      map[string]any             `json:"surface_spec_template,omitempty"`
	Fields                   []CollectionField          `json:"fields,omitempty"`
	OnComplete               string                     `json:"on_complete,omitempty"` // data_collection's successor
	MaxTurns                 *int                       `json:"max_turns,omitempty"`
	SurfaceFallback          *bool                      `json:"surface_fallback,omitempty"`
	SurfaceFallbackAfterTurn *int                       `json:"surface_fallback_after_turns,omitempty"`
}

// Action is one action of an action state. Classic actions are plain
// strings, which become an Action with only a Description.
type Action struct {
	Description string  `json:"description"`
	FillerHint  *string `json:"filler_hint,omitempty"`
}

// UnmarshalJSON accepts a string (Classic) or an object (Platform).
func (a *Action) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = Action{Description: s}
		return nil
	}
	type plain Action
	return json.Unmarshal(b, (*plain)(a))
}

// ExitCondition leads from an action or decision state to NextState.
type ExitCondition struct {
	Description string    `json:"description"`
	NextState   NextState `json:"next_state"`
	FillerHint  *string   `json:"filler_hint,omitempty"` // Platform
}

// NextState is the state a transition leads to: a state of the same graph,
// or (Classic) a state of a referenced graph ("ref.state") plus the state to
// come back to afterwards.
type NextState struct {
	State    string // set for a transition inside the graph
	External string // "ref.state" for a jump into a referenced graph
	JumpBack string // where the conversation resumes after External
}

// IsExternal reports whether the transition leaves the graph.
func (n NextState) IsExternal() bool { return n.External != "" }

// Reference returns the reference name and the external state of an
// external transition.
func (n NextState) Reference() (ref, state string) {
	ref, state, _ = strings.Cut(n.External, ".")
	return ref, state
}

// MarshalJSON writes a string or a [external, jumpback] pair.
func (n NextState) MarshalJSON() ([]byte, error) {
	if n.IsExternal() {
		return json.Marshal([2]string{n.External, n.JumpBack})
	}
	return json.Marshal(n.State)
}

// UnmarshalJSON reads a string or a two-element array.
func (n *NextState) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*n = NextState{State: s}
		return nil
	}
	var pair []string
	if err := json.Unmarshal(b, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("next_state must be a state name or a [ref.state, jumpback_state] pair")
	}
	*n = NextState{External: pair[0], JumpBack: pair[1]}
	return nil
}

// ToolCallSpec is a tool a state may call: the union of the Classic and
// Platform fields.
type ToolCallSpec struct {
	ToolID                    string         `json:"tool_id"`
	VersionConstraint         string         `json:"version_constraint,omitempty"` // Classic
	AdditionalInstruction     string         `json:"additional_instruction,omitempty"`
	AudioFillers              []string       `json:"audio_fillers,omitempty"`
	AudioFillerTriggeredAfter *float64       `json:"audio_filler_triggered_after,omitempty"`
	ResultPersistence         string         `json:"result_persistence,omitempty"`
	NavigateOnCompletion      *bool          `json:"navigate_on_completion,omitempty"` // Platform
	Progress                  map[string]any `json:"progress,omitempty"`               // Platform
}

// Guardrail is a Platform state guardrail.
type Guardrail struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Enforcement string `json:"enforcement,omitempty"`
}

// ChannelOverride adjusts a Platform state for one channel (voice, text...).
type ChannelOverride struct {
	Objective        *string        `json:"objective,omitempty"`
	ActionGuidelines []string       `json:"action_guidelines,omitempty"`
	Progress         map[string]any `json:"progress,omitempty"`
}

// CollectionField is one field a Platform data_collection state gathers.
type CollectionField struct {
	Key        string   `json:"key"`
	Type       string   `json:"type"`
	Label      string   `json:"label"`
	AskPrompt  *string  `json:"ask_prompt,omitempty"`
	FHIRPath   *string  `json:"fhir_path,omitempty"`
	Options    []string `json:"options,omitempty"`
	Required   *bool    `json:"required,omitempty"`
	Validation *string  `json:"validation,omitempty"`
}

// Successors lists the transitions out of a state in order: exit conditions
// for action and decision states, on_complete for data collection, the
// single next_state otherwise.
func (s *State) Successors() []NextState {
	switch {
	case len(s.ExitConditions) > 0:
		out := make([]NextState, len(s.ExitConditions))
		for i, ec := range s.ExitConditions {
			out[i] = ec.NextState
		}
		return out
	case s.NextState != nil:
		return []NextState{*s.NextState}
	case s.OnComplete != "":
		return []NextState{{State: s.OnComplete}}
	}
	return nil
}
