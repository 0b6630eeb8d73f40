package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// MigrateCmd moves a Classic organization to a Platform workspace.
type MigrateCmd struct {
	From             string `required:"" placeholder:"TARGET" help:"Classic target of the project file: the organization to migrate."`
	To               string `required:"" placeholder:"TARGET" help:"Platform target of the project file: the workspace to migrate into (its backend_org_id must name the organization)."`
	Dir              string `required:"" placeholder:"OUT" help:"Directory to write the Platform manifests, the report and idmap.json to: new, empty, or the output of an earlier migrate (updated)."`
	Project          string `default:"." type:"path" help:"The project directory whose amigosync.yaml names the targets (default: the current directory)."`
	Apply            bool   `help:"Also plan and apply the migration against the workspace: older versions first, round by round, then the latest versions and the services."`
	AutoApprove      bool   `help:"Apply without asking for confirmation; required with --apply when stdin is not a terminal."`
	Map              string `placeholder:"FILE" help:"Mapping file resolving what cannot move on its own (see the README)."`
	AllVersions      bool   `help:"Migrate every version, not only those some version set pins plus the latest."`
	InlineReferences bool   `help:"Migrate a graph that jumps into another graph by copying the referenced graph's states into it."`
	Force            bool   `help:"Migrate even when the workspace's backend_org_id does not name the organization (the report says so)."`
	Parallelism      int    `default:"4" help:"Steps in flight at most while applying."`
}

// Help explains migrate.
func (MigrateCmd) Help() string {
	return `Reads the Classic organization of --from (through the version cache), checks that the
workspace of --to maps to it (backend_org_id), translates every agent, context graph and
service to the Platform dialect, and writes to OUT: the manifests (blocked ones commented
out, with why), amigosync.yaml naming the Platform target, migration-report.md,
migration-report.json and idmap.json. Nothing is written to the workspace without --apply.

With --apply it plans and applies the migration: the older versions round by round, oldest
first, then the latest versions and the services; each plan is shown before it is applied,
with apply's guards, and idmap.json is written after each round. Running migrate again
creates nothing twice: what the workspace already holds (by idmap.json, or by content) shows
no changes, and an interrupted or partly blocked migration completes.

Exit status: 0 done, 1 an error (a refused workspace, a failed or declined apply).`
}

// migration is what one run of migrate works with. Close releases the
// targets.
type migration struct {
	to          spec.Target
	src, dst    backend.Backend
	closer      io.Closer
	cache       *cache.Cache
	res         *migrate.Result
	prev        *migrate.IDMap
	sourceCount views.MigrateRead
}

// Close releases the targets.
func (m *migration) Close() error { return closeTarget(m.closer) }

// Run reads, translates, writes OUT and, with --apply, applies.
func (c *MigrateCmd) Run(ctx context.Context, streams *IO) error {
	view := views.NewMigrate(streams.view())
	if c.Parallelism < 1 {
		return fmt.Errorf("--parallelism must be 1 or more, not %d", c.Parallelism)
	}
	m, err := c.open(ctx, streams)
	if m != nil {
		defer m.Close()
	}
	if err != nil {
		return err
	}
	if err := c.translate(ctx, m, view); err != nil {
		return err
	}
	if err := c.write(m, view); err != nil {
		return err
	}
	if !c.Apply {
		return view.Next(c.Dir)
	}
	changed, err := c.applyAll(ctx, streams, m, view)
	if err != nil {
		return err
	}
	if err := c.write(m, nil); err != nil {
		return err
	}
	return view.Done(c.Dir, changed)
}

