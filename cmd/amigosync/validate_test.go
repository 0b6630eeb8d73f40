package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const validateRepoRoot = "../.."

func TestValidateCommand(t *testing.T) {
	example := filepath.Join(validateRepoRoot, "examples", "workspace")
	classic := filepath.Join(validateRepoRoot, "testdata", "valid", "classic-clinic")
	unreachable := filepath.Join(validateRepoRoot, "testdata", "invalid", "state-unreachable")
	broken := filepath.Join(validateRepoRoot, "testdata", "invalid", "next-state-unknown")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    []string // substrings of stdout
		wantErr    []string // substrings of stderr
		wantNoOut  bool
		wantLines  int // lines on stdout, when >= 0
		checkLines bool
	}{
		{name: "example workspace is valid", args: []string{"validate", example}, wantCode: 0, wantNoOut: true,
			wantErr: []string{"0 errors, 0 warnings in 6 manifests", `target "local", platform dialect`}},
		{name: "classic project with its default target", args: []string{"validate", classic}, wantCode: 0,
			wantErr: []string{"0 errors, 0 warnings in 4 manifests", "classic dialect"}},
		{name: "classic project with --target", args: []string{"validate", "--target", "prod", classic}, wantCode: 0,
			wantErr: []string{`target "prod", classic dialect`}},
		{name: "unknown --target", args: []string{"validate", "--target", "staging", classic}, wantCode: 1,
			wantOut: []string{`target "staging" is not defined`, "[target-unknown]"}},
		{name: "warnings alone pass", args: []string{"validate", unreachable}, wantCode: 0,
			wantOut: []string{"warning: state \"note\" cannot be reached"}, wantErr: []string{"0 errors, 1 warning in 1 manifest"}},
		{name: "--strict fails on warnings", args: []string{"validate", "--strict", unreachable}, wantCode: 1,
			wantErr: []string{"1 error, 0 warnings in 1 manifest"}},
		{name: "errors fail, with the source line", args: []string{"validate", broken}, wantCode: 1, checkLines: true, wantLines: 3,
			wantOut: []string{"graph.yaml:24:23: ContextGraph/triage: state \"route\" transitions to \"ending\"",
				"\n  24 |           next_state: ending\n     |                       ^^^^^^\n"}},
		{name: "--compact: one line per problem", args: []string{"validate", "--compact", broken}, wantCode: 1, checkLines: true, wantLines: 1,
			wantOut: []string{"graph.yaml:24:23: ContextGraph/triage: state \"route\" transitions to \"ending\""}},
		{name: "missing directory", args: []string{"validate", filepath.Join(validateRepoRoot, "no-such-dir")}, wantCode: 1,
			wantErr: []string{"read manifest directory"}},
		{name: "a missing directory whose name would forge a line", args: []string{"validate", "no\nfake.yaml:1:1: \x1b[31mok"}, wantCode: 1,
			wantErr: []string{`read manifest directory: stat "no\nfake.yaml:1:1: \x1b[31mok": no such file or directory` + "\n"}},
		{name: "bad output format", args: []string{"validate", "--output", "yaml", example}, wantCode: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errOut)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(out, s) {
					t.Errorf("stdout does not contain %q:\n%s", s, out)
				}
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr does not contain %q:\n%s", s, errOut)
				}
			}
			if tt.wantNoOut && out != "" {
				t.Errorf("unexpected stdout:\n%s", out)
			}
			if tt.checkLines && strings.Count(out, "\n") != tt.wantLines {
				t.Errorf("got %d lines, want %d:\n%s", strings.Count(out, "\n"), tt.wantLines, out)
			}
		})
	}
}

func TestValidateJSONOutput(t *testing.T) {
	dir := t.TempDir()
	graph, err := os.ReadFile(filepath.Join(validateRepoRoot, "testdata", "invalid", "next-state-unknown", "graph.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeManifestFile(t, filepath.Join(dir, "graphs", "triage.yaml"), string(graph))
	writeManifestFile(t, filepath.Join(dir, "agent.yaml"), "kind: Robot\n")
	code, out, errOut := runCLI(t, nil, "validate", "--output", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("json mode wrote to stderr: %q", errOut)
	}
	var doc struct {
		FormatVersion string `json:"format_version"`
		Valid         *bool  `json:"valid"`
		ErrorCount    int    `json:"error_count"`
		WarningCount  *int   `json:"warning_count"`
		Diagnostics   []struct {
			Severity, Code, Summary, Kind, Name string
			Range                               struct {
				Filename string `json:"filename"`
				Start    struct{ Line, Column int }
			} `json:"range"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if doc.FormatVersion != "1.0" || doc.Valid == nil || *doc.Valid || doc.ErrorCount != 2 || doc.WarningCount == nil || *doc.WarningCount != 0 {
		t.Errorf("envelope %+v, want format 1.0, not valid, 2 errors, 0 warnings", doc)
	}
	if len(doc.Diagnostics) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %s", len(doc.Diagnostics), out)
	}
	first, second := doc.Diagnostics[0], doc.Diagnostics[1]
	if first.Code != "kind-unknown" || first.Range.Filename != filepath.Join(dir, "agent.yaml") || first.Range.Start.Line != 1 {
		t.Errorf("first diagnostic = %+v", first)
	}
	if second.Code != "next-state-unknown" || second.Kind != "ContextGraph" || second.Name != "triage" ||
		second.Range.Start.Line != 24 || second.Range.Start.Column != 23 || second.Severity != "error" {
		t.Errorf("second diagnostic = %+v", second)
	}
}

func TestValidateDefaultsToCurrentDirectory(t *testing.T) {
	dir := t.TempDir()
	writeManifestFile(t, filepath.Join(dir, "a.yaml"), "# nothing\n")
	t.Chdir(dir)
	code, out, _ := runCLI(t, nil, "validate")
	if code != 1 || !strings.Contains(out, "a.yaml:1:1: file contains no YAML documents") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
}

func writeManifestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
