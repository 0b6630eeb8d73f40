package platform_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/platform"
)

// TestEveryEndpoint drives each typed method against the emulator once in a
// realistic order, then checks from the client's counters that every
// endpoint of the table was called and answered 2xx.
//
// Every answer is also checked against the OpenAPI document, so the client
// is known to decode the documented shapes.
func TestEveryEndpoint(t *testing.T) {
	_, checker, err := conformance.LoadDocs()
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	var rec *conformance.Recorder
	e := newEnv(t, envOptions{transport: func(rt http.RoundTripper) http.RoundTripper {
		rec = conformance.NewRecorder(checker, rt)
		return rec
	}})
	defer func() {
		checked, mismatches, errs := rec.Report()
		if checked < len(platform.Endpoints()) || mismatches > 0 {
			t.Errorf("%d answers checked against the document, %d mismatches: %v", checked, mismatches, errs)
		}
		t.Logf("%d answers conform to the OpenAPI document", checked)
	}()
	ctx := context.Background()
	c := e.c

	wss := collect(t, c.ListWorkspaces(ctx))
	if len(wss) != 1 || wss[0].ID != testWorkspace {
		t.Fatalf("workspaces: %+v", wss)
	}
	ws, err := c.GetWorkspace(ctx, testWorkspace)
	must(t, err)
	if ws.BackendOrgID == nil || *ws.BackendOrgID != "org-test" {
		t.Errorf("backend_org_id = %v", ws.BackendOrgID)
	}

	agentID := exerciseAgent(t, c)
	graphID := exerciseGraph(t, c)
	exerciseService(t, c, agentID, graphID)
	exerciseSkill(t, c)

	must(t, c.DeleteAgent(ctx, agentID))
	must(t, c.DeleteContextGraph(ctx, graphID))
	if _, err := c.GetAgent(ctx, agentID); !apiclient.IsNotFound(err) {
		t.Errorf("get deleted agent: %v", err)
	}

	stats := c.Stats()
	for _, ep := range platform.Endpoints() {
		ok := 0
		for status, n := range stats[ep.Name] {
			if status >= 200 && status < 300 {
				ok += n
			}
		}
		if ok == 0 {
			t.Errorf("endpoint %s never answered 2xx (stats %v)", ep.Name, stats[ep.Name])
		}
	}
	sameCounters(t, e)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func exerciseAgent(t *testing.T, c *platform.Client) string {
	t.Helper()
	ctx := context.Background()
	a, err := c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "intake", Description: ptr("first")})
	must(t, err)
	if _, err := c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "intake"}); !apiclient.IsConflict(err) {
		t.Errorf("duplicate agent name: %v", err)
	}
	u, err := c.UpdateAgent(ctx, a.ID, platform.UpdateAgentRequest{Description: ptr("second")})
	must(t, err)
	if u.Description != "second" || u.Name != "intake" {
		t.Errorf("updated agent %+v", u)
	}
	v1, err := c.CreateAgentVersion(ctx, a.ID, agentVersion("one"))
	must(t, err)
	v2, err := c.CreateAgentVersionGuarded(ctx, a.ID, 2, agentVersion("two"))
	must(t, err)
	if v1.Version != 1 || v2.Version != 2 || v2.Background != "two" {
		t.Errorf("versions %d, %d (%q)", v1.Version, v2.Version, v2.Background)
	}
	got, err := c.GetAgent(ctx, a.ID)
	must(t, err)
	if got.LatestVersion != 2 {
		t.Errorf("latest_version = %d", got.LatestVersion)
	}
	if n := len(collect(t, c.ListAgents(ctx, platform.ListOptions{Search: "intake"}))); n != 1 {
		t.Errorf("search found %d agents", n)
	}
	vs := collect(t, c.ListAgentVersions(ctx, a.ID, platform.VersionListOptions{}))
	if len(vs) != 2 {
		t.Errorf("%d versions", len(vs))
	}
	one, err := c.GetAgentVersion(ctx, a.ID, 1)
	must(t, err)
	latest, err := c.GetLatestAgentVersion(ctx, a.ID)
	must(t, err)
	if one.Background != "one" || latest.Version != 2 {
		t.Errorf("version 1 %q, latest %d", one.Background, latest.Version)
	}
	return a.ID
}

