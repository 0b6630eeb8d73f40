package main

import (
	"context"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
)

// InitCmd writes a new project.
type InitCmd struct {
	Dir string `arg:"" optional:"" default:"." help:"Directory of the new project (created when missing; it must be empty)."`
	API string `enum:"classic,platform" default:"platform" help:"API dialect of the project: platform (a workspace) or classic (an organization)."`
}

// Help explains what init writes.
func (InitCmd) Help() string {
	return `Writes a new project into DIR: amigosync.yaml with an embedded emulator
target "local" (and a commented URL target to fill in), a .gitignore for the
local state under .amigosync/, and one valid example of each kind in the
chosen dialect: agents/assistant.yaml, context-graphs/front-desk.yaml and
services/front-desk.yaml. A directory that holds anything but .git is
refused, and no file is ever overwritten.`
}

// Run writes the project.
func (c *InitCmd) Run(ctx context.Context, streams *IO) error {
	view := views.NewInit(streams.view())
	if err := ctx.Err(); err != nil {
		return view.Failed(err)
	}
	files, err := scaffold.Write(c.Dir, spec.Dialect(c.API))
	if err != nil {
		return view.Failed(err)
	}
	return view.Created(c.Dir, spec.Dialect(c.API), files)
}
