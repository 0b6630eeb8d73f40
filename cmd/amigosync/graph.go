package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// GraphCmd draws a context graph.
type GraphCmd struct {
	Name   string `arg:"" help:"Name of the context graph (its metadata.name)."`
	Dir    string `arg:"" optional:"" default:"." help:"Directory of manifests (default: the current directory)."`
	Target string `help:"Target of the project file (default: default_target, or the only target)."`
	Format string `enum:"mermaid,dot" default:"mermaid" help:"Output syntax: mermaid (a flowchart) or dot (Graphviz)."`
}

// Help explains what graph draws.
func (GraphCmd) Help() string {
	return `Validates the manifests under DIR (as validate does; invalid manifests are
reported on stderr and nothing is drawn), then prints the context graph NAME
as a Mermaid flowchart or a Graphviz digraph on stdout.

States are shaped by type: action a rounded box, the terminal state a bold
stadium (Mermaid) or double box (DOT), decision a rhombus, recall a cylinder,
annotation a flag or note, reflection a hexagon, tool-call a subroutine box,
data_collection a parallelogram. "new user" and "returning user" point at the
initial states. Exit conditions are edges labelled with their description
(shortened); a single next_state or on_complete is an unlabelled edge. A
Classic jump into a referenced graph is a dashed trapezoid with a dotted
"jump back" edge.

  amigosync graph billing --format dot | dot -Tsvg > billing.svg`
}

// Run validates the manifests and draws the graph.
func (c *GraphCmd) Run(ctx context.Context, streams *IO) error {
	view := views.NewGraph(c.Format, streams.view())
	if err := ctx.Err(); err != nil {
		return view.Failed(err)
	}
	v, err := spec.NewValidator()
	if err != nil {
		return view.Failed(err)
	}
	bundle, diags, err := v.ValidateDir(c.Dir, spec.Options{Target: c.Target})
	if err != nil {
		return view.Failed(err)
	}
	if err := view.Diagnostics(bundle, diags); err != nil {
		return err
	}
	if diags.HasErrors() {
		return &exitError{code: 1}
	}
	g, err := findGraph(bundle, c.Dir, c.Name)
	if err != nil {
		return view.Failed(err)
	}
	p := draw.From(g.Spec)
	p.Title = g.Name
	return view.Picture(p)
}

// findGraph returns the context graph manifest called name, or an error
// that lists the graphs there are.
func findGraph(b *spec.Bundle, dir, name string) (*spec.ContextGraph, error) {
	if g, ok := b.ContextGraph(name); ok {
		return g, nil
	}
	if len(b.ContextGraphs) == 0 {
		return nil, fmt.Errorf("context graph %q is not defined: %s has no ContextGraph manifests", name, dir)
	}
	names := make([]string, len(b.ContextGraphs))
	for i, g := range b.ContextGraphs {
		names[i] = g.Name
	}
	sort.Strings(names)
	return nil, fmt.Errorf("context graph %q is not defined in %s (context graphs: %s)", name, dir, strings.Join(names, ", "))
}
