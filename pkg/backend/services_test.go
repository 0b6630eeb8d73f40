package backend_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// serviceWorld makes an agent and a context graph with two versions each.
func serviceWorld(t *testing.T, w world) backend.Index {
	t.Helper()
	ctx := context.Background()
	agent := mustContainer(t, w.b, spec.KindAgent, "svc-agent")
	graph := mustContainer(t, w.b, spec.KindContextGraph, "svc-graph")
	for n := 1; n <= 2; n++ {
		if err := w.b.CreateVersion(ctx, agent, n, agentVersion(testAgent("B.")), backend.Index{}); err != nil {
			t.Fatal(err)
		}
		if err := w.b.CreateVersion(ctx, graph, n, graphVersion(testGraph("G.")), backend.Index{}); err != nil {
			t.Fatal(err)
		}
	}
	return index(t, w.b)
}

func number(n int) spec.Pin { return spec.Pin{Kind: spec.PinNumber, Number: n} }

func TestServices(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		norm := backend.NormalizerFor(d)
		idx := serviceWorld(t, w)
		team := "billing"
		s := spec.ServiceSpec{
			Agent: "svc-agent", ContextGraph: "svc-graph", Description: "A line.",
			Tags: map[string]*string{"team": &team, "tier": nil}, Keyterms: []string{"balance due"},
		}
		svc, err := w.b.CreateService(ctx, "line", s, idx)
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		sets := map[string]spec.VersionSet{
			"release": {Agent: number(1), ContextGraph: number(2),
				LLMModelPreferences: map[string]spec.LLMConfig{"engage_user": {LLMName: "openai_gpt-5.1-2025-11-13", Params: map[string]any{"temperature": 0.2}}}},
			"staging": {Agent: spec.Pin{Kind: spec.PinLatest}, ContextGraph: number(1)},
		}
		for name, vs := range sets {
			if err := w.b.UpsertVersionSet(ctx, svc, name, vs); err != nil {
				t.Fatalf("upsert %s: %v", name, err)
			}
		}
		s.VersionSets = sets
		checkService(t, w, idx, "after create", norm.NormalizeService(s))

		// An update sets every field: cleared tags and keyterms are cleared.
		s.Description, s.Tags, s.Keyterms = "Another line.", nil, nil
		s.IsActive = new(bool)
		if err := w.b.UpdateService(ctx, svc, s, idx); err != nil {
			t.Fatalf("update: %v", err)
		}
		checkService(t, w, idx, "after update", norm.NormalizeService(s))

		err = w.b.UpsertVersionSet(ctx, svc, "x", spec.VersionSet{Agent: spec.Pin{Kind: spec.PinCurrent}, ContextGraph: number(1)})
		if !errors.Is(err, backend.ErrUnsupported) {
			t.Errorf("a current pin: %v; want ErrUnsupported", err)
		}
		err = w.b.UpsertVersionSet(ctx, svc, "x", spec.VersionSet{Agent: number(7), ContextGraph: number(1)})
		var be *backend.Error
		if !errors.As(err, &be) || be.Name != "line" || !(errors.Is(err, apiclient.ErrBadRequest) || errors.Is(err, apiclient.ErrValidation)) {
			t.Errorf("a pin to a missing version: %v; want a *backend.Error naming the service, from the API's refusal", err)
		}
		s.Agent = "no-such-agent"
		if _, err := w.b.CreateService(ctx, "other", s, idx); err == nil {
			t.Error("a service of an unknown agent was created")
		}
	})
}

// checkService lists the services and compares the one there is.
func checkService(t *testing.T, w world, idx backend.Index, when string, want spec.ServiceSpec) {
	t.Helper()
	got, err := w.b.Services(context.Background(), idx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("%s: %d services listed; want 1", when, len(got))
	}
	if a, _ := idx.ID(spec.KindAgent, "svc-agent"); got[0].AgentID != a {
		t.Errorf("%s: agent id %s; want %s", when, got[0].AgentID, a)
	}
	if diff := cmp.Diff(want, got[0].Spec); diff != "" {
		t.Errorf("%s (-normalised manifest +listed):\n%s", when, diff)
	}
}

func TestPlatformSettingsOnClassicAreRefused(t *testing.T) {
	w := startClassic(t)
	idx := serviceWorld(t, w)
	s := spec.ServiceSpec{Agent: "svc-agent", ContextGraph: "svc-graph", Description: "A line.", ChannelType: "text"}
	if _, err := w.b.CreateService(context.Background(), "line", s, idx); !errors.Is(err, backend.ErrUnsupported) {
		t.Errorf("a classic service with channel_type: %v; want ErrUnsupported", err)
	}
}

// TestPlatformServiceSettings: Platform-only settings round trip with
// their defaults filled, and an update sends the defaults explicitly, so
// that leaving a setting out of the manifest resets it.
func TestPlatformServiceSettings(t *testing.T) {
	ctx := context.Background()
	w := startPlatform(t)
	norm := backend.NormalizerFor(spec.DialectPlatform)
	idx := serviceWorld(t, w)
	capacity, off := 5, false
	s := spec.ServiceSpec{
		Agent: "svc-agent", ContextGraph: "svc-graph", ChannelType: "text", Environment: "sandbox",
		SafetyFiltersEnabled: &off, ToolCapacity: &capacity,
		EscalationPolicy: map[string]any{"risk_scorer": map[string]any{"type": "hangup"}},
		VoiceConfig:      map[string]any{"filler_style": "phrase", "eot_timeout_ms": 900.0, "empathy_hold_ms": nil},
	}
	svc, err := w.b.CreateService(ctx, "settings", s, idx)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	checkService(t, w, idx, "after create", norm.NormalizeService(s))
	if got := norm.NormalizeService(s).VoiceConfig["backchannel_delay_ms"]; got != 400.0 {
		t.Errorf("normalised voice config has backchannel_delay_ms %v; want the documented 400", got)
	}
	s.ChannelType, s.Environment, s.SafetyFiltersEnabled, s.ToolCapacity = "", "", nil, nil
	if err := w.b.UpdateService(ctx, svc, s, idx); err != nil {
		t.Fatalf("update: %v", err)
	}
	want := norm.NormalizeService(s)
	if want.ChannelType != "voice" || want.Environment != "production" || !*want.SafetyFiltersEnabled || *want.ToolCapacity != 3 {
		t.Errorf("normalised defaults %+v; want voice, production, safety filters on, capacity 3", want)
	}
	checkService(t, w, idx, "after update", want)
}

// TestClassicVoiceConfigCannotBeRemoved documents an API rule the planner
// must know: on Classic a version without voice_config keeps the previous
// version's voice ("null means unchanged").
func TestClassicVoiceConfigCannotBeRemoved(t *testing.T) {
	ctx := context.Background()
	w := startClassic(t)
	agent := mustContainer(t, w.b, spec.KindAgent, "voiced")
	a := testAgent("B.")
	a.VoiceConfig = &spec.VoiceConfig{VoiceID: "voice-1"}
	if err := w.b.CreateVersion(ctx, agent, 1, agentVersion(a), backend.Index{}); err != nil {
		t.Fatal(err)
	}
	a.VoiceConfig = nil
	if err := w.b.CreateVersion(ctx, agent, 2, agentVersion(a), backend.Index{}); err != nil {
		t.Fatal(err)
	}
	got, err := readAgent(ctx, w.b, agent, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got.VoiceConfig == nil || got.VoiceConfig.VoiceID != "voice-1" {
		t.Errorf("version 2 voice %+v; the API carries version 1's voice forward", got.VoiceConfig)
	}
}
