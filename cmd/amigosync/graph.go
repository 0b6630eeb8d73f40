package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// GraphCmd draws a context graph.
type GraphCmd struct {
	Name   string `arg:"" help:"Name of the context graph (its metadata.name)."`
	Dir    string `arg:"" optional:"" default:"." help:"Directory of manifests (default: the current directory)."`
	Target string `help:"Target of the project file (default: default_target, or the only target)."`
	Format string `enum:"mermaid,dot" default:"mermaid" help:"Output syntax: mermaid (a flowchart) or dot (Graphviz)."`
	Live   bool   `help:"Draw the latest version of the graph on the target instead of the manifest."`
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

With --live, the picture is of the latest version of the context graph NAME
on the target (it need not have a manifest); references to graphs of the
target are shown by name.

  amigosync graph billing --format dot | dot -Tsvg > billing.svg
  amigosync graph billing --live --target prod`
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
	if c.Live {
		p, err := c.livePicture(ctx, streams, bundle.Target)
		if err != nil {
			return view.Failed(err)
		}
		return view.Picture(p)
	}
	g, err := findGraph(bundle, c.Dir, c.Name)
	if err != nil {
		return view.Failed(err)
	}
	p := draw.From(g.Spec)
	p.Title = g.Name
	return view.Picture(p)
}

// livePicture opens the target and draws the latest version of the
// context graph called c.Name there.
func (c *GraphCmd) livePicture(ctx context.Context, streams *IO, t spec.Target) (draw.Picture, error) {
	b, closer, err := target.Open(ctx, target.Options{Dir: c.Dir, Target: t, Getenv: streams.Getenv})
	if err != nil {
		return draw.Picture{}, err
	}
	defer closer.Close()
	containers, err := b.Containers(ctx, spec.KindContextGraph)
	if err != nil {
		return draw.Picture{}, fmt.Errorf("list the context graphs of target %q: %w", t.Name, err)
	}
	graph, err := findLiveGraph(containers, t.Name, c.Name)
	if err != nil {
		return draw.Picture{}, err
	}
	v, err := b.ReadVersion(ctx, graph, graph.Latest, backend.NewIndex(containers...))
	if err != nil {
		return draw.Picture{}, fmt.Errorf("read context graph %s v%d of target %q: %w", graph.Name, graph.Latest, t.Name, err)
	}
	if v.ContextGraph == nil {
		return draw.Picture{}, fmt.Errorf("read context graph %s v%d of target %q: the API returned no context graph", graph.Name, graph.Latest, t.Name)
	}
	p := draw.From(*v.ContextGraph)
	p.Title = fmt.Sprintf("%s (live v%d)", graph.Name, graph.Latest)
	return p, nil
}

// findLiveGraph returns the live (not deprecated) context graph called
// name among containers, or an error that lists those there are.
func findLiveGraph(containers []backend.Container, targetName, name string) (backend.Container, error) {
	var names []string
	for _, c := range containers {
		if c.Deprecated {
			continue
		}
		if c.Name != name {
			names = append(names, c.Name)
			continue
		}
		if c.Latest < 1 {
			return c, fmt.Errorf("context graph %q on target %q has no version yet", name, targetName)
		}
		return c, nil
	}
	if len(names) == 0 {
		return backend.Container{}, fmt.Errorf("context graph %q does not exist on target %q, which has no context graphs", name, targetName)
	}
	sort.Strings(names)
	return backend.Container{}, fmt.Errorf("context graph %q does not exist on target %q (context graphs there: %s)", name, targetName, strings.Join(names, ", "))
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
