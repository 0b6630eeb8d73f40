package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	_ "github.com/amigosync/amigosync/internal/golden" // the -update flag
	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
)

var dialects = []spec.Dialect{spec.DialectClassic, spec.DialectPlatform}

// uncomment turns the commented URL target of a project file into a real
// one: the lines of the "# prod:" block lose their "# ", and so does the
// rate_window line inside it; comments in prose (without a YAML key at
// the start) stay.
func uncomment(t *testing.T, project string) string {
	t.Helper()
	lines := strings.Split(project, "\n")
	in := false
	for i, l := range lines {
		switch {
		case l == "  # prod:":
			in = true
			lines[i] = "  prod:"
		case in && strings.HasPrefix(l, "  #   # rate_window:"):
			lines[i] = "    rate_window:" + strings.TrimPrefix(l, "  #   # rate_window:")
		case in && strings.HasPrefix(l, "  #   #"):
			lines[i] = ""
		case in && strings.HasPrefix(l, "  #   "):
			lines[i] = "    " + strings.TrimPrefix(l, "  #   ")
		case in:
			in = false
		}
	}
	out := strings.Join(lines, "\n")
	if !strings.Contains(out, "\n  prod:\n") {
		t.Fatalf("the project file has no commented prod target:\n%s", project)
	}
	return out
}

// validate validates dir for target and fails on any diagnostic, warnings
// included: the examples must be clean.
func validate(t *testing.T, dir, target string) *spec.Bundle {
	t.Helper()
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags, err := v.ValidateDir(dir, spec.Options{Target: target, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		var sb strings.Builder
		_ = spec.WriteText(&sb, diags)
		t.Fatalf("the new %s project does not validate for target %q:\n%s", b.Dialect(), target, sb.String())
	}
	return b
}

func TestWriteValidates(t *testing.T) {
	for _, d := range dialects {
		t.Run(string(d), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new", "project")
			written, err := scaffold.Write(dir, d)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"amigosync.yaml", ".gitignore", "agents/assistant.yaml", "context-graphs/front-desk.yaml", "services/front-desk.yaml"}
			if diff := cmp.Diff(want, written); diff != "" {
				t.Errorf("files written (-want +got):\n%s", diff)
			}
			b := validate(t, dir, "")
			if b.Target.Name != "local" || !b.Target.Embedded || b.Dialect() != d {
				t.Errorf("default target %+v, want the embedded %s target local", b.Target, d)
			}
			if len(b.Agents) != 1 || len(b.ContextGraphs) != 1 || len(b.Services) != 1 {
				t.Errorf("manifests: %d agents, %d graphs, %d services; want one of each", len(b.Agents), len(b.ContextGraphs), len(b.Services))
			}
			gitignore, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
			if err != nil || !strings.Contains(string(gitignore), "\n/.amigosync/\n") {
				t.Errorf(".gitignore does not ignore .amigosync/ (%v):\n%s", err, gitignore)
			}
		})
	}
}

// TestCommentedTargetValidates: the commented URL target, once
// uncommented, is a valid target of the same dialect, with rate_window.
func TestCommentedTargetValidates(t *testing.T) {
	for _, d := range dialects {
		t.Run(string(d), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := scaffold.Write(dir, d); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "amigosync.yaml")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(uncomment(t, string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
			b := validate(t, dir, "prod")
			tg := b.Target
			if tg.Embedded || !strings.HasPrefix(tg.URL, "https://") || tg.API != d || tg.RateWindow != time.Second {
				t.Errorf("prod target %+v: want a %s URL target with rate_window 1s", tg, d)
			}
			if (d == spec.DialectClassic) != (tg.Org != "") || (d == spec.DialectPlatform) != (tg.Workspace != "") {
				t.Errorf("prod target %+v: want an org for classic, a workspace for platform", tg)
			}
		})
	}
}

func TestWriteRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"notes.txt", "b", "c", "d", "e", "f", "g"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := scaffold.Write(dir, spec.DialectPlatform)
	want := "directory " + dir + " is not empty (it holds b, c, d, e, f, and 2 more); init writes a new project only into an empty or new directory"
	if err == nil || err.Error() != want {
		t.Fatalf("Write into a non-empty directory: %v\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "amigosync.yaml")); !os.IsNotExist(err) {
		t.Errorf("amigosync.yaml was written into the non-empty directory (%v)", err)
	}
}

func TestWriteBesideGit(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := scaffold.Write(dir, spec.DialectClassic); err != nil {
		t.Fatalf("Write beside .git: %v", err)
	}
	validate(t, dir, "")
}

func TestWriteErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir string
		dialect   spec.Dialect
		want      string
	}{
		{"unknown dialect", t.TempDir(), "legacy", `api must be classic or platform, not "legacy"`},
		{"a file, not a directory", file, spec.DialectPlatform, "read directory " + file + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scaffold.Write(tt.dir, tt.dialect)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
