package main

import (
	"context"
	"fmt"

	"github.com/amigosync/amigosync/pkg/promote"
)

// RollbackCmd re-pins a version set to earlier versions.
type RollbackCmd struct {
	Service    string `arg:"" help:"The service whose version set to roll back."`
	Dir        string `arg:"" optional:"" default:"." help:"Project directory: its amigosync.yaml names the target, and --write edits its Service manifest (default: the current directory)."`
	Set        string `required:"" placeholder:"SET" help:"Version set to roll back (e.g. release)."`
	To         string `placeholder:"N|agent=N,graph=M" help:"Version to pin: N for both the agent and the context graph, or agent=N,graph=M (either part alone moves only that pin)."`
	Previous   bool   `help:"Pin the highest version below each current pin."`
	AgentOnly  bool   `help:"Move only the agent pin."`
	GraphOnly  bool   `help:"Move only the context graph pin."`
	Target     string `help:"Target of the project file (default: default_target, or the only target)."`
	RepinFlags `embed:""`
}

// Help explains rollback.
func (RollbackCmd) Help() string {
	return `Re-pins version set --set of SERVICE to versions that exist: --previous pins
the highest version below each current pin (latest standing for the latest
version's number); --to N pins version N of both the agent and the context graph;
agent and context graph versions are numbered apart, so --to agent=N,graph=M pins
each its own number, and --to agent=N alone (or --agent-only --to N) moves only the
agent pin. --agent-only and --graph-only leave the other pin as it is.

A version that does not exist, or no earlier version for --previous, is refused.
The change is shown as a plan, confirmed (on a terminal; elsewhere --auto-approve is
required) and applied with apply's guards, as promote does; --write sets the pins
that moved in the Service manifest too.

Exit status: 0 done (or nothing to do), 1 an error, a refusal or a conflict.`
}

// Run plans the rollback, confirms, applies and writes the manifest.
func (c *RollbackCmd) Run(ctx context.Context, streams *IO) error {
	view := repinView(streams, c.RepinFlags,
		fmt.Sprintf("No changes. Version set %s of service %s already pins those versions.", c.Set, c.Service))
	rb, err := promote.ParseRollback(c.To, c.Previous, c.AgentOnly, c.GraphOnly)
	if err != nil {
		return view.Failed(err)
	}
	t, err := projectTarget(c.Dir, c.Target)
	if err != nil {
		return view.Failed(err)
	}
	var manifest *serviceManifest
	if c.Write {
		if manifest, err = findServiceManifest(c.Dir, t.Name, c.Service); err != nil {
			return view.Failed(err)
		}
	}
	side, closer, err := openSide(ctx, streams, c.Dir, t)
	if closer != nil {
		defer closer.Close()
	}
	if err != nil {
		return view.Failed(err)
	}
	res, err := promote.RollBack(ctx, promote.RollbackRequest{Service: c.Service, Set: c.Set, Rollback: rb, Side: side, ToolVersion: Version})
	if err != nil {
		return view.Failed(err)
	}
	return repin(ctx, streams, "rollback", c.RepinFlags, view, side, res, manifest)
}
