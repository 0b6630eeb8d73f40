package views

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/credenv"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
)

// emulateConfig is a configuration with one credential from the
// environment, whose value must never be shown.
func emulateConfig() emulate.Config {
	creds := emulate.CredentialsFromEnv(func(k string) string {
		if k == credenv.PlatformAPIKey {
			return "fake-secret-from-env"
		}
		return ""
	})
	return emulate.Config{Org: "acme", Workspace: emulate.DefaultWorkspace, Credentials: creds,
		Classic: emulate.Files{State: ".emu/classic.json"}}
}

// TestEmulateGolden renders a session (serving, counters while serving,
// the last counters) in both forms and compares them with
// testdata/emulate.{txt,jsonl}.
func TestEmulateGolden(t *testing.T) {
	stats := emukit.Stats{"agents.list": {200: 2, 429: 1}, "agents.create": {0: 1}}
	for _, tc := range []struct {
		format Format
		file   string
	}{{FormatText, "emulate.txt"}, {FormatJSON, "emulate.jsonl"}} {
		var out bytes.Buffer
		view := NewEmulate(tc.format, &View{Stdout: &out, Stderr: failWriter{}})
		if err := view.Serving(emulateConfig(), "http://127.0.0.1:8001", "http://127.0.0.1:8002"); err != nil {
			t.Fatal(err)
		}
		if err := view.Stats(stats, nil, false); err != nil {
			t.Fatal(err)
		}
		if err := view.Stats(stats, emukit.Stats{"workspaces.get": {200: 1}}, true); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), "fake-secret") {
			t.Errorf("%s shows a credential from the environment:\n%s", tc.format, out.String())
		}
		golden.Check(t, "testdata/"+tc.file, out.Bytes())
	}
}

// TestEmulateJSONLines: every line is one object with the format version
// and its type; a failure is an "error" line and a ShownError.
func TestEmulateJSONLines(t *testing.T) {
	var out bytes.Buffer
	view := NewEmulate(FormatJSON, &View{Stdout: &out, Stderr: failWriter{}})
	if err := view.Serving(emulateConfig(), "http://c", "http://p"); err != nil {
		t.Fatal(err)
	}
	if err := view.Stats(nil, nil, true); err != nil {
		t.Fatal(err)
	}
	cause := errors.New(`address "0.0.0.0:1" is not loopback`)
	err := view.Failed(cause)
	var shown *ShownError
	if !errors.As(err, &shown) || !errors.Is(err, cause) {
		t.Errorf("Failed returned %v, want a ShownError wrapping the cause", err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	wantTypes := []string{"serving", "stats", "error"}
	if len(lines) != len(wantTypes) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(wantTypes), out.String())
	}
	for i, line := range lines {
		var head struct {
			FormatVersion string `json:"format_version"`
			Type          string `json:"type"`
		}
		if err := json.Unmarshal([]byte(line), &head); err != nil || head.FormatVersion != EmulateFormatVersion || head.Type != wantTypes[i] {
			t.Errorf("line %d %s: %+v, %v; want format %s, type %s", i+1, line, head, err, EmulateFormatVersion, wantTypes[i])
		}
	}
	if !strings.Contains(lines[1], `"classic":{}`) || !strings.Contains(lines[2], `"message":"address \"0.0.0.0:1\" is not loopback"`) {
		t.Errorf("empty counters or the error are not as documented:\n%s", out.String())
	}
	if err := NewEmulate(FormatText, &View{Stdout: failWriter{}}).Failed(cause); err != cause {
		t.Errorf("human Failed returned %v, want the cause for main to print", err)
	}
}
