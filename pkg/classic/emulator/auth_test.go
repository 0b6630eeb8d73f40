package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

func TestSignIn(t *testing.T) {
	good := credHeaders(testCredentials())
	with := func(k, v string) map[string]string {
		h := map[string]string{"Authorization": ""}
		for gk, gv := range good {
			h[gk] = gv
		}
		h[k] = v
		return h
	}
	tests := []struct {
		name    string
		org     string
		headers map[string]string
		want    int
		loc     string
	}{
		{"ok", "demo", with("x-api-key", "fake-key-123"), http.StatusOK, ""},
		{"missing key", "demo", with("x-api-key", ""), http.StatusUnprocessableEntity, "header.x-api-key"},
		{"missing user", "demo", with("x-user-id", ""), http.StatusUnprocessableEntity, "header.x-user-id"},
		{"wrong key", "demo", with("x-api-key", "fake-key-999"), http.StatusUnauthorized, ""},
		{"wrong key id", "demo", with("x-api-key-id", "nope"), http.StatusUnauthorized, ""},
		{"unknown user", "demo", with("x-user-id", "someone-else"), http.StatusUnauthorized, ""},
		{"unknown org", "elsewhere", with("x-api-key", "fake-key-123"), http.StatusNotFound, ""},
	}
	f := newFixture(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := f.call("POST", "/v1/"+tt.org+"/user/signin_with_api_key", nil, tt.want, tt.headers)
			if tt.loc != "" && !hasLoc(f.fieldErrors(body), tt.loc) {
				t.Errorf("errors %s lack loc %s", body, tt.loc)
			}
			if tt.want != http.StatusOK {
				return
			}
			var resp classic.SignInResponse
			f.decode(body, &resp)
			if want := f.clock.Now().Add(time.Hour); !resp.ExpiresAt.Equal(want) {
				t.Errorf("expires_at = %v, want %v", resp.ExpiresAt, want)
			}
			if !strings.HasPrefix(resp.IDToken, tokenPrefix) || strings.Count(resp.IDToken, ".") != 1 {
				t.Errorf("token %q is not an opaque emulator token", resp.IDToken)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.TokenLifetime = 10 * time.Minute })
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("demo_fake-user-123:"+f.token))
	tests := []struct {
		name    string
		advance time.Duration
		auth    string
		want    int
	}{
		{"bearer", 0, "Bearer " + f.token, http.StatusOK},
		{"lowercase scheme", 0, "bearer " + f.token, http.StatusOK},
		{"basic", 0, basic, http.StatusOK},
		{"no header", 0, "", http.StatusUnauthorized},
		{"unknown token", 0, "Bearer emu-classic.nope", http.StatusUnauthorized},
		{"no scheme", 0, f.token, http.StatusUnauthorized},
		{"just before expiry", 10*time.Minute - time.Second, "Bearer " + f.token, http.StatusOK},
		{"at expiry", time.Second, "Bearer " + f.token, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.clock.Advance(tt.advance)
			f.call("GET", agentsPath, nil, tt.want, map[string]string{"Authorization": tt.auth})
		})
	}
	// A fresh sign-in works again after expiry.
	f.token = f.signIn()
	f.call("GET", agentsPath, nil, http.StatusOK)
}

func TestTokensAreDistinctAndNotStored(t *testing.T) {
	dir := t.TempDir()
	f := newFixture(t, func(c *Config) { c.StatePath = dir + "/state.json" })
	second := f.signIn()
	if second == f.token {
		t.Fatalf("two sign-ins returned the same token %q", second)
	}
	var st state
	if _, err := emukit.LoadJSON(dir+"/state.json", &st); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(st)
	if strings.Contains(string(raw), strings.TrimPrefix(f.token, tokenPrefix)) {
		t.Errorf("the state file holds a usable token")
	}
	if len(st.Tokens) != 2 {
		t.Errorf("state has %d token grants, want 2", len(st.Tokens))
	}
}

func TestGetOrganization(t *testing.T) {
	f := newFixture(t)
	var anon, authed classic.Organization
	f.decode(f.call("GET", "/v1/demo/organization/", nil, http.StatusOK, map[string]string{"Authorization": ""}), &anon)
	if anon.OrgID != "demo" || anon.TenantID != nil || anon.DefaultUserPreferences != nil {
		t.Errorf("anonymous organization = %+v, want id demo and no details", anon)
	}
	f.decode(f.call("GET", "/v1/demo/organization/", nil, http.StatusOK), &authed)
	if authed.TenantID == nil || authed.DefaultUserPreferences == nil {
		t.Errorf("signed-in organization = %+v, want details", authed)
	}
	f.call("GET", "/v1/other/organization/", nil, http.StatusNotFound)
	f.call("GET", "/v1/other/organization/agent", nil, http.StatusNotFound)
}
