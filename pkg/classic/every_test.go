package classic_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/pkg/classic"
)

// TestEveryEndpoint drives every typed method once in a realistic order,
// then checks from the client's counters that each endpoint of the table
// was called and answered 2xx. Every answer the client decoded is also
// checked against classic-openapi.json.
func TestEveryEndpoint(t *testing.T) {
	var rec *conformance.Recorder
	checker, _, err := conformance.LoadDocs()
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
		rec = conformance.NewRecorder(checker, next)
		return rec
	}})
	ctx := context.Background()
	c := e.client

	if _, err := c.GetOrganization(ctx); err != nil {
		t.Fatal(err)
	}
	agentID, graphID, serviceID := newService(t, c, "front-desk")
	collect(t, c.ListAgents(ctx, classic.ContainerFilter{}))
	collect(t, c.ListAgentVersions(ctx, agentID, classic.VersionQuery{Version: "latest"}))
	collect(t, c.ListSHSMs(ctx, classic.ContainerFilter{}))
	collect(t, c.ListSHSMVersions(ctx, graphID, classic.VersionQuery{Version: "1-latest"}))
	collect(t, c.ListServices(ctx, classic.ServiceFilter{}))
	collect(t, c.ListTools(ctx, classic.ToolFilter{}))
	steps := []struct {
		name string
		run  func() error
	}{
		{"dry run", func() error { return c.DryRunSHSMVersion(ctx, graphID, 2, graphBody(2)) }},
		{"update service", func() error {
			return c.UpdateService(ctx, serviceID, classic.UpdateServiceRequest{IsActive: ptr(false)})
		}},
		{"upsert version set", func() error {
			return c.UpsertVersionSet(ctx, serviceID, "staging", classic.VersionSet{
				AgentVersionNumber: ptr(1), ServiceHierarchicalStateMachineVersionNumber: ptr(1),
				LLMModelPreferences: map[string]classic.LLMConfig{},
			})
		}},
		{"delete version set", func() error { return c.DeleteVersionSet(ctx, serviceID, "staging") }},
		{"deprecate agent", func() error { return c.DeprecateAgent(ctx, agentID) }},
		{"deprecate graph", func() error { return c.DeprecateSHSM(ctx, graphID) }},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}

	stats := c.Stats()
	for _, ep := range classic.Endpoints() {
		ok := 0
		for status, n := range stats[ep.Name] {
			if status >= 200 && status < 300 {
				ok += n
			}
		}
		if ok == 0 {
			t.Errorf("endpoint %s (%s %s) was not called successfully: %v", ep.Name, ep.Method, ep.Path, stats[ep.Name])
		}
	}
	checked, mismatches, errs := rec.Report()
	if mismatches > 0 || checked == 0 {
		t.Errorf("%d of %d answers disagree with the document: %v", mismatches, checked, errs)
	}
	t.Logf("%d answers conform to classic-openapi.json", checked)
}
