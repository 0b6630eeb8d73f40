package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/promote"
	"github.com/amigosync/amigosync/pkg/spec"
)

// RepinFlags are the flags promote and rollback share: where the project
// is, whether to ask, how to show it, and whether to edit the manifest.
type RepinFlags struct {
	Write       bool   `help:"Also set the pins in the Service manifest of the project (in place: comments and layout kept), so that git matches the live state."`
	AutoApprove bool   `help:"Apply without asking for confirmation; required when stdin is not a terminal."`
	Output      string `enum:"text,json" default:"text" help:"Output format: text, or json (one event per line, as apply's)."`
}

// openSide opens target t of the project in dir as a promote.Side, with
// the project's version cache.
func openSide(ctx context.Context, streams *IO, dir string, t spec.Target) (promote.Side, io.Closer, error) {
	b, closer, err := openTarget(ctx, streams, dir, t)
	if err != nil {
		return promote.Side{}, nil, err
	}
	return promote.Side{Name: t.Name, Backend: b, Cache: cache.New(filepath.Join(dir, cache.Dir))}, closer, nil
}

// closers closes every closer it holds.
type closers []io.Closer

// Close closes them all, joining their errors.
func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		if c != nil {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// repinView is apply's view for promote and rollback; noChanges is what
// an empty plan says.
func repinView(streams *IO, f RepinFlags, noChanges string) views.Apply {
	format := views.Format(f.Output)
	return views.NewApply(format, views.ApplyOptions{
		Live: format == views.FormatText && isTerminal(streams.Stdout), Color: useColor(streams.Stdout, streams.Getenv), NoChanges: noChanges,
	}, streams.view())
}

// repin shows the plan of a promote or rollback, confirms it, applies it
// with apply's guards and progress, and then, with --write, sets the pins
// in the Service manifest. manifest is the manifest to edit (nil without
// --write); it was found before anything was applied.
func repin(ctx context.Context, streams *IO, command string, f RepinFlags, view views.Apply, side promote.Side, res *promote.Result, manifest *serviceManifest) error {
	if err := view.Plan(res.Plan); err != nil {
		return err
	}
	if !res.Plan.Empty() && !f.AutoApprove {
		if err := confirmCommand(ctx, streams, command); err != nil {
			return view.Failed(err)
		}
	}
	p := &planned{backend: side.Backend, cache: side.Cache, live: res.Live, plan: res.Plan}
	run := ApplyCmd{Parallelism: apply.DefaultParallelism}
	if err := run.execute(ctx, streams, view, p); err != nil {
		return err
	}
	if manifest == nil {
		return nil
	}
	changed, err := manifest.write(res.Set, res.Pins)
	if err != nil {
		return view.Failed(fmt.Errorf("the version set was changed live, but the manifest was not: %w", err))
	}
	if changed && views.Format(f.Output) == views.FormatText {
		_, err = fmt.Fprintf(streams.Stdout, "\nWrote the pins of version set %s to %s.\n", res.Set, manifest.file)
	}
	return err
}

// serviceManifest is the Service manifest --write edits.
type serviceManifest struct {
	file string
	pos  spec.Pos
}

// findServiceManifest validates the project in dir (for the target
// called target) and finds the Service manifest called name, so that
// --write is refused before anything is applied when it could not be
// done.
func findServiceManifest(dir, target, name string) (*serviceManifest, error) {
	v, err := spec.NewValidator()
	if err != nil {
		return nil, err
	}
	bundle, diags, err := v.ValidateDir(dir, spec.Options{Target: target})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		errs, _ := diags.Count()
		return nil, fmt.Errorf("--write: the manifests in %s have %d errors (run amigosync validate %s); fix them first", dir, errs, dir)
	}
	svc, ok := bundle.Service(name)
	if !ok {
		return nil, fmt.Errorf("--write: no Service manifest in %s is called %s", dir, name)
	}
	return &serviceManifest{file: svc.Source.File, pos: svc.Source.Pos}, nil
}

// write sets the pins of version set name in the manifest.
func (m *serviceManifest) write(name string, set spec.VersionSet) (bool, error) {
	return promote.WriteManifest(m.file, m.pos, name, set)
}
