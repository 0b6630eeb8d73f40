package classic

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// This file holds the context graph (SHSM version) state union of the Classic API: the six
// state schemas folded into State, the string-or-pair NextState, the [id, version] Reference
// and ToolCallSpec, with the JSON (un)marshalling that keeps each state to its own fields.

// StateType* are the values of State.Type.
const (
	StateTypeAction     = "action"
	StateTypeDecision   = "decision"
	StateTypeRecall     = "recall"
	StateTypeAnnotation = "annotation"
	StateTypeReflection = "reflection"
	StateTypeToolCall   = "tool-call"
)

// ResultPersistence* are the values of ToolCallSpec.ResultPersistence.
const (
	ResultPersistenceEphemeral          = "ephemeral"
	ResultPersistencePersistedPreferred = "persisted-preferred"
	ResultPersistencePersisted          = "persisted"
)

// StateFields returns the JSON fields a state of the given type carries, in the document's
// order, and false for an unknown type.
func StateFields(stateType string) ([]string, bool) {
	switch stateType {
	case StateTypeAction:
		return []string{"type", "name", "objective", "actions", "intra_state_navigation_guidelines",
			"action_guidelines", "boundary_constraints", "exit_conditions", "action_tool_call_specs",
			"exit_condition_tool_call_specs", "skip_active_memory_retrieval"}, true
	case StateTypeDecision:
		return []string{"type", "name", "exit_conditions", "decision_guidelines", "objective",
			"tool_call_specs", "audio_fillers", "audio_filler_triggered_after"}, true
	case StateTypeRecall:
		return []string{"type", "name", "queries", "requested_information", "next_state"}, true
	case StateTypeAnnotation:
		return []string{"type", "name", "inner_thought", "next_state"}, true
	case StateTypeReflection:
		return []string{"type", "name", "problem", "word_limit", "next_state", "tool_call_specs",
			"audio_fillers", "audio_filler_triggered_after"}, true
	case StateTypeToolCall:
		return []string{"type", "name", "next_state", "designated_tool",
			"designated_tool_call_params_generation_audio_fillers",
			"designated_tool_call_params_generation_audio_filler_triggered_after",
			"designated_tool_call_objective", "designated_tool_call_context",
			"designated_tool_call_guidances", "designated_tool_call_validations", "tool_call_specs"}, true
	}
	return nil, false
}

