package main

import (
	"fmt"
	"io"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// PlanView shows a plan and the problems found making it. Each output
// format is one implementation over the command's streams; Run decides,
// the view only prints.
type PlanView interface {
	// Diagnostics shows the problems (errors stop the command; warnings
	// are shown before the plan).
	Diagnostics(b *spec.Bundle, ds spec.Diagnostics) error
	// Plan shows the plan.
	Plan(p *plan.Plan) error
}

// newPlanView returns the view of output format.
func newPlanView(format string, streams *IO) PlanView {
	v := &views.View{Stdout: streams.Stdout, Stderr: streams.Stderr}
	switch format {
	case "json":
		return planJSON{w: streams.Stdout, diags: views.NewValidate(views.FormatJSON, false, v)}
	case "markdown":
		return planMarkdown{w: streams.Stdout}
	}
	return planHuman{out: streams.Stdout, color: useColor(streams.Stdout, streams.Getenv), diags: views.NewValidate(views.FormatText, false, v)}
}

// planHuman is the text view: Terraform-like steps on stdout.
type planHuman struct {
	out   io.Writer
	color bool
	diags views.Validate
}

// Diagnostics prints the problems as validate does (with source
// snippets), and the count on stderr.
func (v planHuman) Diagnostics(b *spec.Bundle, ds spec.Diagnostics) error {
	if len(ds) == 0 {
		return nil
	}
	return v.diags.Results(b, ds)
}

// Plan prints the steps and the summary line.
func (v planHuman) Plan(p *plan.Plan) error {
	return plan.WriteText(v.out, p, plan.TextOptions{Color: v.color})
}

// planJSON is the machine view: one JSON document on stdout.
type planJSON struct {
	w     io.Writer
	diags views.Validate
}

// Diagnostics prints the problems as `validate --output json` does, when
// they stop the command; warnings alone are left to the plan document.
func (v planJSON) Diagnostics(b *spec.Bundle, ds spec.Diagnostics) error {
	if !ds.HasErrors() {
		return nil
	}
	return v.diags.Results(b, ds)
}

// Plan prints the plan document (the same as a saved plan).
func (v planJSON) Plan(p *plan.Plan) error { return plan.WriteJSON(v.w, p) }

// planMarkdown is the pull-request comment view.
type planMarkdown struct{ w io.Writer }

// Diagnostics lists the problems as a Markdown list.
func (v planMarkdown) Diagnostics(_ *spec.Bundle, ds spec.Diagnostics) error {
	if len(ds) == 0 {
		return nil
	}
	errs, warns := ds.Count()
	if _, err := fmt.Fprintf(v.w, "**amigosync: %d errors, %d warnings**\n\n```\n", errs, warns); err != nil {
		return err
	}
	if err := spec.WriteText(v.w, ds); err != nil {
		return err
	}
	_, err := io.WriteString(v.w, "```\n\n")
	return err
}

// Plan prints the summary first, then each step collapsed.
func (v planMarkdown) Plan(p *plan.Plan) error {
	return plan.WriteMarkdown(v.w, p, plan.MarkdownOptions{Picture: graphPicture})
}

// graphPicture draws a context graph version change as a Mermaid
// flowchart, added and removed states and transitions marked.
func graphPicture(before, after *spec.ContextGraphSpec) string {
	var b spec.ContextGraphSpec
	if before != nil {
		b = *before
	}
	return draw.Mermaid(draw.Diff(b, *after))
}
