package emulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
)

// apis talks to both emulators through conformance recorders.
type apis struct {
	cfg                     Config
	classicURL, platformURL string
	classic, platform       *http.Client
	classicRec, platformRec *conformance.Recorder
	token                   string
}

// newAPIs wraps the transports in conformance recorders.
func newAPIs(t *testing.T, cfg Config, classicURL, platformURL string, classicRT, platformRT http.RoundTripper) *apis {
	t.Helper()
	a := &apis{cfg: cfg, classicURL: classicURL, platformURL: platformURL}
	cc, pc, err := conformance.LoadDocs()
	if err != nil {
		t.Fatal(err)
	}
	a.classicRec, a.platformRec = conformance.NewRecorder(cc, classicRT), conformance.NewRecorder(pc, platformRT)
	a.classic, a.platform = &http.Client{Transport: a.classicRec}, &http.Client{Transport: a.platformRec}
	return a
}

// checkConformance fails the test on any response that disagrees with the documents.
func (a *apis) checkConformance(t *testing.T) {
	t.Helper()
	for name, rec := range map[string]*conformance.Recorder{"classic": a.classicRec, "platform": a.platformRec} {
		checked, mismatches, errs := rec.Report()
		t.Logf("%s: %d responses checked against the OpenAPI document, %d mismatches", name, checked, mismatches)
		for _, err := range errs {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// call sends a JSON request and returns the status and body.
func call(t *testing.T, client *http.Client, method, url string, headers map[string]string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// signIn gets a Classic token with the configured credentials.
func (a *apis) signIn(t *testing.T) {
	t.Helper()
	c := a.cfg.Credentials
	status, body := call(t, a.classic, "POST", a.classicURL+"/v1/"+a.cfg.Org+"/user/signin_with_api_key",
		map[string]string{"x-api-key": c.APIKey.Value, "x-api-key-id": c.APIKeyID.Value, "x-user-id": c.UserID.Value}, nil)
	if status != http.StatusOK {
		t.Fatalf("sign-in: %d %s", status, body)
	}
	var resp struct {
		IDToken string `json:"id_token"`
	}
	if err := json.Unmarshal(body, &resp); err != nil || resp.IDToken == "" {
		t.Fatalf("sign-in body %s: %v", body, err)
	}
	a.token = resp.IDToken
}

// createClassicAgent creates a Classic agent container and returns the status.
func (a *apis) createClassicAgent(t *testing.T, name string) int {
	t.Helper()
	status, body := call(t, a.classic, "POST", a.classicURL+"/v1/"+a.cfg.Org+"/organization/agent",
		map[string]string{"Authorization": "Bearer " + a.token}, map[string]string{"agent_name": name})
	if status != http.StatusCreated && status != http.StatusConflict {
		t.Errorf("create classic agent %s: %d %s", name, status, body)
	}
	return status
}

// createPlatformAgent creates a Platform agent and returns the status.
func (a *apis) createPlatformAgent(t *testing.T, name string) int {
	t.Helper()
	status, body := call(t, a.platform, "POST", fmt.Sprintf("%s/v1/%s/agents", a.platformURL, a.cfg.Workspace),
		map[string]string{"Authorization": "Bearer " + a.cfg.Credentials.PlatformAPIKey.Value}, map[string]string{"name": name})
	if status != http.StatusCreated && status != http.StatusConflict {
		t.Errorf("create platform agent %s: %d %s", name, status, body)
	}
	return status
}

// workspace reads the served workspace.
func (a *apis) workspace(t *testing.T) map[string]any {
	t.Helper()
	status, body := call(t, a.platform, "GET", a.platformURL+"/v1/workspaces/"+a.cfg.Workspace,
		map[string]string{"Authorization": "Bearer " + a.cfg.Credentials.PlatformAPIKey.Value}, nil)
	if status != http.StatusOK {
		t.Fatalf("get workspace: %d %s", status, body)
	}
	var ws map[string]any
	if err := json.Unmarshal(body, &ws); err != nil {
		t.Fatal(err)
	}
	return ws
}

// tryCreateAgent creates an agent on the Classic (classic) or Platform API
// and returns the status; unlike the create helpers it reports failures as
// an error, so it may run on goroutines other than the test's.
func (a *apis) tryCreateAgent(classic bool, name string) (int, error) {
	url, body, key := a.classicURL+"/v1/"+a.cfg.Org+"/organization/agent", `{"agent_name":"`+name+`"}`, a.token
	client := a.classic
	if !classic {
		url, body, key = a.platformURL+"/v1/"+a.cfg.Workspace+"/agents", `{"name":"`+name+`"}`, a.cfg.Credentials.PlatformAPIKey.Value
		client = a.platform
	}
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