// State is one state of a context graph: the union of the six state schemas, told apart by
// Type. Only the fields of its type are read from or written to JSON (see StateFields); nil
// lists are written as [] except Queries, where nil is null. A state of an unknown type keeps
// its JSON as received and writes it back unchanged.
type State struct {
	Type string `json:"type"`
	Name string `json:"name"`

	// Objective: action and decision states.
	Objective string `json:"objective"`
	// Actions, IntraStateNavigationGuidelines, ActionGuidelines, BoundaryConstraints,
	// ActionToolCallSpecs, ExitConditionToolCallSpecs, SkipActiveMemoryRetrieval: action states.
	Actions                        []string       `json:"actions"`
	IntraStateNavigationGuidelines []string       `json:"intra_state_navigation_guidelines"`
	ActionGuidelines               []string       `json:"action_guidelines"`
	BoundaryConstraints            []string       `json:"boundary_constraints"`
	ActionToolCallSpecs            []ToolCallSpec `json:"action_tool_call_specs"`
	ExitConditionToolCallSpecs     []ToolCallSpec `json:"exit_condition_tool_call_specs"`
	SkipActiveMemoryRetrieval      bool           `json:"skip_active_memory_retrieval"`
	// ExitConditions: action and decision states.
	ExitConditions []ExitCondition `json:"exit_conditions"`
	// DecisionGuidelines: decision states.
	DecisionGuidelines []string `json:"decision_guidelines"`
	// ToolCallSpecs: decision, reflection and tool-call states.
	ToolCallSpecs []ToolCallSpec `json:"tool_call_specs"`
	// AudioFillers, AudioFillerTriggeredAfter: decision and reflection states.
	AudioFillers              []string `json:"audio_fillers"`
	AudioFillerTriggeredAfter float64  `json:"audio_filler_triggered_after"`
	// Queries, RequestedInformation: recall states (exactly one of them is non-null).
	Queries              []string `json:"queries"`
	RequestedInformation *string  `json:"requested_information"`
	// NextState: recall, annotation, reflection and tool-call states.
	NextState NextState `json:"next_state"`
	// InnerThought: annotation states.
	InnerThought string `json:"inner_thought"`
	// Problem, WordLimit: reflection states.
	Problem   string `json:"problem"`
	WordLimit int    `json:"word_limit"`
	// DesignatedTool and the DesignatedToolCall* fields: tool-call states.
	DesignatedTool                                              *ToolCallSpec `json:"designated_tool"`
	DesignatedToolCallParamsGenerationAudioFillers              []string      `json:"designated_tool_call_params_generation_audio_fillers"`
	DesignatedToolCallParamsGenerationAudioFillerTriggeredAfter float64       `json:"designated_tool_call_params_generation_audio_filler_triggered_after"`
	DesignatedToolCallObjective                                 string        `json:"designated_tool_call_objective"`
	DesignatedToolCallContext                                   string        `json:"designated_tool_call_context"`
	DesignatedToolCallGuidances                                 []string      `json:"designated_tool_call_guidances"`
	DesignatedToolCallValidations                               []string      `json:"designated_tool_call_validations"`

	raw json.RawMessage // the JSON of a state of unknown type
}

// stateAll has State's fields without its methods, so encoding/json can be used inside them.
type stateAll State

