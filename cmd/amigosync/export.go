package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ExportCmd writes the live state of a target as manifests.
type ExportCmd struct {
	Target  string   `help:"Target of the project file to export (default: default_target, or the only target)."`
	Dir     string   `default:"." help:"Directory to write the manifests into (created when missing). Its amigosync.yaml, if any, names the target; else the current directory's does."`
	Only    []string `help:"Export only this resource and what it needs, as Kind/name (e.g. Service/patient-intake); repeatable."`
	Force   bool     `help:"Write into a directory that already holds files, replacing the manifests export writes."`
	Refresh bool     `help:"Ignore the version cache (.amigosync/cache/) and read every version again."`
	Output  string   `enum:"text,json" default:"text" help:"Output format: text, or json (versioned; see the README)."`
}

// Help explains export.
func (ExportCmd) Help() string {
	return `Reads the live state of the target (every agent and context graph that is not
deprecated, the latest version of each through the version cache, and every
service with its version sets) and writes one manifest per resource into DIR:
agents/NAME.yaml, context-graphs/NAME.yaml, services/NAME.yaml, with stable key
order, so that a second export is byte-identical and plan right after reports
no changes. References between context graphs are written by graph name when
that graph is exported too, else by id. DIR gets an amigosync.yaml naming the
target when it has none (never a credential).

A directory that holds anything but its amigosync.yaml, .amigosync/ and git's
files is refused unless --force. A resource that cannot be written as a valid
manifest is reported with the reason and the others are still written; the
exit status is then 1.`
}

// Run exports and shows what was written.
func (c *ExportCmd) Run(ctx context.Context, streams *IO) error {
	view := views.NewExport(views.Format(c.Output), streams.view())
	rep, err := c.export(ctx, streams)
	if err != nil {
		return view.Failed(err)
	}
	if err := view.Exported(*rep); err != nil {
		return err
	}
	if len(rep.Result.Problems) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// export reads the target and writes the files.
func (c *ExportCmd) export(ctx context.Context, streams *IO) (*views.ExportReport, error) {
	sel, err := selectors(c.Only)
	if err != nil {
		return nil, err
	}
	if err := export.RequireDir(c.Dir); err != nil {
		return nil, err
	}
	if !c.Force {
		if err := export.CheckEmpty(c.Dir); err != nil {
			return nil, err
		}
	}
	projectDir, hasProject, err := exportProject(c.Dir)
	if err != nil {
		return nil, err
	}
	t, err := projectTarget(projectDir, c.Target)
	if err != nil {
		return nil, err
	}
	b, closer, err := openTarget(ctx, streams, projectDir, t)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	v, err := spec.NewValidator()
	if err != nil {
		return nil, err
	}
	live, err := plan.ReadLive(ctx, b, nil, plan.ReadOptions{TargetName: t.Name, Cache: cache.New(filepath.Join(projectDir, cache.Dir)),
		Refresh: c.Refresh, All: true, ReferencesByID: true})
	if err != nil {
		return nil, fmt.Errorf("read the live state of target %q: %w", t.Name, err)
	}
	res, err := export.FromLive(v, live, sel)
	if err != nil {
		return nil, err
	}
	rep := &views.ExportReport{Dir: c.Dir, Result: res}
	files := res.Files()
	if !hasProject {
		data, err := export.ProjectFile(t.Name, t)
		if err != nil {
			return nil, err
		}
		files = append(files, export.File{Path: spec.ProjectFile, Data: data})
		rep.ProjectFile = spec.ProjectFile
		if t.Embedded {
			rep.ProjectNote = "its embedded target keeps its state under .amigosync/ beside it, so it starts empty: it is not the emulator exported from"
		}
	}
	if rep.Stale, err = export.Stale(c.Dir, files); err != nil {
		return nil, err
	}
	if err := export.WriteFiles(c.Dir, files, c.Force); err != nil {
		return nil, err
	}
	return rep, nil
}

// exportProject returns the project directory whose amigosync.yaml names
// the target: dir when it has one, else the current directory.
func exportProject(dir string) (projectDir string, inDir bool, err error) {
	switch _, err := os.Stat(filepath.Join(dir, spec.ProjectFile)); {
	case err == nil:
		return dir, true, nil
	case !errors.Is(err, os.ErrNotExist):
		return "", false, fmt.Errorf("read the project file of %s: %w", dir, err)
	}
	return ".", false, nil
}
