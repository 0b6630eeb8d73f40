package emulator

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

func skillBody(slug string) platform.CreateSkillRequest {
	return platform.CreateSkillRequest{Slug: slug, Name: "Lookup " + slug, Description: "looks things up",
		InputSchema: map[string]any{"type": "object"}}
}

func TestSkills(t *testing.T) {
	c := newClient(t, Config{})
	var sk platform.SkillResponse
	c.call("POST", wsPath("/skills"), skillBody("lookup-skill"), http.StatusCreated, &sk)
	if sk.Version != 1 || sk.Model != "claude-sonnet-4-6" || sk.MaxTokens != 4096 || !sk.Enabled || sk.ExecutionTier != "orchestrated" ||
		sk.Delivery != "interrupt" || sk.TimeoutS != 60 || sk.ResultSchema != nil || sk.StaticTools == nil {
		t.Errorf("defaults: %+v", sk)
	}
	c.call("POST", wsPath("/skills"), skillBody("lookup-skill"), http.StatusConflict, nil)
	c.call("POST", "/v1/99999999-2222-4333-8444-555555555555/skills", skillBody("x1"), http.StatusNotFound, nil)
	for _, bad := range []struct {
		body     any
		loc, typ string
	}{
		{skillBody("Bad Slug"), "body.slug", "string_pattern_mismatch"},
		{skillBody("x"), "body.slug", "string_too_short"},
		{map[string]any{"slug": "ok-slug", "name": "n", "description": "d"}, "body.input_schema", "missing"},
		{map[string]any{"slug": "ok-slug", "name": "n", "description": "d", "input_schema": map[string]any{}, "delivery": "later"}, "body.delivery", "literal_error"},
		{map[string]any{"slug": "ok-slug", "name": "n", "description": "d", "input_schema": map[string]any{}, "timeout_s": 0.01}, "body.timeout_s", "greater_than_equal"},
	} {
		resp := c.call("POST", wsPath("/skills"), bad.body, http.StatusUnprocessableEntity, nil)
		if e := c.validation(resp)[0]; locString(e.Loc) != bad.loc || e.Type != bad.typ {
			t.Errorf("error = %+v, want %s %s", e, bad.loc, bad.typ)
		}
	}
	var other platform.SkillResponse
	direct := skillBody("direct-one")
	direct.ExecutionTier, direct.Enabled = ptr("direct"), ptr(false)
	c.call("POST", wsPath("/skills"), direct, http.StatusCreated, &other)

	var page platform.Page[platform.SkillResponse]
	for query, want := range map[string]string{
		"enabled=false": other.ID, "execution_tier=orchestrated": sk.ID, "search=DIRECT": other.ID, "sort_by=-slug&limit=1": sk.ID,
	} {
		c.call("GET", wsPath("/skills?"+query), nil, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].ID != want {
			t.Errorf("%s: %+v", query, page.Items)
		}
	}
	c.call("GET", wsPath("/skills?execution_tier=fast"), nil, http.StatusUnprocessableEntity, nil)

	path := wsPath("/skills/" + sk.ID)
	var got platform.SkillResponse
	c.call("GET", path, nil, http.StatusOK, &got)
	c.call("PUT", path, map[string]any{"name": "Renamed", "model": nil, "max_tokens": 100}, http.StatusOK, &got)
	if got.Version != 2 || got.Name != "Renamed" || got.Model != "claude-sonnet-4-6" || got.MaxTokens != 100 || got.Slug != "lookup-skill" {
		t.Errorf("after PUT: %+v", got)
	}
	resp := c.call("PUT", path, map[string]any{"model": ""}, http.StatusUnprocessableEntity, nil)
	if e := c.validation(resp)[0]; locString(e.Loc) != "body.model" || e.Type != "string_too_short" {
		t.Errorf("empty model: %+v", e)
	}
	unknown := wsPath("/skills/00000000-0000-4000-8000-0000000fffff")
	c.call("GET", unknown, nil, http.StatusNotFound, nil)
	c.call("PUT", unknown, map[string]any{}, http.StatusNotFound, nil)
	c.call("DELETE", unknown, nil, http.StatusNotFound, nil)
	c.call("GET", wsPath("/skills/nope"), nil, http.StatusUnprocessableEntity, nil)

	// The valid graph calls tool "lookup-skill": the skill is referenced.
	graph := c.mustGraph("uses-skill")
	c.call("POST", wsPath("/context-graphs/"+graph+"/versions"), graphBody(t, nil), http.StatusCreated, nil)
	c.call("DELETE", path, nil, http.StatusConflict, nil)
	c.call("DELETE", wsPath("/context-graphs/"+graph), nil, http.StatusNoContent, nil)
	c.call("DELETE", path, nil, http.StatusNoContent, nil)
	c.call("DELETE", path, nil, http.StatusNotFound, nil) // not idempotent, as documented
	c.call("GET", path, nil, http.StatusNotFound, nil)
}

func TestSkillRateLimit(t *testing.T) {
	// The document lists 429 on the skills endpoints only; the limit itself
	// is configured, since no quota is published.
	clock := newTestClock()
	c := newClient(t, Config{Limits: map[string]int{platform.ListSkills: 2},
		Kit: emukit.Options{Now: clock.Now, Window: time.Second}})
	for i := range 2 {
		resp := c.call("GET", wsPath("/skills"), nil, http.StatusOK, nil)
		if got := resp.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(1-i) {
			t.Errorf("request %d: remaining %q", i, got)
		}
	}
	resp := c.call("GET", wsPath("/skills"), nil, http.StatusTooManyRequests, nil)
	if resp.header.Get("Retry-After") == "" || resp.header.Get("X-RateLimit-Limit") != "2" {
		t.Errorf("429 headers: %v", resp.header)
	}
	c.call("GET", wsPath("/agents"), nil, http.StatusOK, nil) // other endpoints are not limited
	clock.Advance(time.Second)
	c.call("GET", wsPath("/skills"), nil, http.StatusOK, nil)
}

func TestEverySkillEndpointLimited(t *testing.T) {
	limits := map[string]int{}
	for _, ep := range platform.Endpoints() {
		if ep.DocumentsRateLimit {
			limits[ep.Name] = 1
		}
	}
	if len(limits) != 5 {
		t.Fatalf("%d endpoints document a 429, want the 5 skills endpoints", len(limits))
	}
	c := newClient(t, Config{Limits: limits, Kit: emukit.Options{Window: time.Hour}})
	bodies := validBodies(t)
	for _, ep := range platform.Endpoints() {
		if !ep.DocumentsRateLimit {
			continue
		}
		path := fill(ep.Path, DefaultWorkspaceID, "00000000-0000-4000-8000-0000000fffff")
		c.do(ep.Method, path, bodies[ep.Name]) // uses the window's one request
		resp := c.call(ep.Method, path, bodies[ep.Name], http.StatusTooManyRequests, nil)
		if resp.header.Get("X-RateLimit-Remaining") != "0" || resp.header.Get("Retry-After") == "" {
			t.Errorf("%s: 429 headers %v", ep.Name, resp.header)
		}
	}
}
