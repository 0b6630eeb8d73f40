package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProjectTargetRefusals checks that a --project that is not a project
// directory is refused by a sentence naming it, not by the error of a
// path built under it ("open DIR/amigosync.yaml/amigosync.yaml: not a
// directory").
func TestProjectTargetRefusals(t *testing.T) {
	root := t.TempDir()
	project := filepath.Join(root, "org")
	if err := os.MkdirAll(filepath.Join(project, "dir-project", "amigosync.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(project, "amigosync.yaml")
	if err := os.WriteFile(file, []byte("targets:\n  local: {api: platform, embedded: true}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir, want string
	}{
		{name: "the project file itself", dir: file,
			want: file + " is a file, not a project directory: give the directory that holds amigosync.yaml"},
		{name: "a file under a file", dir: filepath.Join(file, "x"),
			want: "read the project file " + filepath.Join(file, "x", "amigosync.yaml") + ": "},
		{name: "an empty name", dir: "", want: "the project directory is an empty name; give . for the current directory"},
		{name: "a project file that is a directory", dir: filepath.Join(project, "dir-project"),
			want: "read the project file " + filepath.Join(project, "dir-project", "amigosync.yaml") + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := projectTarget(tt.dir, "")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("projectTarget(%q) error = %v, want one starting %q", tt.dir, err, tt.want)
			}
		})
	}
	if tg, err := projectTarget(project, ""); err != nil || tg.Name != "local" {
		t.Errorf("projectTarget(%q) = %q, %v; want target local", project, tg.Name, err)
	}
}
