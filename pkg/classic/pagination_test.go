package classic_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/classic/emulator"
)

// TestPagination lists more items than one page holds on every paged
// endpoint and checks that each walk used the documented maximum page size
// (the fewest requests) and saw every item once, in order.
func TestPagination(t *testing.T) {
	seed := seedTools(t, 25)
	e := newEnv(t, envConfig{emu: func(c *emulator.Config) { c.SeedPath = seed }})
	ctx := context.Background()
	c := e.client

	var agentIDs, graphIDs []string
	for i := range 45 {
		agentIDs = append(agentIDs, mustID(t)(c.CreateAgent(ctx, fmt.Sprintf("agent-%02d", i))))
	}
	for i := range 120 {
		graphIDs = append(graphIDs, mustID(t)(c.CreateSHSM(ctx, fmt.Sprintf("graph-%03d", i))))
	}
	for n := 1; n <= 25; n++ {
		if _, err := c.CreateAgentVersion(ctx, agentIDs[0], n, agentBody(n)); err != nil {
			t.Fatalf("agent version %d: %v", n, err)
		}
	}
	for n := 1; n <= 12; n++ {
		if _, err := c.CreateSHSMVersion(ctx, graphIDs[0], n, graphBody(n)); err != nil {
			t.Fatalf("graph version %d: %v", n, err)
		}
	}
	for i := range 21 {
		newServiceFor(t, c, agentIDs[0], graphIDs[0], i)
	}

	checkIDs(t, "agents", ids(collect(t, c.ListAgents(ctx, classic.ContainerFilter{})), func(a classic.AgentInstance) string { return a.ID }), agentIDs)
	checkIDs(t, "graphs", ids(collect(t, c.ListSHSMs(ctx, classic.ContainerFilter{})), func(g classic.StateMachineInstance) string { return g.ID }), graphIDs)
	checkVersions(t, "agent versions", collect(t, c.ListAgentVersions(ctx, agentIDs[0], classic.VersionQuery{})),
		func(v classic.AgentVersion) int { return v.Version }, 25)
	checkVersions(t, "graph versions", collect(t, c.ListSHSMVersions(ctx, graphIDs[0], classic.VersionQuery{})),
		func(v classic.SHSMVersion) int { return v.Version }, 12)
	if got := len(collect(t, c.ListServices(ctx, classic.ServiceFilter{}))); got != 21 {
		t.Errorf("services: got %d, want 21", got)
	}
	if got := len(collect(t, c.ListTools(ctx, classic.ToolFilter{}))); got != 25 {
		t.Errorf("tools: got %d, want 25", got)
	}

	for _, tt := range []struct {
		endpoint string
		want     int // requests: ceil(items / max page size)
	}{
		{classic.EndpointListAgents, 3},        // 45 at 20
		{classic.EndpointListSHSMs, 3},         // 120 at 50
		{classic.EndpointListAgentVersions, 3}, // 25 at 10
		{classic.EndpointListSHSMVersions, 2},  // 12 at 10
		{classic.EndpointListServices, 2},      // 21 at 20
		{classic.EndpointListTools, 2},         // 25 at 20
	} {
		if got := e.serverCount(tt.endpoint, 200); got != tt.want {
			t.Errorf("%s: %d requests, want %d", tt.endpoint, got, tt.want)
		}
	}
}

// TestIteratorStopsEarly checks that breaking out of a walk fetches no more pages.
func TestIteratorStopsEarly(t *testing.T) {
	e := newEnv(t, envConfig{})
	ctx := context.Background()
	for i := range 25 {
		mustID(t)(e.client.CreateAgent(ctx, fmt.Sprintf("agent-%02d", i)))
	}
	n := 0
	for _, err := range e.client.ListAgents(ctx, classic.ContainerFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 5 {
			break
		}
	}
	if got := e.serverCount(classic.EndpointListAgents, 200); got != 1 {
		t.Errorf("list requests = %d, want 1", got)
	}
}

func newServiceFor(t *testing.T, c *classic.Client, agentID, graphID string, i int) {
	t.Helper()
	_, err := c.CreateService(context.Background(), classic.CreateServiceRequest{
		ServiceHierarchicalStateMachineID: graphID, AgentID: agentID,
		Name: fmt.Sprintf("service-%02d", i), Description: "A service.", IsActive: true,
		Keyterms: []string{}, Tags: map[string]*string{},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// seedTools writes an emulator seed file holding n tools.
func seedTools(t *testing.T, n int) string {
	t.Helper()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var tools []classic.Tool
	for i := 1; i <= n; i++ {
		tools = append(tools, classic.Tool{
			ID: fmt.Sprintf("%024x", i), OrgID: testOrg, CreatedAt: now, UpdatedAt: now,
			Name: fmt.Sprintf("tool_%02d", i), Description: "A tool.",
			Envvars: []string{}, SecretEnvvars: []string{}, Tags: []classic.Tag{},
		})
	}
	data, err := json.Marshal(map[string]any{"format": 1, "org": testOrg, "next_id": n, "tools": tools})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustID(t *testing.T) func(string, error) string {
	return func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// checkVersions checks that a walk of versions saw versions 1 to want, in order.
func checkVersions[T any](t *testing.T, what string, versions []T, number func(T) int, want int) {
	t.Helper()
	for i, v := range versions {
		if number(v) != i+1 {
			t.Fatalf("%s: version %d at position %d", what, number(v), i)
		}
	}
	if len(versions) != want {
		t.Errorf("%s: got %d, want %d", what, len(versions), want)
	}
}

func checkIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: listed %d, want %d", what, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: item %d is %s, want %s (creation order)", what, i, got[i], want[i])
		}
	}
}

// TestBrokenPagination: a server that claims more pages without a token,
// or repeats a token, ends the walk with an error instead of looping.
func TestBrokenPagination(t *testing.T) {
	tests := []struct {
		name, body, wantErr string
	}{
		{"no token", `{"tools":[],"has_more":true,"continuation_token":null,"filter_values":null}`, "no continuation_token"},
		{"repeated token", `{"tools":[],"has_more":true,"continuation_token":7,"filter_values":null}`, "repeated continuation token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envConfig{transport: func(next http.RoundTripper) http.RoundTripper {
				return roundTripFunc(func(r *http.Request) (*http.Response, error) {
					if !strings.HasSuffix(r.URL.Path, "/tool/") {
						return next.RoundTrip(r)
					}
					return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
						Body: io.NopCloser(strings.NewReader(tt.body)), Request: r}, nil
				})
			}})
			_, err := apiclient.Collect(e.client.ListTools(context.Background(), classic.ToolFilter{}))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if got := e.clientCount(classic.EndpointListTools, 200); got > 2 {
				t.Errorf("%d pages fetched, want at most 2", got)
			}
		})
	}
}
