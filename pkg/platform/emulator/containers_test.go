package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

func TestAuth(t *testing.T) {
	c := newClient(t, Config{})
	tests := []struct {
		name, key string
		want      int
	}{
		{"no key", "", http.StatusUnauthorized},
		{"wrong key", "fake-key-999", http.StatusUnauthorized},
		{"right key", testKey, http.StatusOK},
	}
	paths := []string{"/v1/workspaces", "/v1/workspaces/" + DefaultWorkspaceID, wsPath("/agents"), wsPath("/context-graphs"), wsPath("/services"), wsPath("/skills")}
	for _, tt := range tests {
		for _, p := range paths {
			t.Run(tt.name+p, func(t *testing.T) {
				c.key = tt.key
				defer func() { c.key = testKey }()
				resp := c.do("GET", p, nil)
				if resp.status != tt.want {
					t.Errorf("status %d, want %d: %s", resp.status, tt.want, resp.body)
				}
				if tt.want == http.StatusUnauthorized && resp.header.Get("WWW-Authenticate") != "Bearer" {
					t.Errorf("401 without WWW-Authenticate: Bearer")
				}
			})
		}
	}
}

func TestWorkspaces(t *testing.T) {
	const second = "11111111-2222-4333-8444-555555555555"
	c := newClient(t, Config{Workspaces: []Workspace{
		{ID: DefaultWorkspaceID, Name: "Demo workspace", BackendOrgID: "demo"},
		{ID: second, Name: "Second one", BackendOrgID: "org-2"},
	}})
	var page platform.Page[platform.WorkspaceResponse]
	c.call("GET", "/v1/workspaces?limit=1", nil, http.StatusOK, &page)
	if len(page.Items) != 1 || !page.HasMore || page.ContinuationToken == nil || *page.Total != 2 {
		t.Fatalf("first page = %+v", page)
	}
	c.call("GET", "/v1/workspaces?limit=1&continuation_token="+strconv.Itoa(*page.ContinuationToken), nil, http.StatusOK, &page)
	if len(page.Items) != 1 || page.HasMore || page.ContinuationToken != nil || page.Items[0].ID != second {
		t.Fatalf("second page = %+v", page)
	}
	var ws platform.WorkspaceResponse
	c.call("GET", "/v1/workspaces/"+second, nil, http.StatusOK, &ws)
	if ws.BackendOrgID == nil || *ws.BackendOrgID != "org-2" || ws.Slug != "second-one" || ws.Name != "Second one" {
		t.Errorf("workspace = %+v", ws)
	}
	for _, id := range []string{"99999999-2222-4333-8444-555555555555", "not-a-uuid"} {
		c.call("GET", "/v1/workspaces/"+id, nil, http.StatusNotFound, nil)
	}
	for _, p := range []string{"/agents", "/context-graphs", "/services"} {
		c.call("GET", "/v1/99999999-2222-4333-8444-555555555555"+p, nil, http.StatusNotFound, nil)
		resp := c.call("GET", "/v1/not-a-uuid"+p, nil, http.StatusUnprocessableEntity, nil)
		if e := c.validation(resp)[0]; locString(e.Loc) != "path.workspace_id" || e.Type != "uuid_parsing" {
			t.Errorf("%s: error %+v", p, e)
		}
	}
	// list-skills documents no 404: an unknown workspace is a 403.
	c.call("GET", "/v1/99999999-2222-4333-8444-555555555555/skills", nil, http.StatusForbidden, nil)
}

