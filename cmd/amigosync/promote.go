package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/promote"
	"github.com/amigosync/amigosync/pkg/spec"
)

// PromoteCmd sets one version set of a service to what another pins.
type PromoteCmd struct {
	Service    string `arg:"" help:"The service whose version set to promote."`
	Dir        string `arg:"" optional:"" default:"." help:"Project directory: its amigosync.yaml names the targets, and --write edits its Service manifest (default: the current directory)."`
	From       string `required:"" placeholder:"SET" help:"Version set to promote (as it is live, e.g. staging)."`
	To         string `required:"" placeholder:"SET" help:"Version set to change (e.g. release); created when absent."`
	Target     string `help:"Target of the project file (default: default_target, or the only target)."`
	FromTarget string `placeholder:"TARGET" help:"Across targets: the target whose --from set is read (with --to-target)."`
	ToTarget   string `placeholder:"TARGET" help:"Across targets: the target whose --to set is changed; it gets copies of the versions --from pins."`
	RepinFlags `embed:""`
}

// Help explains promote.
func (PromoteCmd) Help() string {
	return `Reads version set --from of SERVICE live, resolves its pins to numbers (latest
becomes the latest version's number) and sets version set --to to those numbers:
shown as a plan, confirmed (on a terminal; elsewhere --auto-approve is required) and
applied with apply's guards: a --to set that moved since it was read is a conflict
and nothing is written. Only the two pins change; the set's LLM model preferences
stay. A --from set that does not exist, or pins a version that does not exist, is
refused.

Across targets (--from-target A --to-target B, two targets of the project file of
one API), the content of the agent and context graph versions --from pins on A is
copied to B's service: an identical version there is pinned as it is, otherwise a
new version is created (guarded), and context graph references are followed by
graph name. --from and --to may then name the same set.

With --write, the pins are also set in the Service manifest of SERVICE in DIR, in
place, so that a plan afterwards shows no changes.

Exit status: 0 done (or nothing to do), 1 an error, a refusal or a conflict.`
}

// Run plans the promote, confirms, applies and writes the manifest.
func (c *PromoteCmd) Run(ctx context.Context, streams *IO) error {
	view := repinView(streams, c.RepinFlags,
		fmt.Sprintf("No changes. Version set %s of service %s already pins what %s pins.", c.To, c.Service, c.From))
	req, closer, err := c.request(ctx, streams)
	defer closer.Close()
	if err != nil {
		return view.Failed(err)
	}
	var manifest *serviceManifest
	if c.Write {
		if manifest, err = findServiceManifest(c.Dir, req.Dest.Name, c.Service); err != nil {
			return view.Failed(err)
		}
	}
	res, err := promote.Promote(ctx, req)
	if err != nil {
		return view.Failed(err)
	}
	return repin(ctx, streams, "promote", c.RepinFlags, view, req.Dest, res, manifest)
}

// request checks the flags and opens the target, or the two targets.
func (c *PromoteCmd) request(ctx context.Context, streams *IO) (promote.Request, closers, error) {
	req := promote.Request{Service: c.Service, From: c.From, To: c.To, ToolVersion: Version}
	across := c.FromTarget != "" || c.ToTarget != ""
	switch {
	case across && c.Target != "":
		return req, nil, errors.New("--target chooses one target; across targets, name both with --from-target and --to-target instead")
	case across && (c.FromTarget == "" || c.ToTarget == ""):
		return req, nil, errors.New("--from-target and --to-target go together: name the target to read and the target to change")
	case !across && c.From == c.To:
		return req, nil, fmt.Errorf("--from and --to both name version set %s: nothing to promote", c.From)
	}
	names := []string{c.Target}
	if across {
		names = []string{c.FromTarget, c.ToTarget}
	}
	var ts []spec.Target
	for _, n := range names {
		t, err := projectTarget(c.Dir, n)
		if err != nil {
			return req, nil, err
		}
		ts = append(ts, t)
	}
	if across && ts[0].Embedded && ts[1].Embedded {
		return req, nil, fmt.Errorf("targets %q and %q are both the embedded emulator of %s, one and the same place; promote within it with --target and --from/--to", ts[0].Name, ts[1].Name, c.Dir)
	}
	var cs closers
	for _, t := range ts {
		s, closer, err := openSide(ctx, streams, c.Dir, t)
		cs = append(cs, closer)
		if err != nil {
			return req, cs, err
		}
		req.Source, req.Dest = req.Dest, s
	}
	if !across {
		req.Source = req.Dest
		return req, cs, nil
	}
	if a, b := plan.TargetOf("", req.Source.Backend.Info()), plan.TargetOf("", req.Dest.Backend.Info()); a.Same(b) {
		return req, cs, fmt.Errorf("targets %q and %q are the same place (%s); promote within one target with --target and --from/--to", ts[0].Name, ts[1].Name, a)
	}
	return req, cs, nil
}
