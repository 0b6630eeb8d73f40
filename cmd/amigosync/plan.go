package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/internal/atomicfile"
	"github.com/amigosync/amigosync/pkg/plan"
)

// PlanCmd shows what apply would change.
type PlanCmd struct {
	Dir              string `arg:"" optional:"" default:"." help:"Directory of manifests (default: the current directory)."`
	PlanFlags        `embed:""`
	ServerValidate   bool   `help:"Classic only: send every new context graph version to the server with dry_run=true first; a refusal becomes a plan error."`
	Out              string `help:"Save the plan to this file (JSON), for 'amigosync apply FILE'." type:"path"`
	Output           string `enum:"text,json,markdown" default:"text" help:"Output format: text, json (versioned; see the README) or markdown (for a pull-request comment)."`
	DetailedExitcode bool   `help:"Exit 0 when there are no changes, 2 when there are, 1 on an error."`
	Stats            bool   `help:"Print the requests made per endpoint and status, and version cache hits and misses (on stderr)."`
}

// Help explains plan.
func (PlanCmd) Help() string {
	return `Validates the manifests in DIR (when any is invalid, prints every problem
as validate does and stops, without calling the API), reads the live state of the
target (lists, then the latest version of each container a manifest names,
through the version cache in DIR/.amigosync/cache/) and prints the ordered,
guarded steps that would make the live state match the manifests.

Nothing is changed. Exit status: 0 success, 1 error; with --detailed-exitcode
0 no changes, 2 changes, 1 error.`
}

// Run makes the plan and shows it.
func (c *PlanCmd) Run(ctx context.Context, streams *IO) error {
	view := newPlanView(c.Output, streams)
	p, err := makePlan(ctx, streams, c.Dir, c.PlanFlags)
	if p != nil {
		defer p.Close()
	}
	if errors.Is(err, errInvalid) {
		return errors.Join(view.Diagnostics(p.bundle, p.diags), &exitError{code: 1})
	}
	if err != nil {
		return err
	}
	if c.ServerValidate {
		more, err := serverValidate(ctx, p)
		if err != nil {
			return err
		}
		p.diags = append(p.diags, more...)
		p.diags.Sort()
	}
	if p.diags.HasErrors() {
		return errors.Join(view.Diagnostics(p.bundle, p.diags), &exitError{code: 1})
	}
	if err := view.Diagnostics(p.bundle, p.diags); err != nil {
		return err
	}
	if c.Out != "" {
		if err := savePlan(c.Out, p.plan); err != nil {
			return err
		}
	}
	if err := view.Plan(p.plan); err != nil {
		return err
	}
	if c.Stats {
		if err := writeStats(streams.Stderr, p); err != nil {
			return err
		}
	}
	if c.DetailedExitcode && !p.plan.Empty() {
		return &exitError{code: 2}
	}
	return nil
}

// savePlan writes p to file atomically, so that a crash never leaves half
// a plan for apply to read.
func savePlan(file string, p *plan.Plan) error {
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		return fmt.Errorf("save the plan: %w", err)
	}
	if err := atomicfile.WriteFile(file, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save the plan: %w", err)
	}
	return nil
}
