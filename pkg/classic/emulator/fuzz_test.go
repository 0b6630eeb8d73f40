package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
)

// FuzzHandlers sends any path id, query and body to every endpoint of the
// table, signed in or not, and checks that the emulator always answers
// (no panic, which the in-process transport turns into an error) with a
// client error or a success, never a 5xx.
//
// Run it with a short -fuzzminimizetime (e.g. 5s): minimizing an
// interesting input with a large graph body otherwise takes the default
// 60 s, during which the run reports 0 execs/sec and finds nothing new.
func FuzzHandlers(f *testing.F) {
	agent, _ := json.Marshal(agentBody())
	graph, _ := json.Marshal(graphBody())
	seeds := []struct {
		ep           uint8
		id, query    string
		body         string
		signedIn     bool
		trailingPath string
	}{
		{4, "", "version=1", string(agent), true, ""},
		{9, "", "version=2&dry_run=true", string(graph), true, ""},
		{6, "", "version=1-latest&sort_by=-version&limit=3", "", true, ""},
		{3, "", "limit=20&continuation_token=5&deprecated=true&id=zz", "", true, ""},
		{12, "", "tags=team:*&sort_by=-is_active&is_active=true", "", true, ""},
		{15, "", "", `{"version_set":{"agent_version_number":1,"service_hierarchical_state_machine_version_number":null,"llm_model_preferences":{}}}`, true, ""},
		{14, "", "", `{"name":null,"is_active":true,"tags":{"a":null}}`, true, ""},
		{13, "", "", `{"agent_id":"x","is_active":true,"release_version_set":{}}`, true, ""},
		{5, "ffffffffffffffffffffffff", "", "", false, "/"},
		{9, "%00", "version=-1", `{"states":[{"type":"recall","queries":null}]}`, true, ""},
	}
	for _, s := range seeds {
		f.Add(s.ep, s.id, s.query, s.body, s.signedIn, s.trailingPath)
	}
	fx := newFixture(f)
	p := newEndpointPaths(fx)
	eps := classic.Endpoints()
	f.Fuzz(func(t *testing.T, epIndex uint8, id, query, body string, signedIn bool, trailing string) {
		ep := eps[int(epIndex)%len(eps)]
		path := p.path(ep)
		if id != "" {
			seg := url.PathEscape(id)
			path = strings.NewReplacer(p.agent, seg, p.graph, seg, p.service, seg).Replace(path)
		}
		req, err := http.NewRequest(ep.Method, "http://classic.test"+path+trailing+"?"+query, strings.NewReader(body))
		if err != nil {
			t.Skip("not a request URL")
		}
		req.Header.Set("Content-Type", "application/json")
		if signedIn {
			req.Header.Set("Authorization", "Bearer "+fx.token)
		}
		for k, v := range credHeaders(testCredentials()) {
			req.Header.Set(k, v)
		}
		resp, err := fx.raw.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", ep.Method, req.URL, err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s with %q: status %d: %s", ep.Method, req.URL, body, resp.StatusCode, data)
		}
	})
}
