package draw_test

import (
	"path/filepath"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/draw"
)

// TestGoldenExamples draws the example graphs in both syntaxes.
func TestGoldenExamples(t *testing.T) {
	for _, ex := range exampleGraphs {
		t.Run(ex.graph, func(t *testing.T) {
			p := draw.From(loadGraph(t, ex.dir, ex.graph))
			p.Title = ex.graph
			golden.Check(t, filepath.Join("testdata", ex.graph+".mmd"), []byte(draw.Mermaid(p)))
			golden.Check(t, filepath.Join("testdata", ex.graph+".dot"), []byte(draw.DOT(p)))
		})
	}
}
