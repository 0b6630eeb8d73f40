package views

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestGraphGolden shows a valid project's graph in both syntaxes and an
// invalid project's problems, and compares them with
// testdata/graph/<case> (stdout, then stderr after a "-- stderr --" line).
func TestGraphGolden(t *testing.T) {
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dir, graph, format string }{
		{"triage.mmd", "../../testdata/valid/platform-minimal", "triage", GraphMermaid},
		{"triage.dot", "../../testdata/valid/platform-minimal", "triage", GraphDOT},
		{"unreachable.mmd", "../../testdata/invalid/state-unreachable", "triage", GraphMermaid},
		{"invalid.txt", "../../testdata/invalid/next-state-unknown", "", GraphMermaid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, diags := v.Validate(os.DirFS(tc.dir), spec.Options{Root: "project"})
			var stdout, stderr bytes.Buffer
			view := NewGraph(tc.format, &View{Stdout: &stdout, Stderr: &stderr})
			if err := view.Diagnostics(b, diags); err != nil {
				t.Fatal(err)
			}
			if tc.graph != "" {
				g, ok := b.ContextGraph(tc.graph)
				if !ok {
					t.Fatalf("%s has no graph %s", tc.dir, tc.graph)
				}
				p := draw.From(g.Spec)
				p.Title = g.Name
				if err := view.Picture(p); err != nil {
					t.Fatal(err)
				}
			}
			got := stdout.String()
			if stderr.Len() > 0 {
				got += "-- stderr --\n" + stderr.String()
			}
			golden.Check(t, filepath.Join("testdata", "graph", tc.name), []byte(got))
		})
	}
}
