package live_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestFiles: the ready manifests validate as a Platform project with the
// project file written beside them; each blocked one is commented out
// line by line under a header naming what blocks it.
func TestFiles(t *testing.T) {
	res := clinic(t)
	target := spec.Target{Name: "workspace", API: spec.DialectPlatform, URL: "https://api.platform.amigo.ai", Workspace: "7e57c11c-0000-4000-8000-00000000c11c"}
	files, err := live.Files(res, "workspace", target)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	byPath := map[string]string{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		byPath[f.Path] = string(f.Data)
	}
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags := v.Validate(fsys, spec.Options{})
	if diags.HasErrors() {
		t.Fatalf("the output does not validate:\n%v", diags)
	}
	if b.Target.API != spec.DialectPlatform || len(b.Agents) != 2 || len(b.ContextGraphs) != 2 || len(b.Services) != 1 {
		t.Errorf("read back: %s target, %d agents, %d graphs, %d services; want platform, 2, 2, 1", b.Target.API, len(b.Agents), len(b.ContextGraphs), len(b.Services))
	}
	tests := []struct {
		path string
		want []string
	}{
		{"context-graphs/billing.yaml.blocked", []string{"# BLOCKED: this context graph cannot move", "#   - spec.states[recall_history]: Platform has no recall states", "# kind: ContextGraph"}},
		{"services/billing-line.yaml.blocked", []string{"#   - spec.context_graph: context graph billing cannot move yet", "migration-report.md"}},
	}
	for _, tt := range tests {
		data, ok := byPath[tt.path]
		if !ok {
			t.Errorf("no %s written", tt.path)
			continue
		}
		for _, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
			if !strings.HasPrefix(line, "#") {
				t.Errorf("%s: line %q is not commented out", tt.path, line)
			}
		}
		for _, w := range tt.want {
			if !strings.Contains(data, w) {
				t.Errorf("%s does not say %q:\n%s", tt.path, w, data)
			}
		}
	}
	for _, p := range []string{"amigosync.yaml", "migration-report.md", "migration-report.json", "idmap.json"} {
		if _, ok := byPath[p]; !ok {
			t.Errorf("no %s written", p)
		}
	}
}

// TestRemoveStale: a manifest an earlier migrate wrote and this one does
// not is removed; the user's own are left and named.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"agents/kept.yaml":        "# Written by amigosync migrate from Classic agent kept\n",
		"agents/gone.yaml":        "# Written by amigosync migrate from Classic agent gone\n",
		"agents/was.yaml.blocked": "# Written by amigosync migrate from Classic agent was\n",
		"agents/mine.yaml":        "apiVersion: amigosync/v1\n",
		"migration-report.md":     "# Migration report\n",
	})
	kept, err := live.RemoveStale(dir, []export.File{{Path: "agents/kept.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 1 || kept[0] != "agents/mine.yaml" {
		t.Errorf("left alone %v, want [agents/mine.yaml]", kept)
	}
	for file, want := range map[string]bool{"agents/kept.yaml": true, "agents/gone.yaml": false, "agents/was.yaml.blocked": false, "agents/mine.yaml": true, "migration-report.md": true} {
		if _, err := os.Stat(filepath.Join(dir, file)); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", file, err == nil, want)
		}
	}
}
