package emulator

import (
	"fmt"
	"net/http"
)

// Ids of the two demo tools of a fresh organization.
const (
	toolLookup = "000000000000000000000001"
	toolEmail  = "000000000000000000000002"
)

// obj is a JSON object under construction.
type obj = map[string]any

// arr is a JSON array under construction.
type arr = []any

// agentBody is a complete agent version body.
func agentBody() obj {
	return obj{
		"initials": "IA",
		"identity": obj{
			"name": "Intake", "role": "Intake nurse", "developed_by": "Demo Health",
			"default_spoken_language": "eng",
			"relationship_to_developer": obj{
				"ownership": "Demo Health", "type": "assistant",
				"conversation_visibility": "visible", "thought_visibility": "hidden",
			},
		},
		"background":             "Ten years of triage.",
		"behaviors":              arr{"Be kind."},
		"communication_patterns": arr{"Short sentences."},
		"voice_config":           obj{"voice_id": "voice-1"},
	}
}

// toolSpec is a valid tool call spec.
func toolSpec(id string) obj {
	return obj{
		"tool_id": id, "version_constraint": ">=1.0", "additional_instruction": "Use when needed.",
		"audio_fillers": arr{"One moment."}, "audio_filler_triggered_after": 2.5, "result_persistence": "ephemeral",
	}
}

// actionState is a valid action state.
func actionState(name string, actions arr, exits arr) obj {
	return obj{
		"type": "action", "name": name, "objective": "Help the user.", "actions": actions,
		"intra_state_navigation_guidelines": arr{}, "action_guidelines": arr{"Listen."}, "boundary_constraints": arr{},
		"exit_conditions": exits, "action_tool_call_specs": arr{toolSpec(toolLookup)},
		"exit_condition_tool_call_specs": arr{}, "skip_active_memory_retrieval": false,
	}
}

// exit is an exit condition.
func exit(next any) obj { return obj{"description": "When done.", "next_state": next} }

// graphBody is a complete, valid graph using all six state types.
func graphBody() obj {
	return obj{
		"description": "Intake flow.",
		"states": arr{
			actionState("start", arr{"Greet the user."}, arr{exit("decide")}),
			obj{"type": "decision", "name": "decide", "exit_conditions": arr{exit("recall_it"), exit("end")},
				"decision_guidelines": arr{"Pick one."}, "objective": "Route.", "tool_call_specs": arr{},
				"audio_fillers": arr{}, "audio_filler_triggered_after": 1},
			obj{"type": "recall", "name": "recall_it", "queries": arr{"history"}, "requested_information": nil, "next_state": "note"},
			obj{"type": "annotation", "name": "note", "inner_thought": "Remember to be brief.", "next_state": "think"},
			obj{"type": "reflection", "name": "think", "problem": "What next?", "word_limit": 50, "next_state": "call",
				"tool_call_specs": arr{}, "audio_fillers": arr{"Hmm."}, "audio_filler_triggered_after": 10},
			obj{"type": "tool-call", "name": "call", "next_state": "end", "designated_tool": toolSpec(toolEmail),
				"designated_tool_call_params_generation_audio_fillers":                arr{},
				"designated_tool_call_params_generation_audio_filler_triggered_after": 0.5,
				"designated_tool_call_objective":                                      "Send a summary.", "designated_tool_call_context": "After intake.",
				"designated_tool_call_guidances": arr{}, "designated_tool_call_validations": arr{"Has an address."},
				"tool_call_specs": arr{}},
			actionState("end", arr{"Say goodbye."}, arr{}),
		},
		"new_user_initial_state":                   "start",
		"returning_user_initial_state":             "start",
		"terminal_state":                           "end",
		"references":                               obj{},
		"global_intra_state_navigation_guidelines": arr{},
		"global_action_guidelines":                 arr{"Be clear."},
		"global_boundary_constraints":              arr{"No diagnoses."},
	}
}

// states returns the states array of a graph body.
func states(g obj) arr { return g["states"].(arr) }

// stateAt returns state i of a graph body.
func stateAt(g obj, i int) obj { return states(g)[i].(obj) }

// Paths of the demo organization.
const (
	agentsPath   = "/v1/demo/organization/agent"
	shsmsPath    = "/v1/demo/organization/service_hierarchical_state_machine"
	servicesPath = "/v1/demo/service/"
	toolsPath    = "/v1/demo/tool/"
)

// newAgent creates an agent with versions complete versions and returns its id.
func (f *fixture) newAgent(name string, versions int) string {
	f.t.Helper()
	return f.newContainer(agentsPath, obj{"agent_name": name}, versions, agentBody, "background")
}

// newSHSM creates a state machine with versions valid versions and returns its id.
func (f *fixture) newSHSM(name string, versions int) string {
	f.t.Helper()
	return f.newContainer(shsmsPath, obj{"state_machine_name": name}, versions, graphBody, "description")
}

// newContainer creates an agent or a state machine at path, then versions versions of it,
// each a valid body whose text field says "Version N.", and returns its id.
func (f *fixture) newContainer(path string, create obj, versions int, body func() obj, text string) string {
	f.t.Helper()
	var created struct{ ID string }
	f.decode(f.call("POST", path, create, http.StatusCreated), &created)
	for i := 0; i < versions; i++ {
		b := body()
		b[text] = fmt.Sprintf("Version %d.", i+1)
		f.call("POST", fmt.Sprintf("%s/%s/?version=%d", path, created.ID, i+1), b, http.StatusCreated)
	}
	return created.ID
}

// serviceBody is a valid create-service body.
func serviceBody(name, agentID, shsmID string, active bool) obj {
	return obj{
		"service_hierarchical_state_machine_id": shsmID, "agent_id": agentID, "name": name,
		"description": "A service.", "is_active": active, "keyterms": arr{"triage"}, "tags": obj{"team": "intake"},
	}
}

// newService creates a service and returns its id.
func (f *fixture) newService(body obj) string {
	f.t.Helper()
	var created struct{ ID string }
	f.decode(f.call("POST", servicesPath, body, http.StatusCreated), &created)
	return created.ID
}
