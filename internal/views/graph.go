package views

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Graph shows the outcome of `amigosync graph`: the picture of a context
// graph on stdout, in the syntax chosen by --format, or the problems that
// stop it on stderr, so that stdout only ever holds a picture.
type Graph interface {
	// Diagnostics shows the problems found validating b (warnings do not
	// stop the picture; errors do, and a summary line follows them).
	Diagnostics(b *spec.Bundle, diags spec.Diagnostics) error
	// Picture shows the picture.
	Picture(p draw.Picture) error
	// Failed returns the error for main to print (on stderr).
	Failed(err error) error
}

// The syntaxes of `graph --format`.
const (
	GraphMermaid = "mermaid"
	GraphDOT     = "dot"
)

// NewGraph returns the view for the syntax format ("mermaid", the
// default, or "dot").
func NewGraph(format string, v *View) Graph {
	return &GraphPicture{view: v, dot: format == GraphDOT}
}

// GraphPicture writes a Mermaid flowchart or a Graphviz digraph on stdout,
// and diagnostics as validate's text view does, on stderr.
type GraphPicture struct {
	view *View
	dot  bool
}

// Diagnostics prints each problem with its source line on stderr, then,
// when there are errors, the summary.
func (g *GraphPicture) Diagnostics(b *spec.Bundle, diags spec.Diagnostics) error {
	if err := writeDiagnostics(g.view.Stderr, diags, &b.Sources); err != nil {
		return err
	}
	if !diags.HasErrors() {
		return nil
	}
	if _, err := fmt.Fprintf(g.view.Stderr, "%s (%s)\n", spec.Summary(diags, b.Manifests), b.TargetSummary()); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// Picture writes p in the view's syntax.
func (g *GraphPicture) Picture(p draw.Picture) error {
	if g.dot {
		return draw.WriteDOT(g.view.Stdout, p)
	}
	return draw.WriteMermaid(g.view.Stdout, p)
}

// Failed returns err for main to print on stderr.
func (g *GraphPicture) Failed(err error) error { return err }
