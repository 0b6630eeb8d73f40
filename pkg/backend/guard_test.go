package backend_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestGuardErrorMessages: every way a guard can find the live value moved
// reads as one sentence that says what moved, that nothing was lost and
// what to do.
func TestGuardErrorMessages(t *testing.T) {
	agent := func(g backend.GuardError) *backend.GuardError {
		g.Kind, g.Name, g.Guard = spec.KindAgent, "intake-agent", backend.GuardVersion
		return &g
	}
	service := func(g backend.GuardError) *backend.GuardError {
		g.Kind, g.Name = spec.KindService, "intake"
		return &g
	}
	absent, set := backend.VersionSetFingerprint(nil), backend.VersionSetFingerprint(&spec.VersionSet{})
	const tail = "; nothing was overwritten; run plan again"
	tests := []struct {
		err  *backend.GuardError
		want string
	}{
		{agent(backend.GuardError{Expected: 6, Found: 7}), "conflict: agent intake-agent: v7 was created by someone else after the plan read v6" + tail},
		{agent(backend.GuardError{Expected: 6, Found: 9}), "conflict: agent intake-agent: v7–v9 were created by someone else after the plan read v6" + tail},
		{agent(backend.GuardError{Expected: 0, Found: 1}), "conflict: agent intake-agent: v1 was created by someone else after the plan found no version" + tail},
		{agent(backend.GuardError{Expected: 6, Found: 8, Created: 8}),
			"conflict: agent intake-agent: v7 was created by someone else after the plan read v6, and our version was created on top of it as v8" + tail},
		{agent(backend.GuardError{Expected: 6, Found: 9, Created: 9}),
			"conflict: agent intake-agent: v7–v8 were created by someone else after the plan read v6, and our version was created on top of them as v9" + tail},
		{agent(backend.GuardError{Expected: 6, Found: 6, Created: 6}), "conflict: agent intake-agent: our version was created as v6, not v7, after the plan read v6" + tail},
		{agent(backend.GuardError{Expected: 6, Found: 4}), "conflict: agent intake-agent: the plan read v6, but the latest version is now v4" + tail},
		{agent(backend.GuardError{Expected: 6, Found: backend.VersionUnknown}), "conflict: agent intake-agent: the server refused v7 as not the next version after the plan read v6" + tail},
		{service(backend.GuardError{Guard: backend.GuardFields, ExpectedFingerprint: "sha256:1", FoundFingerprint: "sha256:2"}),
			"conflict: service intake: its fields were changed by someone else after the plan read them" + tail},
		{service(backend.GuardError{Guard: backend.GuardVersionSet, VersionSet: "staging", ExpectedFingerprint: absent, FoundFingerprint: set}),
			"conflict: service intake: version set staging was created by someone else after the plan found none" + tail},
		{service(backend.GuardError{Guard: backend.GuardVersionSet, VersionSet: "staging", ExpectedFingerprint: set, FoundFingerprint: absent}),
			"conflict: service intake: version set staging was deleted by someone else after the plan read it" + tail},
		{service(backend.GuardError{Guard: backend.GuardFields, Gone: true}), "conflict: service intake: it was removed by someone else after the plan read it" + tail},
		{&backend.GuardError{Kind: spec.KindContextGraph, Name: "billing", Guard: backend.GuardDescription},
			"conflict: context graph billing: its description was changed by someone else after the plan read it" + tail},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%+v:\n%s\nwant\n%s", *tc.err, got, tc.want)
		}
	}
}

// TestFingerprints: a fingerprint survives the trip through a saved plan
// (JSON), covers what it says and nothing else.
func TestFingerprints(t *testing.T) {
	team := "billing"
	svc := backend.Service{
		ID: "s1", Name: "intake", AgentID: "a1", ContextGraphID: "g1",
		Spec: spec.ServiceSpec{
			Agent: "intake-agent", ContextGraph: "intake-flow", Description: "The front door.",
			Tags: map[string]*string{"team": &team, "tier": nil}, Keyterms: []string{"intake"},
			VersionSets: map[string]spec.VersionSet{"release": {Agent: number(3), ContextGraph: spec.Pin{Kind: spec.PinLatest}}},
		},
	}
	base := backend.ServiceFingerprint(svc)
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(base) {
		t.Fatalf("fingerprint %q is not sha256:<hex>", base)
	}
	raw, err := json.Marshal(svc)
	if err != nil {
		t.Fatal(err)
	}
	var back backend.Service
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if got := backend.ServiceFingerprint(back); got != base {
		t.Errorf("the fingerprint changed through JSON: %s → %s", base, got)
	}
	same := svc
	same.Spec.Agent, same.Spec.ContextGraph, same.Spec.VersionSets, same.Spec.Keyterms = "", "", nil, []string{"intake"}
	if backend.ServiceFingerprint(same) != base {
		t.Error("names from the Index or version sets changed the service fingerprint")
	}
	for name, change := range map[string]func(*backend.Service){
		"description": func(s *backend.Service) { s.Spec.Description = "Another door." },
		"agent id":    func(s *backend.Service) { s.AgentID = "a2" },
		"inactive":    func(s *backend.Service) { s.Spec.IsActive = new(bool) },
		"tag value":   func(s *backend.Service) { s.Spec.Tags = map[string]*string{"team": nil, "tier": nil} },
	} {
		moved := svc
		change(&moved)
		if backend.ServiceFingerprint(moved) == base {
			t.Errorf("a changed %s kept the fingerprint", name)
		}
	}
	release := svc.Spec.VersionSets["release"]
	other := release
	other.Agent = number(4)
	fps := map[string]bool{}
	for _, s := range []*spec.VersionSet{nil, {}, &release, &other} {
		fps[backend.VersionSetFingerprint(s)] = true
	}
	if len(fps) != 4 {
		t.Errorf("absent, empty and two different sets share fingerprints: %v", fps)
	}
	if backend.DescriptionFingerprint("a") == backend.DescriptionFingerprint("b") {
		t.Error("two descriptions share a fingerprint")
	}
}
