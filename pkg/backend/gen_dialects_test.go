package backend_test

import (
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// The per-dialect halves of the generator (see gen_test.go): the fields of
// each state type and of an agent.

// classicState fills the fields of a Classic state of type t.
func (g *gen) classicState(s map[string]any, t spec.StateType, name string, terminal bool) {
	switch t {
	case spec.StateAction:
		s["objective"] = g.text("Objective")
		acts := []any{}
		for range g.actionCount(terminal) {
			acts = append(acts, g.text("Act"))
		}
		s["actions"] = acts
		s["exit_conditions"] = g.exits(name, terminal)
		g.maybe(s, "intra_state_navigation_guidelines", func() any { return g.texts("Nav", 2) })
		g.maybe(s, "action_guidelines", func() any { return g.texts("Guide", 2) })
		g.maybe(s, "boundary_constraints", func() any { return g.texts("Bound", 2) })
		g.maybe(s, "action_tool_call_specs", g.classicTools)
		g.maybe(s, "exit_condition_tool_call_specs", g.classicTools)
		g.maybe(s, "skip_active_memory_retrieval", func() any { return g.chance(0.5) })
	case spec.StateDecision:
		s["objective"] = g.text("Decide")
		s["exit_conditions"] = g.exits(name, false)
		s["audio_filler_triggered_after"] = g.delay()
		g.maybe(s, "decision_guidelines", func() any { return g.texts("Rule", 2) })
		g.maybe(s, "tool_call_specs", g.classicTools)
		g.maybe(s, "audio_fillers", func() any { return g.texts("Filler", 7) })
	case spec.StateRecall:
		s["next_state"] = g.target(name)
		switch x := g.r.Float64(); {
		case x < 0.45:
			s["queries"] = append(g.texts("Query", 2), g.text("Query"))
		case x < 1-0.1*g.rate:
			s["requested_information"] = g.text("Info")
		case x < 0.95:
			// Neither: the API wants exactly one of the two.
		default:
			s["queries"], s["requested_information"] = nil, nil
		}
	case spec.StateAnnotation:
		s["inner_thought"] = g.text("Thought")
		s["next_state"] = g.target(name)
	case spec.StateReflection:
		s["problem"] = g.text("Problem")
		s["word_limit"] = vary(g, []int{50, 80, 1, 1 << 60}, []int{0, -3})
		s["next_state"] = g.target(name)
		s["audio_filler_triggered_after"] = g.delay()
		g.maybe(s, "tool_call_specs", g.classicTools)
		g.maybe(s, "audio_fillers", func() any { return g.texts("Filler", 7) })
	case spec.StateToolCall:
		s["next_state"] = g.target(name)
		s["designated_tool"] = g.classicTool()
		s["designated_tool_call_params_generation_audio_filler_triggered_after"] = g.delay()
		s["designated_tool_call_objective"] = g.text("Tool objective")
		s["designated_tool_call_context"] = g.text("Tool context")
		g.maybe(s, "designated_tool_call_params_generation_audio_fillers", func() any { return g.texts("Filler", 7) })
		g.maybe(s, "designated_tool_call_guidances", func() any { return g.texts("Guidance", 2) })
		g.maybe(s, "designated_tool_call_validations", func() any { return g.texts("Validation", 2) })
		g.maybe(s, "tool_call_specs", g.classicTools)
	}
}

// maybe sets s[key] to make() half of the time.
func (g *gen) maybe(s map[string]any, key string, make func() any) {
	if g.chance(0.5) {
		s[key] = make()
	}
}

// delay is an audio filler delay, sometimes out of (0, 10].
func (g *gen) delay() any { return vary(g, []any{1.5, 2, 10, 0.25, 3}, []any{0, -1, 10.5}) }

func (g *gen) classicTools() any {
	out := []any{}
	for range g.r.IntN(3) {
		out = append(out, g.classicTool())
	}
	return out
}

// classicTool is a tool call spec naming the emulator's demo tool.
func (g *gen) classicTool() map[string]any {
	t := map[string]any{
		"tool_id": demoToolID, "version_constraint": pick(g, ">=1.0", "", "==2.*"),
		"additional_instruction": g.text("Instruction"), "audio_filler_triggered_after": g.delay(),
		"result_persistence": vary(g, []string{"ephemeral", "persisted-preferred", "persisted"}, []string{"forever"}),
	}
	if g.oops(0.03) {
		t["tool_id"] = "not-a-hex-id"
	}
	g.maybe(t, "audio_fillers", func() any { return g.texts("Filler", 7) })
	return t
}

// platformState fills the fields of a Platform state of type t.
func (g *gen) platformState(s map[string]any, t spec.StateType, name string, terminal bool) {
	switch t {
	case spec.StateAction:
		s["objective"] = g.text("Objective")
		acts := []any{}
		for range g.actionCount(terminal) {
			a := map[string]any{"description": g.text("Act")}
			g.maybe(a, "filler_hint", func() any { return g.text("Hint") })
			acts = append(acts, a)
		}
		s["actions"] = acts
		s["exit_conditions"] = g.exits(name, terminal)
		g.maybe(s, "action_guidelines", func() any { return g.texts("Guide", 2) })
		g.platformExtras(s)
		g.maybe(s, "action_tool_call_specs", g.platformTools)
		g.maybe(s, "wait_for", func() any { return vary(g, []any{"surface_submission", "human_approval", nil}, []any{"never"}) })
	case spec.StateDecision:
		s["objective"] = g.text("Decide")
		s["exit_conditions"] = g.exits(name, false)
		g.maybe(s, "decision_guidelines", func() any { return g.texts("Rule", 2) })
		g.maybe(s, "tool_call_specs", g.platformTools)
		g.platformExtras(s)
	case spec.StateAnnotation:
		s["inner_thought"] = g.text("Thought")
		s["next_state"] = g.target(name)
	case spec.StateDataCollection:
		s["objective"] = g.text("Collect")
		s["on_complete"] = g.target(name)
		fields := []any{}
		for range g.r.IntN(4) {
			f := map[string]any{"key": vary(g, []string{"dob", "name", "phone"}, []string{""}), "type": pick(g, "string", "date", "enum"), "label": g.text("Label")}
			g.maybe(f, "options", func() any { return g.texts("Option", 2) })
			g.maybe(f, "required", func() any { return g.chance(0.5) })
			g.maybe(f, "ask_prompt", func() any { return g.text("Ask") })
			fields = append(fields, f)
		}
		s["fields"] = fields
		g.maybe(s, "max_turns", func() any { return pick(g, 10, 0, -1, 3) })
		g.maybe(s, "surface_fallback", func() any { return g.chance(0.5) })
		g.maybe(s, "surface_fallback_after_turns", func() any { return pick(g, 6, 0, 2) })
		g.maybe(s, "guardrails", g.guardrails)
	}
}

// platformExtras sets the optional objects action and decision states share.
func (g *gen) platformExtras(s map[string]any) {
	g.maybe(s, "guardrails", g.guardrails)
	if g.chance(0.3) {
		s["channel_overrides"] = map[string]any{pick(g, "voice", "text"): map[string]any{
			"objective": g.text("Channel"), "progress": g.progress()}}
	}
	if g.chance(0.3) {
		s["turn_policy"] = map[string]any{
			"barge_in_enabled":               g.chance(0.5),
			"block_forward_call_after_turns": vary(g, []int{-1, 3}, []int{-2}),
			"context_strategy":               vary(g, []string{"full", "summarize", "compact"}, []string{"everything"}),
		}
	}
	if s["type"] == string(spec.StateAction) && g.chance(0.2) {
		s["escalation_config"] = map[string]any{"max_loop_count": pick(g, 3, 0), "topic_risk_score": 0.5}
	}
}

func (g *gen) guardrails() any {
	out := []any{}
	for range 1 + g.r.IntN(2) {
		gr := map[string]any{"name": vary(g, []string{"no_pii", strings.Repeat("n", 128)}, []string{strings.Repeat("n", 129)}), "description": g.text("Rule")}
		g.maybe(gr, "enforcement", func() any { return vary(g, []string{"hard", "soft"}, []string{"maybe"}) })
		out = append(out, gr)
	}
	return out
}

// progress is a tool progress hint, sometimes out of its bounds.
func (g *gen) progress() map[string]any {
	return map[string]any{"mode": vary(g, []string{"auto", "verbal"}, []string{"loud"}), "interval_ms": vary(g, []int{100, 500}, []int{50}),
		"phrases": g.texts("Phrase", 2)}
}

func (g *gen) platformTools() any {
	out := []any{}
	for range g.r.IntN(3) {
		t := map[string]any{"tool_id": pick(g, "lookup", "book")}
		g.maybe(t, "result_persistence", func() any { return vary(g, []string{"accumulate", "override"}, []string{"persisted"}) })
		g.maybe(t, "audio_fillers", func() any { return g.texts("Filler", 3) })
		g.maybe(t, "audio_filler_triggered_after", func() any { return g.delay() })
		g.maybe(t, "progress", func() any { return g.progress() })
		out = append(out, t)
	}
	return out
}

// agent is an agent spec of the generator's dialect.
func (g *gen) agent() map[string]any {
	id := map[string]any{
		"name": g.text("Name"), "role": g.text("Role"), "developed_by": g.text("Dev"),
		"default_spoken_language": vary(g, []string{"eng", "spa"}, []string{"xx", "ENG", "zzz"}),
		"relationship_to_developer": map[string]any{"ownership": g.text("Own"), "type": g.text("Type"),
			"conversation_visibility": g.text("Vis"), "thought_visibility": g.text("Thought")},
	}
	a := map[string]any{
		"initials": vary(g, []string{"AB", "A", "ABC", "Åé"}, []string{"ABCD", " A ", ""}), "identity": id,
		"background": g.text("Background"), "behaviors": g.texts("Behave", 3),
		"communication_patterns": g.texts("Talk", 3),
	}
	if g.chance(0.4) {
		a["voice_config"] = map[string]any{"voice_id": g.text("voice")}
	}
	if g.d == spec.DialectPlatform {
		a["initials"] = vary(g, []string{"AB", "ABCDEFGHIJ", ""}, []string{"ABCDEFGHIJK"})
		if g.chance(0.3) {
			a["description"] = g.text("Agent description")
		}
		if g.oops(0.03) {
			a["background"] = strings.Repeat("b", 10001)
		}
		if vc, ok := a["voice_config"].(map[string]any); ok {
			vc["tts_provider"] = vary(g, []any{"cartesia", "elevenlabs", nil}, []any{"acme"})
			vc["stability"] = pick(g, 0.5, 1.0)
		}
	}
	return a
}
