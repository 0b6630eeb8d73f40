package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// errMigrateNotTTY refuses to apply a migration without confirmation when
// none can be asked.
var errMigrateNotTTY = errors.New("stdin is not a terminal, so migrate cannot ask for confirmation; review the plan and the report, then run migrate again with --auto-approve")

// applyAll applies the migration round by round: while some older version
// is not in the workspace, the oldest of each container (Result.Rounds),
// then the manifests of OUT (the latest versions and the services). Each
// round is planned against the workspace as it then is and shown; the
// first non-empty one is confirmed, for all. After each round the versions
// created are recorded in the id map and idmap.json is written, so an
// interrupted migration keeps what it did and the next run resumes it.
// changed says whether any plan had a step.
func (c *MigrateCmd) applyAll(ctx context.Context, streams *IO, m *migration, mv *views.Migrate) (changed bool, err error) {
	view := views.NewApply(views.FormatText, views.ApplyOptions{Live: isTerminal(streams.Stdout), Color: useColor(streams.Stdout, streams.Getenv)}, streams.view())
	total := len(m.res.Rounds()) + 1
	confirmed := c.AutoApprove
	for i := 1; ; i++ {
		rounds := m.res.Rounds()
		final := len(rounds) == 0
		if err := mv.Round(i, total, final); err != nil {
			return changed, err
		}
		p, err := c.planRound(ctx, m, view, rounds, final)
		if err != nil {
			return changed, err
		}
		if !p.plan.Empty() && !confirmed {
			if err := errors.Join(mv.Later(max(total-i, 0)), c.confirm(ctx, streams)); err != nil {
				return changed, err
			}
			confirmed = true
		}
		changed = changed || !p.plan.Empty()
		err = (&ApplyCmd{Parallelism: c.Parallelism}).execute(ctx, streams, view, p)
		// What was applied is recorded even after a Ctrl-C (which cancels
		// ctx): the next run then adopts it from idmap.json.
		if err := errors.Join(err, c.record(context.WithoutCancel(ctx), m)); err != nil {
			return changed, err
		}
		if final {
			return changed, nil
		}
		if len(m.res.Rounds()) >= len(rounds) {
			return changed, fmt.Errorf("round %d was applied, but the workspace does not show the versions it created; run migrate again to resume", i)
		}
	}
}

// confirm asks once whether to apply the migration.
func (c *MigrateCmd) confirm(ctx context.Context, streams *IO) error {
	err := confirm(ctx, streams)
	if errors.Is(err, errNotTTY) {
		return errMigrateNotTTY
	}
	return err
}

// planRound plans the first round of rounds, or with final the ready
// manifests (their pins mapped through the id map as it now is), against
// the workspace, and shows the plan.
func (c *MigrateCmd) planRound(ctx context.Context, m *migration, view views.Apply, rounds []migrate.Manifests, final bool) (*planned, error) {
	var ms migrate.Manifests
	if final {
		var err error
		if ms, err = m.res.Manifests(migrate.Ready); err != nil {
			return nil, err
		}
	} else {
		ms = rounds[0]
	}
	bundle := &spec.Bundle{Target: m.to, Agents: ms.Agents, ContextGraphs: ms.ContextGraphs, Services: ms.Services}
	lv, err := plan.ReadLive(ctx, m.dst, bundle, plan.ReadOptions{TargetName: m.to.Name, Cache: m.cache})
	if err != nil {
		return nil, fmt.Errorf("read the live state of target %q: %w", m.to.Name, err)
	}
	pl, diags := plan.Make(bundle, lv, plan.Options{ToolVersion: Version})
	if diags.HasErrors() {
		return nil, errors.Join(view.Diagnostics(bundle, diags), &exitError{code: 1})
	}
	if err := errors.Join(view.Diagnostics(bundle, diags), view.Plan(pl)); err != nil {
		return nil, err
	}
	return &planned{bundle: bundle, diags: diags, backend: m.dst, cache: m.cache, live: lv, plan: pl}, nil
}

// record finds the versions and services the workspace now holds, records
// them in the id map and writes idmap.json.
func (c *MigrateCmd) record(ctx context.Context, m *migration) error {
	if _, err := live.Resume(ctx, m.dst, m.cache, m.res, nil); err != nil {
		return fmt.Errorf("record what was applied: %w", err)
	}
	data, err := live.IDMapData(m.res.IDMap)
	if err != nil {
		return err
	}
	return export.WriteFiles(c.Dir, []export.File{{Path: live.IDMapFile, Data: data}}, true)
}
