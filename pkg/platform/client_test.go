package platform

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

func TestNewOptions(t *testing.T) {
	tests := []struct {
		name    string
		o       Options
		wantErr string
	}{
		{"defaults", Options{APIKey: "fake-key-123"}, ""},
		{"no key", Options{}, "API key is required"},
		{"plain http elsewhere", Options{APIKey: "fake-key-123", BaseURL: "http://api.platform.amigo.ai"}, "plain http"},
		{"plain http to a private address", Options{APIKey: "fake-key-123", BaseURL: "http://10.0.0.1:8080"}, "plain http"},
		{"plain http to a look-alike host", Options{APIKey: "fake-key-123", BaseURL: "http://127.0.0.1.example.com"}, "plain http"},
		{"plain http to localhost-ish host", Options{APIKey: "fake-key-123", BaseURL: "http://localhost.example.com"}, "plain http"},
		{"plain http to any address", Options{APIKey: "fake-key-123", BaseURL: "http://0.0.0.0:8080"}, "plain http"},
		{"credentials in the URL", Options{APIKey: "fake-key-123", BaseURL: "https://user:fake-pass@api.platform.amigo.ai"}, "credentials"},
		{"other scheme", Options{APIKey: "fake-key-123", BaseURL: "ftp://api.platform.amigo.ai"}, "https://"},
		{"https elsewhere", Options{APIKey: "fake-key-123", BaseURL: "https://api.platform.amigo.ai"}, ""},
		{"loopback", Options{APIKey: "fake-key-123", BaseURL: "http://127.0.0.1:9999"}, ""},
		{"loopback 127/8", Options{APIKey: "fake-key-123", BaseURL: "http://127.1.2.3:9999"}, ""},
		{"loopback localhost", Options{APIKey: "fake-key-123", BaseURL: "http://localhost:9999"}, ""},
		{"loopback IPv6", Options{APIKey: "fake-key-123", BaseURL: "http://[::1]:9999"}, ""},
		{"unknown limit", Options{APIKey: "fake-key-123", Limits: map[string]int{"list_everything": 3}}, `unknown endpoint "list_everything"`},
		{"known limit", Options{APIKey: "fake-key-123", Limits: map[string]int{ListAgents: 3}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.o)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("New: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want containing %q", err, tt.wantErr)
			}
			if err != nil && (strings.Contains(err.Error(), "fake-key-123") || strings.Contains(err.Error(), "fake-pass")) {
				t.Errorf("the error echoes a secret: %v", err)
			}
		})
	}
}

func TestWorkspaceRequired(t *testing.T) {
	c, err := New(Options{APIKey: "fake-key-123"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.GetAgent(ctx, "x"); err == nil || !strings.Contains(err.Error(), "no workspace") {
		t.Errorf("GetAgent without workspace: %v", err)
	}
	for _, err := range c.ListServices(ctx, ServiceListOptions{}) {
		if err == nil || !strings.Contains(err.Error(), "no workspace") {
			t.Errorf("ListServices without workspace: %v", err)
		}
	}
}

func TestPageSize(t *testing.T) {
	c, err := New(Options{APIKey: "fake-key-123", Workspace: "w"})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{-1, MaxPageSize + 1} {
		n := 0
		for _, err := range c.ListAgents(context.Background(), ListOptions{PageSize: size}) {
			n++
			if err == nil || !strings.Contains(err.Error(), "page size") {
				t.Errorf("page size %d: %v", size, err)
			}
		}
		if n != 1 {
			t.Errorf("page size %d yielded %d values", size, n)
		}
	}
}

func TestJoinPathEscapes(t *testing.T) {
	if got := joinPath("v1", "ws", "services", "a/b c", "version-sets", "rel?x"); got != "/v1/ws/services/a%2Fb%20c/version-sets/rel%3Fx" {
		t.Errorf("joinPath = %s", got)
	}
}

func TestSameContent(t *testing.T) {
	sent := map[string]any{"name": "n", "behaviors": []string{"a", "b"}, "identity": map[string]any{"role": "r"}, "voice_config": nil}
	tests := []struct {
		name string
		got  string
		want bool
	}{
		{"equal plus server fields", `{"id":"x","version":2,"name":"n","behaviors":["a","b"],"identity":{"role":"r","name":"i"}}`, true},
		{"other value", `{"name":"m","behaviors":["a","b"],"identity":{"role":"r"}}`, false},
		{"shorter list", `{"name":"n","behaviors":["a"],"identity":{"role":"r"}}`, false},
		{"missing field", `{"name":"n","identity":{"role":"r"}}`, false},
		{"nested differs", `{"name":"n","behaviors":["a","b"],"identity":{"role":"q"}}`, false},
		{"not an object", `[1]`, false},
		{"not JSON", `{`, false},
	}
	for _, tt := range tests {
		if got := sameContent(sent, json.RawMessage(tt.got)); got != tt.want {
			t.Errorf("%s: sameContent = %v", tt.name, got)
		}
	}
}

func TestGuardErrorMessage(t *testing.T) {
	tests := []struct {
		e    GuardError
		want string
	}{
		{GuardError{Kind: "agent", ID: "a1", Name: "intake", Expected: 3, Latest: 4},
			`agent "intake" (a1): expected to create version 3, but its latest version is 4: it changed since it was read, so nothing was created; plan again`},
		{GuardError{Kind: "context graph", ID: "g1", Name: "flow", Expected: 5, Latest: 6, Created: 6},
			`context graph "flow" (g1): expected to create version 5, but the server created version 6: another writer created a version at the same time; review the versions and plan again`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %s\nwant       %s", got, tt.want)
		}
		if err := error(&tt.e); !apiclient.IsConflict(err) || !errors.Is(err, apiclient.ErrConflict) {
			t.Errorf("GuardError is not a conflict")
		}
	}
}

func TestRetryFor(t *testing.T) {
	tests := []struct {
		name, method string
		want         apiclient.RetryMode
	}{
		{ListAgents, "GET", apiclient.RetryIdempotent},
		{UpdateAgent, "PUT", apiclient.RetryIdempotent},
		{UpsertServiceVersionSet, "PUT", apiclient.RetryIdempotent},
		{UpdateSkill, "PUT", apiclient.RetryRateLimited},
		{CreateAgentVersion, "POST", apiclient.RetryRateLimited},
		{DeleteService, "DELETE", apiclient.RetryRateLimited},
	}
	for _, tt := range tests {
		if got := retryFor(tt.name, tt.method); got != tt.want {
			t.Errorf("retryFor(%s, %s) = %v, want %v", tt.name, tt.method, got, tt.want)
		}
	}
}
