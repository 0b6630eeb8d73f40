package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// recorder checks every response the suite receives through testClient
// against the Platform OpenAPI document. It is set once by TestMain, before
// any test runs.
var recorder *conformance.Recorder

func TestMain(m *testing.M) {
	_, checker, err := conformance.LoadDocs()
	if err != nil {
		fmt.Printf("platform conformance: %v\n", err)
		os.Exit(1)
	}
	recorder = conformance.NewRecorder(checker, coverage)
	code := m.Run()
	checked, mismatches, errs := recorder.Report()
	fmt.Printf("platform conformance: checked %d responses, %d mismatches\n", checked, mismatches)
	if missing := coverage.missing(); len(missing) > 0 && wholeSuite() {
		fmt.Printf("platform conformance: documented responses the suite never received: %s\n", strings.Join(missing, ", "))
	}
	for _, e := range errs {
		fmt.Printf("  %v\n", e)
	}
	if mismatches > 0 && code == 0 {
		code = 1
	}
	os.Exit(code)
}

// coverage records which documented (operation, status) pairs the suite received.
var coverage = &statusCoverage{seen: map[string]bool{}}

// statusCoverage is a RoundTripper that notes "name status" of every response.
type statusCoverage struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (c *statusCoverage) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := dispatch{}.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	for _, ep := range platform.Endpoints() {
		if ep.Method == req.Method && pathMatches(ep.Path, req.URL.Path) {
			c.mu.Lock()
			c.seen[fmt.Sprintf("%s %d", ep.Name, resp.StatusCode)] = true
			c.mu.Unlock()
			break
		}
	}
	return resp, nil
}

// missing lists the documented "name status" pairs never seen.
func (c *statusCoverage) missing() []string {
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		return []string{err.Error()}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, ep := range platform.Endpoints() {
		for status := range doc.Paths[ep.Path][strings.ToLower(ep.Method)].Responses {
			if key := ep.Name + " " + status; !c.seen[key] {
				out = append(out, key)
			}
		}
	}
	slices.Sort(out)
	return out
}

// wholeSuite reports whether every test ran (no -run or -fuzz), so that a
// coverage gap means something.
func wholeSuite() bool {
	for _, name := range []string{"test.run", "test.fuzz", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != "" {
			return false
		}
	}
	return true
}

// handlerKey carries the handler a request is for through the shared recorder.
type handlerKey struct{}

// dispatch sends each request to the handler in its context, in process.
type dispatch struct{}

func (dispatch) RoundTrip(req *http.Request) (*http.Response, error) {
	h, ok := req.Context().Value(handlerKey{}).(http.Handler)
	if !ok {
		return nil, errors.New("test request without a handler in its context")
	}
	return emukit.Transport(h).RoundTrip(req)
}

// testClient talks to one Server through the conformance recorder (or
// straight through emukit.Transport with unchecked, for responses the
// document does not describe, such as injected faults).
type testClient struct {
	t         testing.TB
	srv       *Server
	key       string
	unchecked bool
	header    map[string]string // set on every request after the defaults; "" removes the header
}

// newTestClock is a clock that moves one millisecond per reading, so
// timestamps are distinct and deterministic.
func newTestClock() *fakeclock.Clock { return fakeclock.New(fakeclock.Ticking(time.Millisecond)) }

const testKey = "fake-key-123"

// newClient starts a Server with cfg (test key and clock filled in when unset).
func newClient(t testing.TB, cfg Config) *testClient {
	t.Helper()
	if cfg.APIKeys == nil {
		cfg.APIKeys = []string{testKey}
	}
	if cfg.Kit.Now == nil {
		cfg.Kit.Now = newTestClock().Now
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &testClient{t: t, srv: srv, key: testKey}
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request; body is encoded as JSON unless it is a string or nil.
func (c *testClient) do(method, path string, body any) response {
	c.t.Helper()
	resp, err := c.roundTrip(method, path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

func (c *testClient) roundTrip(method, path string, body any) (response, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return response{}, err
		}
		rd = bytes.NewReader(data)
	}
	ctx := context.WithValue(context.Background(), handlerKey{}, c.srv.Handler())
	req, err := http.NewRequestWithContext(ctx, method, "http://platform.test"+path, rd)
	if err != nil {
		return response{}, err
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
		if v == "" {
			req.Header.Del(k)
		}
	}
	var rt http.RoundTripper = dispatch{}
	if !c.unchecked {
		rt = recorder
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: data}, err
}

// call sends a request, requires the status, and decodes the body into out (when not nil).
func (c *testClient) call(method, path string, body any, want int, out any) response {
	c.t.Helper()
	resp := c.do(method, path, body)
	if resp.status != want {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.status, want, resp.body)
	}
	if out != nil {
		if err := json.Unmarshal(resp.body, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, resp.body, err)
		}
	}
	return resp
}

// validation decodes a 422 body.
func (c *testClient) validation(resp response) []platform.ValidationError {
	c.t.Helper()
	var v platform.HTTPValidationError
	if err := json.Unmarshal(resp.body, &v); err != nil || len(v.Detail) == 0 {
		c.t.Fatalf("not a validation error body: %s (%v)", resp.body, err)
	}
	return v.Detail
}

// wsPath is the path of the default workspace, plus rest.
func wsPath(rest string) string { return "/v1/" + DefaultWorkspaceID + rest }

func ptr[T any](v T) *T { return &v }

// mustAgent creates an agent named name and returns its id.
func (c *testClient) mustAgent(name string) string {
	c.t.Helper()
	var a platform.AgentResponse
	c.call("POST", wsPath("/agents"), platform.CreateAgentRequest{Name: name}, http.StatusCreated, &a)
	return a.ID
}

// mustGraph creates a context graph named name and returns its id.
func (c *testClient) mustGraph(name string) string {
	c.t.Helper()
	var g platform.ContextGraphResponse
	c.call("POST", wsPath("/context-graphs"), platform.CreateContextGraphRequest{Name: name}, http.StatusCreated, &g)
	return g.ID
}

// agentVersionBody is a valid agent version request.
func agentVersionBody(name string) platform.CreateAgentVersionRequest {
	return platform.CreateAgentVersionRequest{
		Name:     name,
		Identity: platform.Identity{Name: name, Role: "intake", DevelopedBy: "Amigo", DefaultSpokenLanguage: "en"},
	}
}

// locString renders a loc for comparisons: body.states.0.name
func locString(loc []any) string {
	var b bytes.Buffer
	for i, l := range loc {
		if i > 0 {
			b.WriteByte('.')
		}
		fmt.Fprint(&b, l)
	}
	return b.String()
}
