package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// PlanFlags are the flags that choose what is planned, shared by plan and
// apply.
type PlanFlags struct {
	Target  string   `help:"Target of the project file to plan against (default: default_target, or the only target)."`
	Only    []string `help:"Plan only this resource and what it needs, as Kind/name (e.g. Agent/intake-agent); repeatable."`
	Prune   bool     `help:"Also remove what no manifest names: version sets, then services, then containers (Classic deprecates)."`
	Refresh bool     `help:"Ignore the version cache (.amigosync/cache/) and read every version again."`
}

// planned is everything a plan was made from, for the command that shows
// or applies it. Close releases the target.
type planned struct {
	bundle  *spec.Bundle
	diags   spec.Diagnostics
	backend backend.Backend
	cache   *cache.Cache
	live    *plan.Live
	plan    *plan.Plan
	closer  io.Closer
}

// Close releases the target (the embedded emulator, if any).
func (p *planned) Close() error { return closeTarget(p.closer) }

// closeTarget releases what opening a target returned, if anything.
func closeTarget(c io.Closer) error {
	if c == nil {
		return nil
	}
	return c.Close()
}

// errInvalid reports manifests that did not validate; their diagnostics
// have already been shown.
var errInvalid = errors.New("the manifests are invalid")

// makePlan validates the manifests, opens the target, reads the live state
// through the version cache and makes the plan. When the manifests are
// invalid it returns the diagnostics and errInvalid without touching the
// API; plan-time problems (a pin to a missing version...) come back as
// diagnostics too, with the plan.
func makePlan(ctx context.Context, streams *IO, dir string, f PlanFlags) (*planned, error) {
	sel, err := selectors(f.Only)
	if err != nil {
		return nil, err
	}
	v, err := spec.NewValidator()
	if err != nil {
		return nil, err
	}
	bundle, diags, err := v.ValidateDir(dir, spec.Options{Target: f.Target})
	if err != nil {
		return nil, err
	}
	p := &planned{bundle: bundle, diags: diags}
	if diags.HasErrors() {
		return p, errInvalid
	}
	if err := onlyKnown(bundle, sel); err != nil {
		return p, err
	}
	b, closer, err := openTarget(ctx, streams, dir, bundle.Target)
	if err != nil {
		return p, err
	}
	p.backend, p.closer = b, closer
	p.cache = cache.New(filepath.Join(dir, cache.Dir))
	p.live, err = plan.ReadLive(ctx, b, bundle, plan.ReadOptions{TargetName: bundle.Target.Name, Cache: p.cache, Refresh: f.Refresh})
	if err != nil {
		return p, fmt.Errorf("read the live state of target %q: %w", bundle.Target.Name, err)
	}
	var planDiags spec.Diagnostics
	p.plan, planDiags = plan.Make(bundle, p.live, plan.Options{ToolVersion: Version, Prune: f.Prune, Only: sel})
	p.diags = append(p.diags, planDiags...)
	p.diags.Sort()
	return p, nil
}

// openTarget opens target t of the project in dir. The clients' waits
// for rate limits reach apply's progress (outside an apply they are not
// shown).
func openTarget(ctx context.Context, streams *IO, dir string, t spec.Target) (backend.Backend, io.Closer, error) {
	return target.Open(ctx, target.Options{Dir: dir, Target: t, Getenv: streams.Getenv, OnWait: apply.OnWait})
}

// selectors parses the --only values.
func selectors(only []string) ([]plan.Selector, error) {
	var out []plan.Selector
	for _, o := range only {
		s, err := plan.ParseSelector(o)
		if err != nil {
			return nil, fmt.Errorf("--only %w", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// onlyKnown refuses an --only that names no manifest: a typo would
// otherwise plan nothing and look like "no changes".
func onlyKnown(b *spec.Bundle, sel []plan.Selector) error {
	for _, s := range sel {
		if b.Locate(s.Kind, s.Name) == (spec.Range{}) {
			return fmt.Errorf("--only %s: no %s manifest is called %q", s, s.Kind.Noun(), s.Name)
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal: a character device with
// terminal settings (/dev/null is a character device, not a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && isTTY(f.Fd())
}

// useColor says whether to colour output written to w: only on a
// terminal, and never when NO_COLOR is set (https://no-color.org).
func useColor(w io.Writer, getenv func(string) string) bool {
	return isTerminal(w) && (getenv == nil || getenv("NO_COLOR") == "")
}