// open reads the targets of the project file, opens them and checks OUT.
func (c *MigrateCmd) open(ctx context.Context, streams *IO) (*migration, error) {
	from, err := projectTarget(c.Project, c.From)
	if err != nil {
		return nil, fmt.Errorf("--from: %w", err)
	}
	to, err := projectTarget(c.Project, c.To)
	if err != nil {
		return nil, fmt.Errorf("--to: %w", err)
	}
	if from.API != spec.DialectClassic || to.API != spec.DialectPlatform {
		return nil, fmt.Errorf("migrate moves a classic organization to a platform workspace, but target %q is on the %s API and target %q on the %s API", from.Name, from.API, to.Name, to.API)
	}
	prev, err := live.PrepareDir(c.Dir)
	if err != nil {
		return nil, err
	}
	src, dst, closer, err := target.OpenPair(ctx, target.Options{Dir: c.Project, Getenv: streams.Getenv, OnWait: apply.OnWait}, from, to)
	if err != nil {
		return nil, err
	}
	return &migration{to: to, src: src, dst: dst, closer: closer, prev: prev, cache: cache.New(filepath.Join(c.Project, cache.Dir))}, nil
}

// translate checks the workspace, reads the organization, translates it
// and finds what the workspace already holds of it.
func (c *MigrateCmd) translate(ctx context.Context, m *migration, view *views.Migrate) error {
	ws, err := backend.ReadWorkspace(ctx, m.dst)
	if err != nil {
		return err
	}
	org := m.src.Info().Scope
	check := live.CheckWorkspace(ws, org)
	if check != nil && !c.Force {
		return check
	}
	src, err := live.ReadSource(ctx, m.src, live.ReadOptions{Cache: m.cache, AllVersions: c.AllVersions, InlineReferences: c.InlineReferences})
	if err != nil {
		return err
	}
	read := views.MigrateRead{Organization: org, Agents: len(src.Agents), ContextGraphs: len(src.ContextGraphs), Services: len(src.Services),
		Versions: versionsRead(src), Workspace: ws.ID, BackendOrgID: ws.BackendOrgID, Forced: check != nil}
	if err := view.Read(read); err != nil {
		return err
	}
	opts := migrate.Options{AllVersions: c.AllVersions, InlineReferences: c.InlineReferences}
	if c.Map != "" {
		data, err := os.ReadFile(c.Map)
		if err != nil {
			return fmt.Errorf("read the mapping file: %w", err)
		}
		if opts.Map, err = migrate.ParseMap(c.Map, data); err != nil {
			return err
		}
	}
	if m.res, err = migrate.Translate(src, opts); err != nil {
		return err
	}
	m.res.Report.Workspace = &migrate.WorkspaceCheck{ID: ws.ID, BackendOrgID: ws.BackendOrgID, Forced: check != nil}
	if err := view.Translated(m.res.Report); err != nil {
		return err
	}
	resumed, err := live.Resume(ctx, m.dst, m.cache, m.res, m.prev)
	if err != nil {
		return err
	}
	return view.Resumed(resumed.Adopted, resumed.Found, resumed.Dropped)
}

// versionsRead counts the versions read of every container.
func versionsRead(src migrate.Source) int {
	n := 0
	for _, a := range src.Agents {
		n += len(a.Versions)
	}
	for _, g := range src.ContextGraphs {
		n += len(g.Versions)
	}
	return n
}

// write writes OUT (again after an apply, with the real version numbers)
// and removes the manifests an earlier run wrote that this one does not;
// view, when not nil, says what was written.
func (c *MigrateCmd) write(m *migration, view *views.Migrate) error {
	files, err := live.Files(m.res, c.To, m.to)
	if err != nil {
		return err
	}
	// PrepareDir has refused a directory that is not new, empty or an
	// earlier output, so migrate's own files are overwritten here.
	if err := export.WriteFiles(c.Dir, files, true); err != nil {
		return err
	}
	kept, err := live.RemoveStale(c.Dir, files)
	if err != nil || view == nil {
		return err
	}
	ready, blocked := 0, 0
	for _, f := range files {
		switch {
		case strings.HasSuffix(f.Path, live.BlockedSuffix):
			blocked++
		case strings.Contains(f.Path, "/"): // the manifests are in the kinds' directories
			ready++
		}
	}
	return view.Wrote(c.Dir, ready, blocked, kept)
}
