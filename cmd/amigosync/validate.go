package main

import (
	"context"
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// ValidateCmd checks manifests offline.
type ValidateCmd struct {
	Dir    string `arg:"" optional:"" default:"." help:"Directory of manifests (default: the current directory)."`
	Target string `help:"Target of the project file to validate for (default: default_target, or the only target)."`
	Strict bool   `help:"Treat warnings (unreachable states, dead ends) as errors."`
	Output string `enum:"text,json" default:"text" help:"Output format: text (one line per problem) or json (an array)."`
}

// Help explains what validate checks.
func (ValidateCmd) Help() string {
	return `Reads every *.yaml and *.yml file under DIR (skipping hidden directories and
.amigosync/), and the project file amigosync.yaml at its root, then checks
YAML syntax, the JSON Schema of each kind for the target's API dialect, names
and patterns, every context-graph rule, references between manifests,
reference cycles, duplicate names and version pins. Nothing is sent anywhere.

Every problem is printed at once, sorted, one per line:
  file:line:col: Kind/name: message [code]
Exit status: 0 when valid (warnings allowed unless --strict), 1 otherwise.`
}

// Run validates the directory and prints the problems.
func (c *ValidateCmd) Run(ctx context.Context, streams *IO) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v, err := spec.NewValidator()
	if err != nil {
		return err
	}
	bundle, diags, err := v.ValidateDir(c.Dir, spec.Options{Target: c.Target, Strict: c.Strict})
	if err != nil {
		return err
	}
	if c.Output == "json" {
		err = spec.WriteJSON(streams.Stdout, diags)
	} else {
		err = spec.WriteText(streams.Stdout, diags)
		if err == nil {
			_, err = fmt.Fprintf(streams.Stderr, "%s (target %q, %s dialect)\n", spec.Summary(diags, bundle.Manifests), bundle.Target.Name, bundle.Dialect())
		}
	}
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return &exitError{code: 1}
	}
	return nil
}
