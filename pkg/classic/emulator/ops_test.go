package emulator

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/google/go-cmp/cmp"
)

func TestPagination(t *testing.T) {
	f := newFixture(t)
	var want []string
	for i := 0; i < 25; i++ {
		want = append(want, f.newAgent(fmt.Sprintf("agent-%02d", i), 0))
	}
	for i := 0; i < 3; i++ {
		f.newSHSM(fmt.Sprintf("graph-%d", i), 0)
	}
	for _, limit := range []int{1, 7, 10, 20} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			var got []string
			token, pages := 0, 0
			for {
				var page classic.ListAgentsResponse
				f.decode(f.call("GET", fmt.Sprintf("%s?limit=%d&continuation_token=%d", agentsPath, limit, token), nil, http.StatusOK), &page)
				pages++
				for _, a := range page.Agents {
					got = append(got, a.ID)
				}
				if !page.HasMore {
					if page.ContinuationToken != nil {
						t.Errorf("last page has continuation token %d", *page.ContinuationToken)
					}
					break
				}
				token = *page.ContinuationToken
			}
			if !cmp.Equal(got, want) {
				t.Errorf("paged ids differ from creation order:\n got %v\nwant %v", got, want)
			}
			if wantPages := (25 + limit - 1) / limit; pages != wantPages {
				t.Errorf("%d pages, want %d", pages, wantPages)
			}
		})
	}
	tests := []struct {
		path string
		want int
	}{
		{agentsPath + "?limit=21", 422},
		{agentsPath + "?limit=0", 422},
		{agentsPath + "?limit=x", 422},
		{agentsPath + "?continuation_token=x", 422},
		{agentsPath + "?continuation_token=99", 200},
		{agentsPath + "?deprecated=false&limit=20", 200},
		{shsmsPath + "?limit=50", 200},
		{shsmsPath + "?limit=51", 422},
		{shsmsPath + "?limit=0", 200},
		{toolsPath + "?limit=20", 200},
		{toolsPath + "?limit=21", 422},
		{servicesPath + "?limit=20", 200},
		{servicesPath + "?limit=21", 422},
	}
	for _, tt := range tests {
		f.call("GET", tt.path, nil, tt.want)
	}
	var graphs classic.ListSHSMsResponse
	f.decode(f.call("GET", shsmsPath+"?limit=0&continuation_token=1", nil, http.StatusOK), &graphs)
	if len(graphs.ServiceHierarchicalStateMachines) != 2 || graphs.HasMore {
		t.Errorf("limit=0 page = %+v, want the remaining two graphs", graphs)
	}
	var beyond classic.ListAgentsResponse
	f.decode(f.call("GET", agentsPath+"?continuation_token=99", nil, http.StatusOK), &beyond)
	if len(beyond.Agents) != 0 || beyond.HasMore {
		t.Errorf("page beyond the end = %+v", beyond)
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Kit.NoRateLimits = false; c.Kit.Window = 200 * time.Millisecond })
	// The fixture signed in once already: four more fit the limit of 5.
	for i := 0; i < 4; i++ {
		f.signIn()
	}
	body := f.call("POST", "/v1/demo/user/signin_with_api_key", nil, http.StatusTooManyRequests, credHeaders(testCredentials()))
	r := f.send(f.client, "POST", "/v1/demo/user/signin_with_api_key", nil, credHeaders(testCredentials()))
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429", r.status)
	}
	for h, want := range map[string]string{"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0", "Retry-After": "1", "Retry-After-Ms": "200"} {
		if got := r.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q (body %s)", h, got, want, body)
		}
	}
	// Other endpoints have budgets of their own.
	r = f.send(f.client, "GET", agentsPath, nil, nil)
	if r.status != http.StatusOK || r.header.Get("X-RateLimit-Limit") != "20" || r.header.Get("X-RateLimit-Remaining") != "19" {
		t.Errorf("list agents: status %d, headers %v", r.status, r.header)
	}
	f.clock.Advance(200 * time.Millisecond)
	f.signIn()
	// Get organization documents no limit.
	for i := 0; i < 30; i++ {
		f.call("GET", "/v1/demo/organization/", nil, http.StatusOK)
	}
}

