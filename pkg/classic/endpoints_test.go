package classic_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
)

func TestOrganization(t *testing.T) {
	e := newEnv(t, envConfig{})
	org, err := e.client.GetOrganization(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if org.OrgID != testOrg {
		t.Errorf("org_id = %q, want %q", org.OrgID, testOrg)
	}
}

func TestAgentVersions(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	c := e.client

	id, err := c.CreateAgent(ctx, "intake")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.LatestAgentVersion(ctx, id); !apiclient.IsNotFound(err) {
		t.Fatalf("latest version of a new agent: err=%v; want not found", err)
	}
	for n := 1; n <= 3; n++ {
		got, err := c.CreateAgentVersion(ctx, id, n, agentBody(n))
		if err != nil || got.Version != n {
			t.Fatalf("create version %d: %+v, %v", n, got, err)
		}
	}
	latest, err := c.LatestAgentVersion(ctx, id)
	if err != nil || latest.Version != 3 || latest.Background != "Background revision 3." {
		t.Fatalf("latest = %+v, %v; want version 3", latest, err)
	}
	v2, err := c.GetAgentVersion(ctx, id, 2)
	if err != nil || v2.Version != 2 || v2.Background != "Background revision 2." {
		t.Fatalf("version 2 = %+v, %v", v2, err)
	}
	if _, err := c.GetAgentVersion(ctx, id, 9); !apiclient.IsNotFound(err) || err.Error() != "the agent has no version 9: not found" {
		t.Fatalf("version 9: err=%v; want \"the agent has no version 9: not found\"", err)
	}
	if rng := collect(t, c.ListAgentVersions(ctx, id, classic.VersionQuery{Version: "2-3"})); len(rng) != 2 {
		t.Fatalf("versions 2-3: got %d", len(rng))
	}
	desc := collect(t, c.ListAgentVersions(ctx, id, classic.VersionQuery{SortBy: []string{"-version"}}))
	if len(desc) != 3 || desc[0].Version != 3 {
		t.Fatalf("versions sorted -version: %d versions, first %d", len(desc), desc[0].Version)
	}
	_, err = c.CreateAgentVersion(ctx, id, 3, agentBody(9))
	var conflict *classic.VersionConflictError
	if !errors.As(err, &conflict) || conflict.Latest != 3 || !apiclient.IsConflict(err) {
		t.Fatalf("stale guard: err = %v, want a VersionConflictError seeing version 3", err)
	}
	if !strings.Contains(err.Error(), "version 3 already exists") {
		t.Errorf("conflict message %q does not name the version seen", err)
	}
	_, err = c.CreateAgentVersion(ctx, id, 5, agentBody(5))
	if want := "the latest version on the server is 3, so the next is 4, not 5"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("conflict message %v does not say %q", err, want)
	}
	if _, err := c.LatestAgentVersion(ctx, "ffffffffffffffffffffffff"); !apiclient.IsNotFound(err) {
		t.Errorf("latest version of a missing agent: err = %v, want not found", err)
	}
}

