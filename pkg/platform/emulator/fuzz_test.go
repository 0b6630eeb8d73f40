package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// FuzzHandlers sends arbitrary ids, version numbers, query strings and
// bodies to every endpoint of the table (and to a method the path does not
// serve) of an emulator that holds one resource of each kind. No input may
// panic a handler or make it answer 500; every answer other than a 204 is
// a JSON body.
//
// Run it with a short -fuzzminimizetime (e.g. 5s): minimizing an
// interesting input otherwise takes up to the default 60s, during which
// the run reports 0 execs/sec.
func FuzzHandlers(f *testing.F) {
	const first = "00000000-0000-4000-8000-000000000001"
	f.Add(uint8(0), "", "", "", "")
	f.Add(uint8(4), first, "1", "limit=20&continuation_token=1", `{"name":"x"}`)
	f.Add(uint8(8), first, "latest", "", `{"name":"Ada","identity":{"name":"A","role":"r","developed_by":"d","default_spoken_language":"en"}}`)
	f.Add(uint8(16), "00000000-0000-4000-8000-000000000002", "-1", "sort_by=-version", validGraphJSON)
	f.Add(uint8(19), first, "release", "is_active=true&search=a", `{"name":"s","agent_id":"`+first+`","context_graph_id":"00000000-0000-4000-8000-000000000002","version_sets":{"r":{"agent_version_number":1}}}`)
	f.Add(uint8(23), "00000000-0000-4000-8000-000000000005", "edge", "", `{"version_set":{"agent_version_number":null,"context_graph_version_number":9}}`)
	f.Add(uint8(25), "x", "9999999999999999999999", "limit=1e3&enabled=maybe", `{"slug":"ab","name":"n","description":"d","input_schema":{}}`)
	f.Add(uint8(27), "", "", "", `{"tools":[1,{"a":null}],"timeout_s":"60"}`)
	f.Add(uint8(200), first, "%zz", "%", "\x00")
	eps := platform.Endpoints()
	var srv *Server
	execs := 0
	f.Fuzz(func(t *testing.T, which uint8, id, version, query, body string) {
		if execs%500 == 0 { // a fresh emulator now and then, so that state stays small
			srv = fuzzServer(t, first)
		}
		execs++
		ep := eps[int(which)%len(eps)]
		method := ep.Method
		if int(which) >= 2*len(eps) {
			method = http.MethodPatch // served by no endpoint: 404 or 405
		}
		path := strings.NewReplacer("{workspace_id}", DefaultWorkspaceID, "{agent_id}", id, "{context_graph_id}", id,
			"{service_id}", id, "{skill_id}", id, "{version}", version, "{name}", version).Replace(ep.Path)
		u := url.URL{Scheme: "http", Host: "platform.test", Path: path, RawQuery: query}
		req, err := http.NewRequestWithContext(context.Background(), method, u.String(), strings.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		req.Header.Set("Authorization", "Bearer "+testKey)
		resp, err := emukit.Transport(srv.Handler()).RoundTrip(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, u.String(), err)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s %q: status %d: %s", method, u.String(), body, resp.StatusCode, buf.Bytes())
		}
		if resp.StatusCode != http.StatusNoContent && !json.Valid(buf.Bytes()) {
			t.Fatalf("%s %s %q: status %d with a body that is not JSON: %q", method, u.String(), body, resp.StatusCode, buf.Bytes())
		}
	})
}

// fuzzServer is an emulator with an agent (id first, one version), a
// context graph with one version, a service of the two and a skill.
func fuzzServer(t *testing.T, first string) *Server {
	srv, err := New(Config{APIKeys: []string{testKey}, Kit: emukit.Options{Now: newTestClock().Now}})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c := &testClient{t: t, srv: srv, key: testKey, unchecked: true}
	if id := c.mustAgent("agent"); id != first {
		t.Fatalf("first id %s, want %s", id, first)
	}
	graph := c.mustGraph("graph")
	c.call("POST", wsPath("/agents/"+first+"/versions"), agentVersionBody("Ada"), http.StatusCreated, nil)
	c.call("POST", wsPath("/context-graphs/"+graph+"/versions"), validGraphJSON, http.StatusCreated, nil)
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "svc", AgentID: first, ContextGraphID: graph}, http.StatusCreated, nil)
	c.call("POST", wsPath("/skills"), skillBody("lookup-skill"), http.StatusCreated, nil)
	return srv
}
