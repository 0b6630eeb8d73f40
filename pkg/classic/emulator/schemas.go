package emulator

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

// schemas are the request body rules of classic-openapi.json, built once per Server.
type schemas struct {
	createAgent, createSHSM      rule
	agentVersion, shsmVersion    rule
	createService, updateService rule
	upsertVersionSet             rule
	hexID, versionSetName        rule
	languages                    map[string]bool
}

// Patterns of the document.
var (
	// These are compiled once and never written: regexp values are safe for concurrent use.
	hexIDPattern        = regexp.MustCompile(`^[a-f0-9]{24}$`)
	stateNamePattern    = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	externalNamePattern = regexp.MustCompile(`^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$`)
	tagPattern          = regexp.MustCompile(`^[\w\s]+$`)
	keytermPattern      = regexp.MustCompile(`^[a-z-]+( [a-z-]+){0,2}$`)
	versionSetPattern   = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// llmTypes are the LLMType values of the document.
func llmTypes() []string {
	return []string{"azure_gpt-4.1-2025-04-14", "openai_gpt-4.1-2025-04-14", "azure_gpt-4.1-mini-2025-04-14",
		"openai_gpt-4.1-mini-2025-04-14", "azure_gpt-5-nano-2025-08-07", "azure_gpt-5.1-2025-11-13",
		"openai_gpt-5.1-2025-11-13", "azure_gpt-5.2-2025-12-11", "openai_gpt-5-nano-2025-08-07",
		"openai_gpt-5-mini-2025-08-07", "openai_gpt-5.2-2025-12-11", "aws_claude-sonnet-4-5-20250929",
		"aws_claude-haiku-4-5-20251001", "aws_claude-sonnet-4-6", "aws_claude-opus-4-6",
		"google_gemini-2.5-pro", "google_gemini-2.5-flash"}
}

// newSchemas builds the rules.
func newSchemas() *schemas {
	langs := map[string]bool{}
	for _, c := range strings.Fields(languageCodes) {
		langs[c] = true
	}
	nonempty := str(strOpts{strip: true, min: 1})
	texts := list(nonempty, 0, 0)
	hexID := str(strOpts{pattern: hexIDPattern})
	s := &schemas{
		hexID:          hexID,
		versionSetName: str(strOpts{strip: true, min: 1, max: 40, pattern: versionSetPattern}),
		languages:      langs,
	}
	s.agentVersion = object(
		opt("initials", nullable(str(strOpts{strip: true, min: 1, max: 3}))),
		opt("identity", nullable(object(
			req("name", nonempty), req("role", nonempty), req("developed_by", nonempty),
			req("default_spoken_language", languageRule(langs)),
			req("relationship_to_developer", object(req("ownership", nonempty), req("type", nonempty),
				req("conversation_visibility", nonempty), req("thought_visibility", nonempty))),
		))),
		opt("background", nullable(nonempty)),
		opt("behaviors", nullable(texts)),
		opt("communication_patterns", nullable(texts)),
		opt("voice_config", nullable(object(req("voice_id", nonempty)))),
	)
	s.shsmVersion = shsmVersionRule(nonempty, texts, hexID)
	versionSet := object(
		req("agent_version_number", nullable(integer(numOpts{}))),
		req("service_hierarchical_state_machine_version_number", nullable(integer(numOpts{}))),
		req("llm_model_preferences", dict(str(strOpts{}), object(
			req("llm_name", str(strOpts{oneOf: llmTypes()})),
			opt("params", dict(str(strOpts{}), anyValue(), 0)),
		), 0)),
	)
	tagKey := str(strOpts{strip: true, min: 1, pattern: tagPattern})
	tags := dict(tagKey, nullable(tagKey), 20)
	keyterms := list(str(strOpts{strip: true, min: 1, pattern: keytermPattern}), 0, 20)
	s.createService = object(
		req("service_hierarchical_state_machine_id", hexID), req("agent_id", hexID),
		req("name", nonempty), req("description", nonempty), req("is_active", boolean()),
		opt("release_version_set", nullable(versionSet)),
		req("keyterms", keyterms), req("tags", tags),
	)
	s.updateService = object(
		opt("name", nullable(nonempty)), opt("description", nullable(nonempty)),
		opt("is_active", nullable(boolean())), opt("agent_id", nullable(hexID)),
		opt("service_hierarchical_state_machine_id", nullable(hexID)),
		opt("tags", nullable(tags)), opt("keyterms", nullable(keyterms)),
	)
	s.upsertVersionSet = object(req("version_set", versionSet))
	return s
}

// languageRule accepts an ISO 639-3 code of the document's list.
func languageRule(langs map[string]bool) rule {
	base := str(strOpts{min: 3, max: 3})
	return func(v any, loc []any, e *errs) any {
		n := len(e.list)
		out := base(v, loc, e)
		if s, ok := out.(string); ok && len(e.list) == n && !langs[s] {
			e.add(loc, "Input should be an ISO 639-3 language code such as 'eng'", "enum")
		}
		return out
	}
}

// shsmVersionRule is the rule of a new SHSM version's body.
func shsmVersionRule(nonempty, texts, hexID rule) rule {
	name := str(strOpts{pattern: stateNamePattern})
	next := stringOrPair(name, str(strOpts{pattern: externalNamePattern}), name)
	fillers := list(nonempty, 0, 5)
	delay := number(numOpts{gt: bound(0), le: bound(10)})
	tool := object(
		req("tool_id", hexID), req("version_constraint", str(strOpts{})),
		req("additional_instruction", nonempty), req("audio_fillers", fillers),
		req("audio_filler_triggered_after", delay),
		req("result_persistence", str(strOpts{oneOf: []string{"ephemeral", "persisted-preferred", "persisted"}})),
	)
	tools := list(tool, 0, 0)
	exits := list(object(req("description", nonempty), req("next_state", next)), 0, 0)
	typeIs := func(t string) rule { return str(strOpts{oneOf: []string{t}}) }
	members := map[string]rule{
		"action": object(req("type", typeIs("action")), req("name", name), req("objective", nonempty),
			req("actions", list(nonempty, 1, 0)), req("intra_state_navigation_guidelines", texts),
			req("action_guidelines", texts), req("boundary_constraints", texts), req("exit_conditions", exits),
			req("action_tool_call_specs", tools), req("exit_condition_tool_call_specs", tools),
			req("skip_active_memory_retrieval", boolean())),
		"decision": object(req("type", typeIs("decision")), req("name", name), req("exit_conditions", exits),
			req("decision_guidelines", texts), req("objective", nonempty), req("tool_call_specs", tools),
			req("audio_fillers", fillers), req("audio_filler_triggered_after", delay)),
		"recall": object(req("type", typeIs("recall")), req("name", name),
			req("queries", nullable(list(str(strOpts{}), 1, 0))), req("requested_information", nullable(nonempty)),
			req("next_state", next)),
		"annotation": object(req("type", typeIs("annotation")), req("name", name),
			req("inner_thought", nonempty), req("next_state", next)),
		"reflection": object(req("type", typeIs("reflection")), req("name", name), req("problem", nonempty),
			req("word_limit", integer(numOpts{gt: bound(0)})), req("next_state", next), req("tool_call_specs", tools),
			req("audio_fillers", fillers), req("audio_filler_triggered_after", delay)),
		"tool-call": object(req("type", typeIs("tool-call")), req("name", name), req("next_state", next),
			req("designated_tool", tool), req("designated_tool_call_params_generation_audio_fillers", fillers),
			req("designated_tool_call_params_generation_audio_filler_triggered_after", delay),
			req("designated_tool_call_objective", nonempty), req("designated_tool_call_context", nonempty),
			req("designated_tool_call_guidances", texts), req("designated_tool_call_validations", texts),
			req("tool_call_specs", tools)),
	}
	tags := []string{"action", "decision", "recall", "annotation", "reflection", "tool-call"}
	return object(
		req("description", nonempty),
		req("states", list(tagged("type", members, tags), 0, 0)),
		req("new_user_initial_state", name), req("returning_user_initial_state", name),
		req("terminal_state", name),
		req("references", dict(name, tuple(hexID, integer(numOpts{})), 0)),
		req("global_intra_state_navigation_guidelines", texts),
		req("global_action_guidelines", texts),
		req("global_boundary_constraints", texts),
	)
}

// sortedKeys returns the keys of m in order, so errors come out deterministically.
func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}