func TestFaults(t *testing.T) {
	f := newFixture(t)
	kit := f.srv.Kit()
	kit.SetFaults(emukit.Faults{Rate503: 1})
	f.call("POST", agentsPath, obj{"agent_name": "a"}, http.StatusServiceUnavailable)
	kit.SetFaults(emukit.Faults{Rate429: 1})
	f.call("GET", agentsPath, nil, http.StatusTooManyRequests)
	kit.SetFaults(emukit.Faults{DropBefore: 1})
	if r := f.send(f.client, "POST", agentsPath, obj{"agent_name": "before"}, nil); !errors.Is(r.err, emukit.ErrDropped) {
		t.Errorf("drop before: err %v", r.err)
	}
	kit.SetFaults(emukit.Faults{DropAfter: 1})
	if r := f.send(f.client, "POST", agentsPath, obj{"agent_name": "after"}, nil); !errors.Is(r.err, emukit.ErrDropped) {
		t.Errorf("drop after: err %v", r.err)
	}
	kit.SetFaults(emukit.Faults{})
	var list classic.ListAgentsResponse
	f.decode(f.call("GET", agentsPath, nil, http.StatusOK), &list)
	if len(list.Agents) != 1 || list.Agents[0].Name != "after" {
		t.Errorf("agents = %+v, want only the one created before its connection dropped", list.Agents)
	}
	stats := kit.Stats()
	if stats[classic.EndpointCreateAgent][0] != 2 || stats[classic.EndpointCreateAgent][503] != 1 {
		t.Errorf("stats = %v", stats)
	}
}

func TestStateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "classic.json")
	withState := func(c *Config) { c.StatePath = path }
	f := newFixture(t, withState)
	agent, graph := f.newAgent("a", 2), f.newSHSM("g", 1)
	svc := f.newService(serviceBody("svc", agent, graph, true))
	f.call("PUT", servicesPath+svc+"/version_sets/staging/", obj{"version_set": obj{
		"agent_version_number": 1, "service_hierarchical_state_machine_version_number": nil, "llm_model_preferences": obj{}}}, http.StatusNoContent)
	before := f.call("GET", servicesPath, nil, http.StatusOK)

	// The next server on the same file sees everything, including the token.
	if err := f.srv.Close(); err != nil {
		t.Fatal(err)
	}
	g := newFixture(t, withState)
	g.token = f.token
	if after := g.call("GET", servicesPath, nil, http.StatusOK); !cmp.Equal(normalJSON(t, rawJSON(before)), normalJSON(t, rawJSON(after))) {
		t.Errorf("services after reload:\n%s\nwant\n%s", after, before)
	}
	if next := g.newAgent("b", 0); next != "000000000000000000000006" {
		t.Errorf("id after reload = %s, want the counter to continue", next)
	}

	// A seed is used only while the state file does not exist.
	seeded := filepath.Join(dir, "seeded.json")
	h := newFixture(t, func(c *Config) { c.StatePath = seeded; c.SeedPath = path })
	h.call("GET", agentsPath+"/"+agent+"/version", nil, http.StatusOK)
	if _, err := os.Stat(seeded); err != nil {
		t.Errorf("state file not written after sign-in: %v", err)
	}

	// While g serves the file, no other server may.
	if _, err := New(Config{StatePath: path}); err == nil || !strings.Contains(err.Error(), "the emulator state directory "+dir+" is in use by process") {
		t.Errorf("a second server on a served state file: %v", err)
	}
	if err := g.srv.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"other org", Config{Org: "other", StatePath: path}, `holds organization "demo", not "other"`},
		{"corrupt file", Config{StatePath: writeFile(t, dir, "bad.json", "{")}, "parse state file"},
		{"newer format", Config{StatePath: writeFile(t, dir, "new.json", `{"format": 99, "org": "demo"}`)}, "has format 99, newer than 1"},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: New error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
	// A server that failed to start holds no lock.
	if _, err := New(Config{StatePath: filepath.Join(dir, "bad.json")}); err == nil || strings.Contains(err.Error(), "in use") {
		t.Errorf("New again on the corrupt file: %v, want the parse error again", err)
	}
}

