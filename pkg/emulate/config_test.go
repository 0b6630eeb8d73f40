package emulate

import (
	"bytes"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/platform"
)

func TestStateFiles(t *testing.T) {
	tests := []struct {
		path              string
		isDir             bool
		classic, platform string
	}{
		{"state", false, "state/classic.json", "state/platform.json"},
		{"state.d", true, "state.d/classic.json", "state.d/platform.json"},
		{"emu.json", false, "emu.classic.json", "emu.platform.json"},
		{"dir/emu.state", false, "dir/emu.classic.json", "dir/emu.platform.json"},
	}
	for _, tt := range tests {
		c, p := StateFiles(tt.path, tt.isDir)
		if c != filepath.FromSlash(tt.classic) || p != filepath.FromSlash(tt.platform) {
			t.Errorf("StateFiles(%q, %v) = %s, %s; want %s, %s", tt.path, tt.isDir, c, p, tt.classic, tt.platform)
		}
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := map[string]string{classic.EnvAPIKey: "fake-key-123", platform.EnvAPIKey: "fake-platform-key-456"}
	creds := CredentialsFromEnv(func(k string) string { return env[k] })
	tests := []struct {
		name      string
		secret    Secret
		wantValue string
		wantShown string
	}{
		{"api key from env", creds.APIKey, "fake-key-123", "(from AMIGO_API_KEY)"},
		{"api key id demo", creds.APIKeyID, "demo-api-key-id", "demo-api-key-id"},
		{"user id demo", creds.UserID, "demo-user", "demo-user"},
		{"platform key from env", creds.PlatformAPIKey, "fake-platform-key-456", "(from AMIGO_PLATFORM_API_KEY)"},
	}
	for _, tt := range tests {
		if tt.secret.Value != tt.wantValue || tt.secret.String() != tt.wantShown {
			t.Errorf("%s: value %q shown %q; want %q shown %q", tt.name, tt.secret.Value, tt.secret, tt.wantValue, tt.wantShown)
		}
	}
}

func TestBannerNeverShowsEnvironmentValues(t *testing.T) {
	env := map[string]string{classic.EnvAPIKey: "fake-key-123", classic.EnvAPIKeyID: "fake-key-id-789", classic.EnvUserID: "fake-user-000", platform.EnvAPIKey: "fake-platform-key-456"}
	cfg, err := Config{Credentials: CredentialsFromEnv(func(k string) string { return env[k] })}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Banner(&b, cfg, "http://127.0.0.1:1", "http://127.0.0.1:2"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for name, v := range env {
		if strings.Contains(out, v) {
			t.Errorf("banner shows the value of %s:\n%s", name, out)
		}
		if !strings.Contains(out, "(from "+name+")") {
			t.Errorf("banner does not say %s is used:\n%s", name, out)
		}
	}
	demo, _ := Config{}.withDefaults()
	b.Reset()
	if err := Banner(&b, demo, "http://127.0.0.1:1", "http://127.0.0.1:2"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"classic   http://127.0.0.1:1  (organization demo)", "workspace " + DefaultWorkspace + ", backend_org_id demo", "x-api-key: demo-api-key", "Bearer " + DemoPlatformAPIKey, "state: classic in memory"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("demo banner lacks %q:\n%s", want, b.String())
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
		wantOrg string
	}{
		{"zero", Config{}, "", "demo"},
		{"custom org", Config{Org: "acme", Workspace: "11111111-2222-3333-4444-555555555555"}, "", "acme"},
		{"bad workspace", Config{Workspace: "ws-1"}, `workspace "ws-1" is not a uuid`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cfg.withDefaults()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Org != tt.wantOrg || got.Credentials.APIKey.Value == "" || got.TokenLifetime <= 0 {
				t.Errorf("got %+v, %v", got, err)
			}
		})
	}
}

// TestConfigPrintsNoEnvironmentValue prints a Config holding credentials
// from the environment with every usual verb and through slog: none shows
// a value.
func TestConfigPrintsNoEnvironmentValue(t *testing.T) {
	env := map[string]string{classic.EnvAPIKey: "fake-key-123", classic.EnvAPIKeyID: "fake-key-id-789", classic.EnvUserID: "fake-user-000", platform.EnvAPIKey: "fake-platform-key-456"}
	cfg, err := Config{Credentials: CredentialsFromEnv(func(k string) string { return env[k] })}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logged, nil))
	log.Info("config", "cfg", cfg, "creds", cfg.Credentials, "key", cfg.Credentials.APIKey)
	outputs := map[string]string{"slog": logged.String()}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outputs[verb] = fmt.Sprintf(verb, cfg) + fmt.Sprintf(verb, cfg.Credentials)
	}
	for how, out := range outputs {
		for name, v := range env {
			if strings.Contains(out, v) {
				t.Errorf("%s shows the value of %s: %s", how, name, out)
			}
		}
	}
}