func TestContainersCRUD(t *testing.T) {
	for _, kind := range []string{"/agents", "/context-graphs"} {
		t.Run(kind, func(t *testing.T) {
			c := newClient(t, Config{})
			type item struct {
				ID            string `json:"id"`
				Name          string `json:"name"`
				Description   string `json:"description"`
				LatestVersion int    `json:"latest_version"`
			}
			var a, b item
			c.call("POST", wsPath(kind), map[string]any{"name": "alpha", "description": "first"}, http.StatusCreated, &a)
			c.call("POST", wsPath(kind), map[string]any{"name": "beta"}, http.StatusCreated, &b)
			if a.ID == b.ID || a.Description != "first" || b.Description != "" || a.LatestVersion != 0 {
				t.Fatalf("created %+v and %+v", a, b)
			}
			c.call("POST", wsPath(kind), map[string]any{"name": "alpha"}, http.StatusConflict, nil)
			c.call("POST", wsPath(kind), map[string]any{"name": ""}, http.StatusUnprocessableEntity, nil)
			c.call("POST", wsPath(kind), map[string]any{"description": "no name"}, http.StatusUnprocessableEntity, nil)
			c.call("POST", "/v1/99999999-2222-4333-8444-555555555555"+kind, map[string]any{"name": "x"}, http.StatusNotFound, nil)

			var got item
			c.call("GET", wsPath(kind+"/"+a.ID), nil, http.StatusOK, &got)
			if got != a {
				t.Errorf("GET = %+v, want %+v", got, a)
			}
			c.call("PUT", wsPath(kind+"/"+a.ID), map[string]any{"name": "beta"}, http.StatusConflict, nil)
			c.call("PUT", wsPath(kind+"/"+a.ID), map[string]any{"name": "alpha"}, http.StatusOK, nil) // its own name
			c.call("PUT", wsPath(kind+"/"+a.ID), map[string]any{"description": "changed", "name": nil}, http.StatusOK, &got)
			if got.Name != "alpha" || got.Description != "changed" {
				t.Errorf("after PUT: %+v", got)
			}
			c.call("PUT", wsPath(kind+"/"+a.ID), map[string]any{"description": 7}, http.StatusUnprocessableEntity, nil)
			unknown := "00000000-0000-4000-8000-0000000fffff"
			c.call("PUT", wsPath(kind+"/"+unknown), map[string]any{"name": "x"}, http.StatusNotFound, nil)
			c.call("GET", wsPath(kind+"/"+unknown), nil, http.StatusNotFound, nil)
			c.call("GET", wsPath(kind+"/not-a-uuid"), nil, http.StatusUnprocessableEntity, nil)
			c.call("DELETE", wsPath(kind+"/"+unknown), nil, http.StatusNotFound, nil)
			c.call("DELETE", wsPath(kind+"/not-a-uuid"), nil, http.StatusUnprocessableEntity, nil)

			var page platform.Page[item]
			c.call("GET", wsPath(kind+"?search=ALP"), nil, http.StatusOK, &page)
			if len(page.Items) != 1 || page.Items[0].ID != a.ID {
				t.Errorf("search: %+v", page)
			}
			c.call("DELETE", wsPath(kind+"/"+a.ID), nil, http.StatusNoContent, nil)
			c.call("DELETE", wsPath(kind+"/"+a.ID), nil, http.StatusNotFound, nil)
			c.call("GET", wsPath(kind+"/"+a.ID), nil, http.StatusNotFound, nil)
			c.call("PUT", wsPath(kind+"/"+a.ID), map[string]any{"name": "x"}, http.StatusNotFound, nil)
			c.call("GET", wsPath(kind), nil, http.StatusOK, &page)
			if len(page.Items) != 1 || page.Items[0].ID != b.ID || *page.Total != 1 {
				t.Errorf("list after delete: %+v", page)
			}
			c.call("POST", wsPath(kind), map[string]any{"name": "alpha"}, http.StatusCreated, nil) // the name is free again
		})
	}
}

func TestAgentVersions(t *testing.T) {
	c := newClient(t, Config{})
	id := c.mustAgent("intake")
	base := wsPath("/agents/" + id + "/versions")
	c.call("GET", base+"/latest", nil, http.StatusNotFound, nil)
	for i := 1; i <= 3; i++ {
		body := agentVersionBody(fmt.Sprintf("Intake %d", i))
		if i == 2 {
			body.VoiceConfig = &platform.VoiceConfig{VoiceID: "v-1", Stability: ptr(0.5)}
			body.Behaviors = []string{"listen"}
		}
		var v platform.AgentVersionResponse
		c.call("POST", base, body, http.StatusCreated, &v)
		if v.Version != i || v.AgentID != id || v.Behaviors == nil || v.CommunicationPatterns == nil {
			t.Fatalf("version %d = %+v", i, v)
		}
	}
	var v platform.AgentVersionResponse
	c.call("GET", base+"/2", nil, http.StatusOK, &v)
	if v.Name != "Intake 2" || v.VoiceConfig == nil || *v.VoiceConfig.Stability != 0.5 || v.Behaviors[0] != "listen" {
		t.Errorf("version 2 = %+v", v)
	}
	c.call("GET", base+"/latest", nil, http.StatusOK, &v)
	if v.Version != 3 || v.VoiceConfig != nil {
		t.Errorf("latest = %+v", v)
	}
	c.call("GET", "/v1/workspaces?limit=30", nil, http.StatusUnprocessableEntity, nil)
	for _, bad := range []string{"0", "4", "-1", "newest"} {
		c.call("GET", base+"/"+bad, nil, http.StatusNotFound, nil)
	}
	var a platform.AgentResponse
	c.call("GET", wsPath("/agents/"+id), nil, http.StatusOK, &a)
	if a.LatestVersion != 3 {
		t.Errorf("latest_version = %d", a.LatestVersion)
	}
	var page platform.Page[platform.AgentVersionResponse]
	c.call("GET", base+"?sort_by=-version&limit=2", nil, http.StatusOK, &page)
	if len(page.Items) != 2 || page.Items[0].Version != 3 || page.Items[1].Version != 2 || !page.HasMore {
		t.Errorf("sorted page = %+v", page)
	}
	resp := c.call("POST", base, map[string]any{"name": "no identity"}, http.StatusUnprocessableEntity, nil)
	if e := c.validation(resp)[0]; locString(e.Loc) != "body.identity" || e.Type != "missing" {
		t.Errorf("error = %+v", e)
	}
	long := agentVersionBody("x")
	long.Initials = ptr("ABCDEFGHIJK")
	resp = c.call("POST", base, long, http.StatusUnprocessableEntity, nil)
	if e := c.validation(resp)[0]; locString(e.Loc) != "body.initials" || e.Type != "string_too_long" {
		t.Errorf("error = %+v", e)
	}
	unknown := wsPath("/agents/00000000-0000-4000-8000-0000000fffff/versions")
	c.call("POST", unknown, agentVersionBody("x"), http.StatusNotFound, nil)
	c.call("GET", unknown, nil, http.StatusNotFound, nil)
	c.call("GET", unknown+"/1", nil, http.StatusNotFound, nil)

	// Deleting the agent retains its versions: readable, but no new ones.
	c.call("DELETE", wsPath("/agents/"+id), nil, http.StatusNoContent, nil)
	c.call("GET", base+"/2", nil, http.StatusOK, nil)
	c.call("GET", base, nil, http.StatusOK, &page)
	if *page.Total != 3 {
		t.Errorf("retained versions: %d", *page.Total)
	}
	c.call("POST", base, agentVersionBody("x"), http.StatusNotFound, nil)
}