// rawJSON lets normalJSON compare already-encoded bodies.
type rawJSON []byte

// MarshalJSON returns the bytes as they are.
func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSaveFailureRollsBack(t *testing.T) {
	dir := t.TempDir()
	stateDir := filepath.Join(dir, "state")
	f := newFixture(t, func(c *Config) { c.StatePath = filepath.Join(stateDir, "classic.json") })
	f.newAgent("kept", 0)
	// Replace the state directory by a file: every later save fails.
	if err := os.RemoveAll(stateDir); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "state", "not a directory")
	// 500 is not in the document, so this call bypasses the conformance check.
	if r := f.send(f.raw, "POST", agentsPath, obj{"agent_name": "lost"}, nil); r.status != http.StatusInternalServerError {
		t.Errorf("create after the state directory vanished: status %d, want 500", r.status)
	}
	var list classic.ListAgentsResponse
	f.decode(f.call("GET", agentsPath, nil, http.StatusOK), &list)
	if len(list.Agents) != 1 || list.Agents[0].Name != "kept" {
		t.Errorf("agents after a failed save = %+v, want only kept", list.Agents)
	}
}

func TestConcurrentVersions(t *testing.T) {
	f := newFixture(t)
	id := f.newAgent("busy", 0)
	const writers, versions = 8, 5
	var mu sync.Mutex
	wins := map[int]int{}
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := 1; v <= versions; v++ {
				r := f.send(f.client, "POST", fmt.Sprintf("%s/%s/?version=%d", agentsPath, id, v), agentBody(), nil)
				if r.err != nil || (r.status != http.StatusCreated && r.status != http.StatusConflict) {
					t.Errorf("version %d: status %d err %v body %s", v, r.status, r.err, r.body)
					return
				}
				if r.status == http.StatusCreated {
					mu.Lock()
					wins[v]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for v := 1; v <= versions; v++ {
		if wins[v] != 1 {
			t.Errorf("version %d was created %d times, want exactly once", v, wins[v])
		}
	}
}

func TestRoutes(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		method, path string
		want         int
		allow        string
	}{
		{"GET", "/v1/demo/nothing", http.StatusNotFound, ""},
		{"POST", "/v1/demo/organization/agent/000000000000000000000001", http.StatusTemporaryRedirect, ""},
		{"GET", "/v1/demo/service", http.StatusTemporaryRedirect, ""},
		{"GET", "/v1/demo/organization/agent/", http.StatusNotFound, ""},
		{"PATCH", agentsPath, http.StatusMethodNotAllowed, "POST, GET"},
		{"GET", agentsPath + "/000000000000000000000001/", http.StatusMethodNotAllowed, "POST, DELETE"},
		{"GET", shsmsPath + "/000000000000000000000001/", http.StatusMethodNotAllowed, "POST, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := f.send(f.raw, tt.method, tt.path, nil, nil)
			if r.status != tt.want || r.header.Get("Allow") != tt.allow || r.header.Get("X-Request-Id") == "" {
				t.Errorf("status %d allow %q request id %q, want %d %q", r.status, r.header.Get("Allow"), r.header.Get("X-Request-Id"), tt.want, tt.allow)
			}
			if tt.want == http.StatusTemporaryRedirect {
				if loc := r.header.Get("Location"); loc != tt.path+"/" {
					t.Errorf("Location %q, want %q", loc, tt.path+"/")
				}
				return
			}
			var d detail
			f.decode(r.body, &d)
		})
	}
}

// TestLeftoverTempsRemoved starts a server beside the temporary file a kill
// during a save leaves, and checks that it is gone.
func TestLeftoverTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	leftover := writeFile(t, dir, ".classic.json.tmp-4242", `{"format": 1, "or`)
	newFixture(t, func(c *Config) { c.StatePath = filepath.Join(dir, "classic.json") })
	if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover temporary file is still there (stat: %v)", err)
	}
}
