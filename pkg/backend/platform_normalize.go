package backend

import (
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// normalizeGraph normalises a context graph version: the graph goes through the
// wire form, gets the defaults the API documents (and the server fills in)
// and comes back. A graph Platform cannot carry (a reference, a Classic
// state type, a malformed object) is returned unchanged: creating it fails
// with the reason.
func (platformNormalizer) normalizeGraph(g spec.ContextGraphSpec) spec.ContextGraphSpec {
	req, err := platformGraphToWire(g)
	if err != nil {
		return g
	}
	for i := range req.States {
		fillStateDefaults(&req.States[i])
	}
	out, err := platformGraphFromWire(platform.ContextGraphVersionResponse{
		Description: deref(req.Description), States: req.States,
		NewUserInitialState: req.NewUserInitialState, ReturningUserInitialState: req.ReturningUserInitialState,
		TerminalState:                        req.TerminalState,
		GlobalIntraStateNavigationGuidelines: req.GlobalIntraStateNavigationGuidelines,
		GlobalActionGuidelines:               req.GlobalActionGuidelines,
		GlobalBoundaryConstraints:            req.GlobalBoundaryConstraints,
		TopologyDescription:                  req.TopologyDescription,
	})
	if err != nil {
		return g
	}
	return out
}

// fillStateDefaults fills the documented defaults of a state's optional
// fields (lists default to empty, which the manifest model writes as absent).
func fillStateDefaults(s *platform.ContextGraphState) {
	switch {
	case s.Action != nil:
		a := s.Action
		fillGuardrails(a.Guardrails)
		fillTools(a.ActionToolCallSpecs)
		fillTools(a.ExitConditionToolCallSpecs)
		a.ChannelOverrides = fillOverrides(a.ChannelOverrides)
		fillTurnPolicy(a.TurnPolicy)
		if e := a.EscalationConfig; e != nil {
			e.MaxLoopCount = orDefault(e.MaxLoopCount, 3)
			e.TopicRiskScore = orDefault(e.TopicRiskScore, 0.0)
		}
	case s.Decision != nil:
		d := s.Decision
		fillGuardrails(d.Guardrails)
		fillTools(d.ToolCallSpecs)
		d.ChannelOverrides = fillOverrides(d.ChannelOverrides)
		fillTurnPolicy(d.TurnPolicy)
	case s.DataCollection != nil:
		d := s.DataCollection
		fillGuardrails(d.Guardrails)
		fillTools(d.ToolCallSpecs)
		d.ChannelOverrides = fillOverrides(d.ChannelOverrides)
		fillTurnPolicy(d.TurnPolicy)
		d.MaxTurns = orDefault(d.MaxTurns, 10)
		d.SurfaceFallback = orDefault(d.SurfaceFallback, false)
		d.SurfaceFallbackAfterTurns = orDefault(d.SurfaceFallbackAfterTurns, 6)
		for i := range d.Fields {
			d.Fields[i].Required = orDefault(d.Fields[i].Required, true)
		}
	}
}

func fillGuardrails(gs []platform.Guardrail) {
	for i := range gs {
		gs[i].Enforcement = orDefault(gs[i].Enforcement, "hard")
	}
}

func fillTools(ts []platform.ToolCallSpec) {
	for i := range ts {
		t := &ts[i]
		t.AdditionalInstruction = orDefault(t.AdditionalInstruction, "")
		t.NavigateOnCompletion = orDefault(t.NavigateOnCompletion, false)
		t.ResultPersistence = orDefault(t.ResultPersistence, "accumulate")
		fillProgress(t.Progress)
	}
}

func fillProgress(p *platform.ProgressHint) {
	if p != nil {
		p.Deterministic = orDefault(p.Deterministic, false)
		p.Mode = orDefault(p.Mode, "auto")
	}
}

// fillOverrides returns a copy of m with the overrides' defaults filled.
func fillOverrides(m map[string]platform.ChannelOverride) map[string]platform.ChannelOverride {
	if m == nil {
		return nil
	}
	out := make(map[string]platform.ChannelOverride, len(m))
	for k, o := range m {
		if o.Progress != nil {
			p := *o.Progress
			fillProgress(&p)
			o.Progress = &p
		}
		out[k] = o
	}
	return out
}

func fillTurnPolicy(t *platform.TurnPolicy) {
	if t == nil {
		return
	}
	t.BargeInEnabled = orDefault(t.BargeInEnabled, true)
	t.BlockForwardCall = orDefault(t.BlockForwardCall, false)
	t.BlockForwardCallAfterTurns = orDefault(t.BlockForwardCallAfterTurns, -1)
	t.ContextStrategy = orDefault(t.ContextStrategy, "full")
	t.DegradationThreshold = orDefault(t.DegradationThreshold, -1)
	t.GreetingShieldS = orDefault(t.GreetingShieldS, 0.0)
	t.SafetyResponse = orDefault(t.SafetyResponse, "stay_empathize")
}