// MarshalJSON writes the fields of s's type, in the document's order.
func (s State) MarshalJSON() ([]byte, error) {
	fields, ok := StateFields(s.Type)
	if !ok {
		if s.raw != nil {
			return s.raw, nil
		}
		return nil, fmt.Errorf("marshal state %q: unknown state type %q", s.Name, s.Type)
	}
	n := stateAll(s)
	for _, p := range []*[]string{&n.Actions, &n.IntraStateNavigationGuidelines, &n.ActionGuidelines,
		&n.BoundaryConstraints, &n.DecisionGuidelines, &n.AudioFillers,
		&n.DesignatedToolCallParamsGenerationAudioFillers, &n.DesignatedToolCallGuidances,
		&n.DesignatedToolCallValidations} {
		if *p == nil {
			*p = []string{}
		}
	}
	for _, p := range []*[]ToolCallSpec{&n.ActionToolCallSpecs, &n.ExitConditionToolCallSpecs, &n.ToolCallSpecs} {
		if *p == nil {
			*p = []ToolCallSpec{}
		}
	}
	if n.ExitConditions == nil {
		n.ExitConditions = []ExitCondition{}
	}
	all, err := json.Marshal(n)
	if err != nil {
		return nil, fmt.Errorf("marshal state %q: %w", s.Name, err)
	}
	var byName map[string]json.RawMessage
	if err := json.Unmarshal(all, &byName); err != nil {
		return nil, fmt.Errorf("marshal state %q: %w", s.Name, err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:", f)
		b.Write(byName[f])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a state of any type; fields foreign to its type are ignored.
func (s *State) UnmarshalJSON(data []byte) error {
	var head struct {
		Type string `json:"type"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	fields, ok := StateFields(head.Type)
	if !ok {
		*s = State{Type: head.Type, Name: head.Name, raw: append(json.RawMessage(nil), data...)}
		return nil
	}
	var byName map[string]json.RawMessage
	if err := json.Unmarshal(data, &byName); err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	own := make(map[string]json.RawMessage, len(fields))
	for _, f := range fields {
		if v, ok := byName[f]; ok {
			own[f] = v
		}
	}
	kept, err := json.Marshal(own)
	if err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	var n stateAll
	if err := json.Unmarshal(kept, &n); err != nil {
		return fmt.Errorf("read state %q: %w", head.Name, err)
	}
	*s = State(n)
	return nil
}

// ExitCondition is one way out of an action or decision state.
type ExitCondition struct {
	Description string    `json:"description"`
	NextState   NextState `json:"next_state"`
}

// NextState is where a transition leads: a state of this graph (Name), or, when Pair is set,
// a state of a referenced graph (External, written "<ref>.<state>") followed by a jump back to
// JumpBack in this graph once the external graph ends. On the wire it is a string or a pair.
type NextState struct {
	Name     string
	Pair     bool
	External string
	JumpBack string
}

// NextStateTo returns a transition to the state name of the same graph.
func NextStateTo(name string) NextState { return NextState{Name: name} }

// NextStateVia returns a transition to external ("<ref>.<state>") that comes back to jumpBack.
func NextStateVia(external, jumpBack string) NextState {
	return NextState{Pair: true, External: external, JumpBack: jumpBack}
}

// String returns the internal name, or "external -> jumpBack" for a pair.
func (n NextState) String() string {
	if n.Pair {
		return n.External + " -> " + n.JumpBack
	}
	return n.Name
}

// MarshalJSON writes a string, or a two-element array for a pair.
func (n NextState) MarshalJSON() ([]byte, error) {
	if n.Pair {
		return json.Marshal([2]string{n.External, n.JumpBack})
	}
	return json.Marshal(n.Name)
}

// UnmarshalJSON reads a string or a two-element array of strings.
func (n *NextState) UnmarshalJSON(data []byte) error {
	var name string
	if err := json.Unmarshal(data, &name); err == nil {
		*n = NextStateTo(name)
		return nil
	}
	var pair []string
	if err := json.Unmarshal(data, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("next_state must be a string or a pair of strings, not %s", data)
	}
	*n = NextStateVia(pair[0], pair[1])
	return nil
}

// Reference names another SHSM version a graph may jump into; on the wire `[id, version]`.
type Reference struct {
	ID      string
	Version int
}

// MarshalJSON writes `[id, version]`.
func (r Reference) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]any{r.ID, r.Version})
}

// UnmarshalJSON reads `[id, version]`.
func (r *Reference) UnmarshalJSON(data []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(data, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("reference must be a pair [id, version], not %s", data)
	}
	var out Reference
	if err := json.Unmarshal(pair[0], &out.ID); err != nil {
		return fmt.Errorf("reference id: %w", err)
	}
	if err := json.Unmarshal(pair[1], &out.Version); err != nil {
		return fmt.Errorf("reference version: %w", err)
	}
	*r = out
	return nil
}

// ToolCallSpec describes a tool an agent may call in a state.
type ToolCallSpec struct {
	// ToolID is the 24-hex id of the tool.
	ToolID string `json:"tool_id"`
	// VersionConstraint is a Python packaging version specifier such as ">=1.0,<2".
	VersionConstraint     string   `json:"version_constraint"`
	AdditionalInstruction string   `json:"additional_instruction"`
	AudioFillers          []string `json:"audio_fillers"`
	// AudioFillerTriggeredAfter is in seconds, in (0, 10].
	AudioFillerTriggeredAfter float64 `json:"audio_filler_triggered_after"`
	// ResultPersistence is one of the ResultPersistence* values.
	ResultPersistence string `json:"result_persistence"`
}

// toolCallSpecAll has ToolCallSpec's fields without its methods.
type toolCallSpecAll ToolCallSpec

// MarshalJSON writes a nil AudioFillers as [].
func (t ToolCallSpec) MarshalJSON() ([]byte, error) {
	if t.AudioFillers == nil {
		t.AudioFillers = []string{}
	}
	return json.Marshal(toolCallSpecAll(t))
}
