package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// conformanceRun checks every response the tests receive against classic-openapi.json.
type conformanceRun struct {
	checker *conformance.Checker

	mu        sync.Mutex
	recorders []*conformance.Recorder
}

// wrap returns next behind a Recorder.
func (c *conformanceRun) wrap(next http.RoundTripper) http.RoundTripper {
	rec := conformance.NewRecorder(c.checker, next)
	c.mu.Lock()
	c.recorders = append(c.recorders, rec)
	c.mu.Unlock()
	return rec
}

// report sums the recorders and prints the figures; it returns false on any mismatch.
func (c *conformanceRun) report(w io.Writer) bool {
	checked, mismatches := 0, 0
	var all []error
	for _, r := range c.recorders {
		n, m, errs := r.Report()
		checked, mismatches, all = checked+n, mismatches+m, append(all, errs...)
	}
	for _, err := range all {
		fmt.Fprintf(w, "classic conformance mismatch: %v\n", err)
	}
	fmt.Fprintf(w, "classic conformance: checked %d responses, %d mismatches\n", checked, mismatches)
	return mismatches == 0
}

// conf is the conformance run of this test binary, set up by TestMain (test-only state).
var conf = &conformanceRun{}

func TestMain(m *testing.M) {
	checker, _, err := conformance.LoadDocs()
	if err != nil {
		fmt.Printf("classic conformance: %v\n", err)
		os.Exit(1)
	}
	conf.checker = checker
	code := m.Run()
	if !conf.report(os.Stdout) && code == 0 {
		code = 1
	}
	os.Exit(code)
}

// fixture is a Server with a signed-in test client.
type fixture struct {
	t      testing.TB
	srv    *Server
	clock  *fakeclock.Clock
	client *http.Client // conformance-checked
	raw    *http.Client // not checked, for requests the document cannot describe
	token  string
}

// testCredentials are the fake credentials of the tests.
func testCredentials() Credentials {
	return Credentials{APIKey: "fake-key-123", APIKeyID: "fake-key-id-123", UserID: "fake-user-123"}
}

// newFixture starts a Server (rate limits off unless edit turns them on) and signs in.
func newFixture(t testing.TB, edit ...func(*Config)) *fixture {
	t.Helper()
	clock := fakeclock.New()
	cfg := Config{
		Credentials: testCredentials(),
		Kit:         emukit.Options{Now: clock.Now, Sleep: clock.SleepFunc(), NoRateLimits: true},
		Rand:        rand.NewChaCha8([32]byte{1}),
	}
	for _, e := range edit {
		e(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	tr := emukit.Transport(srv.Handler())
	f := &fixture{t: t, srv: srv, clock: clock, client: &http.Client{Transport: conf.wrap(tr)}, raw: &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	f.token = f.signIn()
	return f
}

// signIn signs in with the test credentials and returns the token.
func (f *fixture) signIn() string {
	f.t.Helper()
	var resp struct {
		IDToken string `json:"id_token"`
	}
	f.decode(f.call("POST", "/v1/demo/user/signin_with_api_key", nil, http.StatusOK, credHeaders(testCredentials())), &resp)
	return resp.IDToken
}

// credHeaders are the sign-in headers of c.
func credHeaders(c Credentials) map[string]string {
	return map[string]string{"x-api-key": c.APIKey, "x-api-key-id": c.APIKeyID, "x-user-id": c.UserID}
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// send makes a request with the fixture's token (unless headers set Authorization, even to "").
func (f *fixture) send(c *http.Client, method, path string, body any, headers map[string]string) response {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatalf("encode body: %v", err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, "http://classic.test"+path, rd)
	if err != nil {
		f.t.Fatalf("new request: %v", err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if f.token != "" {
		req.Header.Set("Authorization", "Bearer "+f.token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
		if v == "" {
			req.Header.Del(k)
		}
	}
	resp, err := c.Do(req)
	if err != nil {
		return response{err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatalf("read body: %v", err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// call makes a conformance-checked request and fails the test unless it answers want.
func (f *fixture) call(method, path string, body any, want int, headers ...map[string]string) []byte {
	f.t.Helper()
	var h map[string]string
	if len(headers) > 0 {
		h = headers[0]
	}
	r := f.send(f.client, method, path, body, h)
	if r.err != nil {
		f.t.Fatalf("%s %s: %v", method, path, r.err)
	}
	if r.status != want {
		f.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, want, r.body)
	}
	return r.body
}

// decode decodes data into v or fails the test.
func (f *fixture) decode(data []byte, v any) {
	f.t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		f.t.Fatalf("decode %s: %v", data, err)
	}
}

// detail is the decoded error body of a failed call.
type detail struct {
	Detail json.RawMessage `json:"detail"`
}

// fieldErrors returns the 422 errors of a body.
func (f *fixture) fieldErrors(data []byte) []emukit.FieldError {
	f.t.Helper()
	var d struct {
		Detail []emukit.FieldError `json:"detail"`
	}
	f.decode(data, &d)
	return d.Detail
}

// hasLoc reports whether one of errs is at loc (written "body.states.0.action.actions").
func hasLoc(errs []emukit.FieldError, loc string) bool {
	for _, e := range errs {
		parts := make([]string, len(e.Loc))
		for i, l := range e.Loc {
			parts[i] = fmt.Sprint(l)
		}
		if strings.Join(parts, ".") == loc {
			return true
		}
	}
	return false
}
