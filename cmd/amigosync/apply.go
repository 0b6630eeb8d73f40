package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
)

// ApplyCmd makes the live state match the manifests, with version guards.
type ApplyCmd struct {
	Path        string `arg:"" optional:"" default:"." placeholder:"DIR|PLANFILE" help:"Directory of manifests to plan and apply, or a plan saved with 'plan --out' (default: the current directory)."`
	PlanFlags   `embed:""`
	Project     string `default:"." type:"path" help:"For a saved plan: the project directory whose amigosync.yaml names the target (default: the current directory)."`
	AutoApprove bool   `help:"Apply without asking for confirmation; required when stdin is not a terminal."`
	Parallelism int    `default:"4" help:"Steps in flight at most; the clients pace each endpoint to its rate limit."`
	Output      string `enum:"text,json" default:"text" help:"Output format: text, or json (one event per line; see the README)."`
	Stats       bool   `help:"Print the requests made per endpoint and status, and version cache hits and misses (on stderr)."`
}

// Help explains apply.
func (ApplyCmd) Help() string {
	return `With a directory, plans as 'plan' does, shows the plan and asks for
confirmation (on a terminal; elsewhere --auto-approve is required), then applies it.
With a plan saved by 'plan --out', checks that nothing the plan read has moved
(list calls only) and applies exactly that plan; a stale plan changes nothing.

Every write is guarded: a version is created only as the number the plan expects,
and services, version sets and descriptions are re-read right before they change.
On the first failure, or Ctrl-C, no new step starts and the steps in flight finish
(a second Ctrl-C stops at once, exit status 130); plan then shows the remaining work and apply
completes it, never creating a version twice.

Exit status: 0 every step done (or nothing to do), 1 an error, a conflict, a stale
plan, or a run that stopped before every step was done.`
}

// Run plans (or reads the saved plan), confirms and applies.
func (c *ApplyCmd) Run(ctx context.Context, streams *IO) error {
	format := views.Format(c.Output)
	live := format == views.FormatText && isTerminal(streams.Stdout)
	view := views.NewApply(format, views.ApplyOptions{Live: live, Color: useColor(streams.Stdout, streams.Getenv)},
		&views.View{Stdout: streams.Stdout, Stderr: streams.Stderr})
	if c.Parallelism < 1 {
		return view.Failed(fmt.Errorf("--parallelism must be 1 or more, not %d", c.Parallelism))
	}
	if info, err := os.Stat(c.Path); err == nil && !info.IsDir() {
		return c.applySaved(ctx, streams, view)
	}
	return c.applyDir(ctx, streams, view)
}

// applyDir plans the directory, shows the plan, confirms and applies it.
func (c *ApplyCmd) applyDir(ctx context.Context, streams *IO, view views.Apply) error {
	p, err := makePlan(ctx, streams, c.Path, c.PlanFlags)
	if p != nil {
		defer p.Close()
	}
	switch {
	case errors.Is(err, errInvalid):
		return errors.Join(view.Diagnostics(p.bundle, p.diags), &exitError{code: 1})
	case err != nil:
		return view.Failed(err)
	case p.diags.HasErrors():
		return errors.Join(view.Diagnostics(p.bundle, p.diags), &exitError{code: 1})
	}
	if err := view.Diagnostics(p.bundle, p.diags); err != nil {
		return err
	}
	if err := view.Plan(p.plan); err != nil {
		return err
	}
	if !p.plan.Empty() && !c.AutoApprove {
		if err := confirm(ctx, streams); err != nil {
			return view.Failed(err)
		}
	}
	return c.execute(ctx, streams, view, p)
}

// applySaved checks a saved plan against the live state and applies it
// as it was saved (it was reviewed when it was made).
func (c *ApplyCmd) applySaved(ctx context.Context, streams *IO, view views.Apply) error {
	if len(c.Only) > 0 || c.Prune || c.Refresh {
		return view.Failed(errors.New("--only, --prune and --refresh choose what is planned; a saved plan is applied exactly as it was saved"))
	}
	saved, err := readPlan(c.Path)
	if err != nil {
		return view.Failed(err)
	}
	name := c.Target
	if name == "" {
		name = saved.Target.Name
	}
	p, err := openProject(ctx, streams, c.Project, name)
	if p != nil {
		defer p.Close()
	}
	if err != nil {
		return view.Failed(err)
	}
	p.plan = saved
	if p.live, err = apply.Check(ctx, p.backend, saved); err != nil {
		return view.Failed(fmt.Errorf("%s: %w", c.Path, err))
	}
	return c.execute(ctx, streams, view, p)
}

// readPlan reads a saved plan file.
func readPlan(file string) (*plan.Plan, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := plan.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

// execute applies p.plan, showing the progress, and reports. A run that
// did not do every step exits 1 (its report has said why).
func (c *ApplyCmd) execute(ctx context.Context, streams *IO, view views.Apply, p *planned) error {
	if err := view.Applying(p.plan); err != nil {
		return err
	}
	stopTicks := ticks(view)
	var shown error
	rep, err := apply.Run(context.WithoutCancel(ctx), p.backend, p.plan, apply.Options{
		Parallelism: c.Parallelism, Live: p.live, Cache: p.cache,
		// The first Ctrl-C cancels ctx: no new step starts, the steps in
		// flight finish under a context it does not cancel.
		Stop:   ctx.Done(),
		Events: func(e apply.Event) { shown = errors.Join(shown, view.Event(e)) },
	})
	stopTicks()
	if err != nil {
		return view.Failed(err)
	}
	if err := errors.Join(shown, view.Report(rep)); err != nil {
		return err
	}
	if c.Stats {
		if err := writeStats(streams.Stderr, p); err != nil {
			return err
		}
	}
	if !rep.Complete() {
		return &exitError{code: 1}
	}
	return nil
}

// ticks calls view.Tick every second until the returned func is called.
func ticks(view views.Apply) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = view.Tick() // a display that cannot redraw shows the next event instead
			}
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// openProject opens the target name of the project in dir for a saved
// plan, reading only its project file (the manifests are not needed).
func openProject(ctx context.Context, streams *IO, dir, name string) (*planned, error) {
	t, err := projectTarget(dir, name)
	if err != nil {
		return nil, err
	}
	b, closer, err := openTarget(ctx, streams, dir, t)
	if err != nil {
		return nil, err
	}
	return &planned{backend: b, closer: closer, cache: cache.New(filepath.Join(dir, cache.Dir))}, nil
}