func TestPagination(t *testing.T) {
	c := newClient(t, Config{})
	var want []string
	for i := range 25 {
		name := fmt.Sprintf("agent-%02d", (i*7)%25) // created out of name order
		c.mustAgent(name)
		want = append(want, name)
	}
	var got []string
	token, pages := 0, 0
	for {
		var page platform.Page[platform.AgentResponse]
		c.call("GET", wsPath(fmt.Sprintf("/agents?limit=7&continuation_token=%d", token)), nil, http.StatusOK, &page)
		pages++
		if *page.Total != 25 {
			t.Fatalf("total = %d", *page.Total)
		}
		for _, a := range page.Items {
			got = append(got, a.Name)
		}
		if !page.HasMore {
			if page.ContinuationToken != nil {
				t.Errorf("last page has a continuation token")
			}
			break
		}
		token = *page.ContinuationToken
	}
	if pages != 4 || !slices.Equal(got, want) {
		t.Errorf("%d pages, names %v, want %v", pages, got, want)
	}
	var page platform.Page[platform.AgentResponse]
	c.call("GET", wsPath("/agents?sort_by=-name&limit=20"), nil, http.StatusOK, &page)
	if len(page.Items) != 20 || page.Items[0].Name != "agent-24" || page.Items[19].Name != "agent-05" {
		t.Errorf("sorted: first %s last %s", page.Items[0].Name, page.Items[len(page.Items)-1].Name)
	}
	c.call("GET", wsPath("/agents"), nil, http.StatusOK, &page)
	if len(page.Items) != platform.DefaultPageSize {
		t.Errorf("default page size %d", len(page.Items))
	}
	c.call("GET", wsPath("/agents?continuation_token=100"), nil, http.StatusOK, &page)
	if len(page.Items) != 0 || page.HasMore {
		t.Errorf("past the end: %+v", page)
	}

	bad := []struct{ query, loc, typ string }{
		{"limit=21", "query.limit", "less_than_equal"},
		{"limit=0", "query.limit", "greater_than"},
		{"limit=ten", "query.limit", "int_parsing"},
		{"continuation_token=-1", "query.continuation_token", "greater_than_equal"},
		{"continuation_token=x", "query.continuation_token", "int_parsing"},
		{"sort_by=color", "query.sort_by", "value_error"},
		{"search=", "query.search", "string_too_short"},
	}
	for _, b := range bad {
		resp := c.call("GET", wsPath("/agents?"+b.query), nil, http.StatusUnprocessableEntity, nil)
		if e := c.validation(resp)[0]; locString(e.Loc) != b.loc || e.Type != b.typ {
			t.Errorf("%s: error %+v, want %s %s", b.query, e, b.loc, b.typ)
		}
	}
}

func TestConcurrentVersionCreation(t *testing.T) {
	c := newClient(t, Config{})
	id := c.mustAgent("busy")
	const workers, each = 8, 5
	var (
		mu      sync.Mutex
		numbers []int
		wg      sync.WaitGroup
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				resp, err := c.roundTrip("POST", wsPath("/agents/"+id+"/versions"), agentVersionBody(fmt.Sprintf("w%d-%d", w, i)))
				if err != nil || resp.status != http.StatusCreated {
					t.Errorf("create version: %v %d %s", err, resp.status, resp.body)
					return
				}
				var v platform.AgentVersionResponse
				if err := json.Unmarshal(resp.body, &v); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				numbers = append(numbers, v.Version)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != i+1 {
			t.Fatalf("version numbers are not unique and contiguous: %v", numbers)
		}
	}
	if len(numbers) != workers*each {
		t.Errorf("got %d versions, want %d", len(numbers), workers*each)
	}
}