func exerciseGraph(t *testing.T, c *platform.Client) string {
	t.Helper()
	ctx := context.Background()
	g, err := c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: "intake-flow"})
	must(t, err)
	_, err = c.UpdateContextGraph(ctx, g.ID, platform.UpdateContextGraphRequest{Name: ptr("intake-flow-2")})
	must(t, err)
	_, err = c.CreateContextGraphVersion(ctx, g.ID, graphVersion("one"))
	must(t, err)
	v2, err := c.CreateContextGraphVersionGuarded(ctx, g.ID, 2, graphVersion("two"))
	must(t, err)
	if v2.Version != 2 || v2.Description != "two" || len(v2.States) != 2 || v2.States[0].Name() != "start" {
		t.Errorf("graph version 2: %+v", v2)
	}
	got, err := c.GetContextGraph(ctx, g.ID)
	must(t, err)
	if got.Name != "intake-flow-2" || got.LatestVersion != 2 {
		t.Errorf("graph %+v", got)
	}
	if n := len(collect(t, c.ListContextGraphs(ctx, platform.ListOptions{}))); n != 1 {
		t.Errorf("%d graphs", n)
	}
	if n := len(collect(t, c.ListContextGraphVersions(ctx, g.ID, platform.VersionListOptions{SortBy: "-version"}))); n != 2 {
		t.Errorf("%d graph versions", n)
	}
	one, err := c.GetContextGraphVersion(ctx, g.ID, 1)
	must(t, err)
	latest, err := c.GetLatestContextGraphVersion(ctx, g.ID)
	must(t, err)
	if one.Description != "one" || latest.Version != 2 {
		t.Errorf("graph version 1 %q, latest %d", one.Description, latest.Version)
	}
	return g.ID
}

func exerciseService(t *testing.T, c *platform.Client, agentID, graphID string) {
	t.Helper()
	ctx := context.Background()
	s, err := c.CreateService(ctx, platform.CreateServiceRequest{Name: "front-desk", AgentID: agentID, ContextGraphID: graphID})
	must(t, err)
	_, err = c.UpdateService(ctx, s.ID, platform.UpdateServiceRequest{ServiceSettings: platform.ServiceSettings{Description: ptr("the front desk"), IsActive: ptr(false)}})
	must(t, err)
	set := platform.VersionSet{AgentVersionNumber: ptr(1), ContextGraphVersionNumber: ptr(2)}
	must(t, c.UpsertVersionSet(ctx, s.ID, "release", set))
	got, err := c.GetService(ctx, s.ID)
	must(t, err)
	rel, ok := got.VersionSets["release"]
	if !ok || rel.AgentVersionNumber == nil || *rel.AgentVersionNumber != 1 || *rel.ContextGraphVersionNumber != 2 {
		t.Errorf("release version set %+v", got.VersionSets)
	}
	if got.Description != "the front desk" || got.IsActive {
		t.Errorf("service %+v", got)
	}
	if n := len(collect(t, c.ListServices(ctx, platform.ServiceListOptions{IsActive: ptr(false)}))); n != 1 {
		t.Errorf("%d inactive services", n)
	}
	if n := len(collect(t, c.ListServices(ctx, platform.ServiceListOptions{IsActive: ptr(true)}))); n != 0 {
		t.Errorf("%d active services", n)
	}
	must(t, c.DeleteService(ctx, s.ID))
}

func exerciseSkill(t *testing.T, c *platform.Client) {
	t.Helper()
	ctx := context.Background()
	sk, err := c.CreateSkill(ctx, platform.CreateSkillRequest{Slug: "look-up", Name: "Look up", Description: "Looks things up", InputSchema: map[string]any{"type": "object"}})
	must(t, err)
	_, err = c.UpdateSkill(ctx, sk.ID, platform.UpdateSkillRequest{SkillSettings: platform.SkillSettings{Enabled: ptr(false)}})
	must(t, err)
	got, err := c.GetSkill(ctx, sk.ID)
	must(t, err)
	if got.Enabled || got.Slug != "look-up" {
		t.Errorf("skill %+v", got)
	}
	if n := len(collect(t, c.ListSkills(ctx, platform.SkillListOptions{Enabled: ptr(false), ExecutionTier: "orchestrated"}))); n != 1 {
		t.Errorf("%d disabled skills", n)
	}
	must(t, c.DeleteSkill(ctx, sk.ID))
}