func TestAgentContainers(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	c := e.client

	id := mustID(t)(c.CreateAgent(ctx, "intake"))
	if _, err := c.CreateAgent(ctx, "intake"); !apiclient.IsConflict(err) {
		t.Errorf("duplicate agent name: err = %v, want a conflict", err)
	}
	agents := collect(t, c.ListAgents(ctx, classic.ContainerFilter{}))
	if len(agents) != 1 || agents[0].ID != id || agents[0].Name != "intake" || agents[0].LatestVersion != nil {
		t.Fatalf("agents = %+v", agents)
	}
	if err := c.DeprecateAgent(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := c.DeprecateAgent(ctx, id); !apiclient.IsConflict(err) {
		t.Errorf("deprecating twice: err = %v, want a conflict", err)
	}
	if got := collect(t, c.ListAgents(ctx, classic.ContainerFilter{Deprecated: ptr(false)})); len(got) != 0 {
		t.Errorf("live agents after deprecation: %d", len(got))
	}
	if got := collect(t, c.ListAgents(ctx, classic.ContainerFilter{Deprecated: ptr(true), IDs: []string{id}})); len(got) != 1 {
		t.Errorf("deprecated agents by id: %d", len(got))
	}
	if err := c.DeprecateAgent(ctx, "ffffffffffffffffffffffff"); !apiclient.IsNotFound(err) {
		t.Errorf("deprecating a missing agent: err = %v, want not found", err)
	}
}

func TestSHSMLifecycle(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	c := e.client

	id, err := c.CreateSHSM(ctx, "intake-flow")
	if err != nil {
		t.Fatal(err)
	}
	// A dry run validates and creates nothing.
	if err := c.DryRunSHSMVersion(ctx, id, 1, graphBody(1)); err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if _, err := c.LatestSHSMVersion(ctx, id); !apiclient.IsNotFound(err) {
		t.Fatalf("after a dry run: err=%v; want no version", err)
	}
	bad := graphBody(1)
	bad.TerminalState = "nowhere"
	if err := c.DryRunSHSMVersion(ctx, id, 1, bad); err == nil || !(apiclient.IsBadRequest(err) || apiclient.IsValidation(err)) {
		t.Errorf("dry run of an invalid graph: err = %v, want 400 or 422", err)
	}
	for n := 1; n <= 2; n++ {
		if got, err := c.CreateSHSMVersion(ctx, id, n, graphBody(n)); err != nil || got.Version != n {
			t.Fatalf("create version %d: %+v, %v", n, got, err)
		}
	}
	latest, err := c.LatestSHSMVersion(ctx, id)
	if err != nil || latest.Version != 2 || latest.Description != "Intake flow revision 2." || len(latest.States) != 2 {
		t.Fatalf("latest = %+v, %v", latest, err)
	}
	if v, err := c.GetSHSMVersion(ctx, id, 1); err != nil || v.Version != 1 {
		t.Fatalf("version 1 = %+v, %v", v, err)
	}
	if _, err := c.GetSHSMVersion(ctx, id, 3); !apiclient.IsNotFound(err) {
		t.Fatalf("version 3: err=%v; want not found", err)
	}
	if got := collect(t, c.ListSHSMVersions(ctx, id, classic.VersionQuery{Version: "latest"})); len(got) != 1 || got[0].Version != 2 {
		t.Fatalf("version=latest: %+v", got)
	}
	if _, err := c.CreateSHSMVersion(ctx, id, 5, graphBody(5)); !apiclient.IsConflict(err) {
		t.Errorf("guard 5 after 2: err = %v, want a conflict", err)
	}
	if got := collect(t, c.ListSHSMs(ctx, classic.ContainerFilter{})); len(got) != 1 || got[0].Name != "intake-flow" {
		t.Fatalf("shsms = %+v", got)
	}
	if err := c.DeprecateSHSM(ctx, id); err != nil {
		t.Fatal(err)
	}
}

// newService creates an agent and a graph with one version each and a service using them.
func newService(t *testing.T, c *classic.Client, name string) (agentID, graphID, serviceID string) {
	t.Helper()
	ctx := context.Background()
	var err error
	if agentID, err = c.CreateAgent(ctx, name+"-agent"); err != nil {
		t.Fatal(err)
	}
	if _, err = c.CreateAgentVersion(ctx, agentID, 1, agentBody(1)); err != nil {
		t.Fatal(err)
	}
	if graphID, err = c.CreateSHSM(ctx, name+"-graph"); err != nil {
		t.Fatal(err)
	}
	if _, err = c.CreateSHSMVersion(ctx, graphID, 1, graphBody(1)); err != nil {
		t.Fatal(err)
	}
	serviceID, err = c.CreateService(ctx, classic.CreateServiceRequest{
		ServiceHierarchicalStateMachineID: graphID, AgentID: agentID,
		Name: name, Description: "Front desk.", IsActive: true,
		Keyterms: []string{"front desk"}, Tags: map[string]*string{"team": ptr("intake")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return agentID, graphID, serviceID
}

func ptr[T any](v T) *T { return &v }

func TestServicesAndVersionSets(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	c := e.client
	agentID, graphID, id := newService(t, c, "front-desk")

	if err := c.UpdateService(ctx, id, classic.UpdateServiceRequest{Description: ptr("Front desk, updated.")}); err != nil {
		t.Fatal(err)
	}
	set := classic.VersionSet{AgentVersionNumber: ptr(1), ServiceHierarchicalStateMachineVersionNumber: nil,
		LLMModelPreferences: map[string]classic.LLMConfig{}}
	if err := c.UpsertVersionSet(ctx, id, "staging", set); err != nil {
		t.Fatal(err)
	}
	services := collect(t, c.ListServices(ctx, classic.ServiceFilter{IDs: []string{id}, IsActive: ptr(true)}))
	if len(services) != 1 {
		t.Fatalf("services = %+v", services)
	}
	s := services[0]
	if s.Description != "Front desk, updated." || s.AgentID != agentID || s.ServiceHierarchicalStateMachineID != graphID {
		t.Errorf("service = %+v", s)
	}
	for _, name := range []string{"edge", "release", "staging"} {
		if _, ok := s.VersionSets[name]; !ok {
			t.Errorf("version set %q missing: %v", name, s.VersionSets)
		}
	}
	if got := s.VersionSets["staging"].AgentVersionNumber; got == nil || *got != 1 {
		t.Errorf("staging agent pin = %v, want 1", got)
	}
	if err := c.UpsertVersionSet(ctx, id, "edge", set); !apiclient.IsBadRequest(err) {
		t.Errorf("put edge: err = %v, want 400", err)
	}
	if err := c.DeleteVersionSet(ctx, id, "release"); !apiclient.IsBadRequest(err) {
		t.Errorf("delete release: err = %v, want 400", err)
	}
	if err := c.DeleteVersionSet(ctx, id, "staging"); err != nil {
		t.Fatal(err)
	}
	services = collect(t, c.ListServices(ctx, classic.ServiceFilter{}))
	if _, ok := services[0].VersionSets["staging"]; ok {
		t.Error("staging still present after delete")
	}
	// The agent is in use by an active service: deprecating it is refused.
	if err := c.DeprecateAgent(ctx, agentID); !apiclient.IsBadRequest(err) {
		t.Errorf("deprecate an agent in use: err = %v, want 400", err)
	}
}

// TestServiceEdgeAndNames: a new service's `edge` set follows the latest
// versions (null pins) and stays so as versions are added; `release`
// equals it when none is given; only one active service may carry a name,
// and the refusal is a typed 409 naming endpoint, detail and request id.
func TestServiceEdgeAndNames(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	c := e.client
	agentID, graphID, id := newService(t, c, "front-desk")
	if _, err := c.CreateAgentVersion(ctx, agentID, 2, agentBody(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateSHSMVersion(ctx, graphID, 2, graphBody(2)); err != nil {
		t.Fatal(err)
	}
	services := collect(t, c.ListServices(ctx, classic.ServiceFilter{IDs: []string{id}}))
	if len(services) != 1 {
		t.Fatalf("services = %+v", services)
	}
	sets := services[0].VersionSets
	latest := classic.VersionSet{LLMModelPreferences: map[string]classic.LLMConfig{}}
	if !reflect.DeepEqual(sets["edge"], latest) || !reflect.DeepEqual(sets["release"], latest) {
		t.Errorf("edge %+v and release %+v, want both on the latest versions (null pins)", sets["edge"], sets["release"])
	}
	twin := classic.CreateServiceRequest{
		ServiceHierarchicalStateMachineID: graphID, AgentID: agentID, Name: "front-desk",
		Description: "Another front desk.", IsActive: true, Keyterms: []string{}, Tags: map[string]*string{},
	}
	_, err := c.CreateService(ctx, twin)
	var apiErr *apiclient.APIError
	if !apiclient.IsConflict(err) || !errors.As(err, &apiErr) {
		t.Fatalf("second active service named front-desk: err = %v, want a 409 APIError", err)
	}
	if apiErr.Endpoint == "" || !strings.HasPrefix(apiErr.RequestID, "req-") || !strings.HasSuffix(apiErr.Detail, ".") {
		t.Errorf("APIError = %+v, want endpoint, request id and a sentence of detail", apiErr)
	}
	// The client names the endpoint only: the resource is named once, by
	// the caller (pkg/backend), not again here.
	if want := "create service: 409 Conflict: " + apiErr.Detail + " (request " + apiErr.RequestID + ")"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	twin.IsActive = false
	if _, err := c.CreateService(ctx, twin); err != nil {
		t.Errorf("an inactive service may share the name: %v", err)
	}
	if err := c.UpdateService(ctx, id, classic.UpdateServiceRequest{IsActive: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	twin.IsActive = true
	if _, err := c.CreateService(ctx, twin); err != nil {
		t.Errorf("once the first is inactive, a new active service may take the name: %v", err)
	}
}

func TestTools(t *testing.T) {
	e := newEnv(t, envConfig{})
	tools := collect(t, e.client.ListTools(context.Background(), classic.ToolFilter{}))
	if len(tools) == 0 {
		t.Fatal("no tools listed; the emulator seeds demo tools")
	}
	for _, tool := range tools {
		if tool.ID == "" || tool.Name == "" {
			t.Errorf("tool without id or name: %+v", tool)
		}
	}
}