func TestPagination(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	for i := range 45 {
		_, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "agent-" + string(rune('a'+i/26)) + string(rune('a'+i%26))})
		must(t, err)
	}
	tests := []struct {
		pageSize, wantCalls int
	}{
		{0, 3}, {20, 3}, {7, 7}, {1, 45},
	}
	for _, tt := range tests {
		before := e.emu.Kit().Stats()[platform.ListAgents][200]
		agents := collect(t, e.c.ListAgents(ctx, platform.ListOptions{PageSize: tt.pageSize, SortBy: "name"}))
		calls := e.emu.Kit().Stats()[platform.ListAgents][200] - before
		names := make([]string, len(agents))
		for i, a := range agents {
			names[i] = a.Name
		}
		if len(agents) != 45 || !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != 45 {
			t.Errorf("page size %d: %d agents, sorted %v", tt.pageSize, len(agents), slices.IsSorted(names))
		}
		if calls != tt.wantCalls {
			t.Errorf("page size %d: %d requests, want %d", tt.pageSize, calls, tt.wantCalls)
		}
	}
	// Stopping early fetches no further page.
	before := e.emu.Kit().Stats()[platform.ListAgents][200]
	for range e.c.ListAgents(ctx, platform.ListOptions{}) {
		break
	}
	if calls := e.emu.Kit().Stats()[platform.ListAgents][200] - before; calls != 1 {
		t.Errorf("early break made %d requests", calls)
	}
}

func TestErrorsFromTheEmulator(t *testing.T) {
	e := newEnv(t, envOptions{})
	ctx := context.Background()
	_, err := e.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: ""})
	var ae *apiclient.APIError
	if !apiclient.IsValidation(err) || !errors.As(err, &ae) || len(ae.Fields) == 0 || !strings.Contains(err.Error(), "body.name") {
		t.Errorf("empty name: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "create agent: 422 Unprocessable Entity: ") || ae.RequestID == "" {
		t.Errorf("message %q, request id %q", err, ae.RequestID)
	}
	_, err = e.c.GetAgent(ctx, "00000000-0000-4000-8000-000000000000")
	if !apiclient.IsNotFound(err) {
		t.Errorf("missing agent: %v", err)
	}
	_, err = e.c.CreateAgentVersionGuarded(ctx, "00000000-0000-4000-8000-000000000000", 1, agentVersion("x"))
	if !apiclient.IsNotFound(err) || !strings.Contains(err.Error(), "before creating a version") {
		t.Errorf("guarded create on a missing agent: %v", err)
	}
	// The guard is not optional: 0 is refused before anything is sent (the
	// agent does not exist, so a request would have been answered 404).
	_, err = e.c.CreateAgentVersionGuarded(ctx, "00000000-0000-4000-8000-000000000000", 0, agentVersion("x"))
	if err == nil || apiclient.IsNotFound(err) || !strings.Contains(err.Error(), "must be 1 or more, not 0") {
		t.Errorf("unguarded create: %v; want it refused before sending", err)
	}
}

func TestUnauthorized(t *testing.T) {
	e := newEnv(t, envOptions{apiKey: "fake-wrong-key-456"})
	ctx := context.Background()
	_, err := e.c.GetWorkspace(ctx, testWorkspace)
	if !apiclient.IsUnauthorized(err) || !strings.Contains(err.Error(), "get workspace: 401 Unauthorized") {
		t.Errorf("wrong key: %v", err)
	}
	if strings.Contains(err.Error(), "fake-wrong-key-456") {
		t.Errorf("error echoes the key: %v", err)
	}
	for _, err := range e.c.ListAgents(ctx, platform.ListOptions{}) {
		if !apiclient.IsUnauthorized(err) {
			t.Errorf("list with wrong key: %v", err)
		}
	}
	if n := e.emu.Kit().Stats().Total(); n != 2 {
		t.Errorf("%d requests: a 401 must not be retried", n)
	}
}
