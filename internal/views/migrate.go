package views

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/migrate"
)

// Migrate shows what `amigosync migrate` does before it applies: what it
// read, the workspace check, the translation, what an earlier run left,
// the files written, and each round of the apply. The plans and the apply
// progress are the Apply view's.
type Migrate struct{ view *View }

// NewMigrate returns the view of migrate (text only).
func NewMigrate(v *View) *Migrate { return &Migrate{view: v} }

// MigrateRead is what migrate read from the organization.
type MigrateRead struct {
	Organization                    string
	Agents, ContextGraphs, Services int
	Versions                        int
	Workspace, BackendOrgID         string
	Forced                          bool
}

// Read says what was read, and how the workspace check went.
func (m *Migrate) Read(r MigrateRead) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Read Classic organization %s: %s, %s, %s (%s).\n", safetext.Quote(r.Organization),
		plural(r.Agents, "agent"), plural(r.ContextGraphs, "context graph"), plural(r.Services, "service"), plural(r.Versions, "version"))
	if r.Forced {
		fmt.Fprintf(&b, "Workspace %s has backend_org_id %s, not this organization: migrating anyway (--force).\n",
			safetext.Quote(r.Workspace), safetext.Quote(r.BackendOrgID))
	} else {
		fmt.Fprintf(&b, "Workspace %s maps to it (backend_org_id %s).\n", safetext.Quote(r.Workspace), safetext.Quote(r.BackendOrgID))
	}
	return m.write(b.String())
}

// Translated summarises the report: the blocked resources and the first
// thing blocking each.
func (m *Migrate) Translated(rep *migrate.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Translated %s: %d ready, %d blocked.\n", plural(rep.Summary.Resources, "resource"), rep.Summary.Ready, rep.Summary.Blocked)
	for i := range rep.Resources {
		r := &rep.Resources[i]
		if r.Status != migrate.Blocked {
			continue
		}
		why := "it needs a blocked resource"
		if bl := r.Blocking(); len(bl) > 0 {
			why = fmt.Sprintf("%s: %s", bl[0].Field, bl[0].Detail)
			if len(bl) > 1 {
				why += fmt.Sprintf(" (and %d more)", len(bl)-1)
			}
		}
		fmt.Fprintf(&b, "  blocked %s %s: %s\n", r.Kind.Noun(), safetext.Quote(r.Name), safetext.Escape(why))
	}
	return m.write(b.String())
}

// Resumed says what the workspace already holds of the migration.
func (m *Migrate) Resumed(adopted, found int, dropped []string) error {
	var b strings.Builder
	if adopted+found > 0 {
		fmt.Fprintf(&b, "Already in the workspace: %s (%d from idmap.json, %d found by content).\n", plural(adopted+found, "Classic version"), adopted, found)
	}
	for _, d := range dropped {
		fmt.Fprintf(&b, "  %s\n", safetext.Escape(d))
	}
	return m.write(b.String())
}

// Wrote lists what was written to dir, and the manifests there that
// migrate did not write and left alone.
func (m *Migrate) Wrote(dir string, ready, blocked int, kept []string) error {
	var b strings.Builder
	blockedPart := ""
	if blocked > 0 {
		blockedPart = fmt.Sprintf(" and %s (commented out, as NAME.yaml.blocked)", plural(blocked, "blocked one"))
	}
	fmt.Fprintf(&b, "Wrote %s: %s%s, amigosync.yaml, migration-report.md, migration-report.json, idmap.json.\n",
		safetext.Quote(dir), plural(ready, "manifest"), blockedPart)
	for _, k := range kept {
		fmt.Fprintf(&b, "  left alone (not written by migrate): %s\n", safetext.Escape(k))
	}
	return m.write(b.String())
}

// Round heads one round of the apply: the older versions (i of n), or the
// final round with the latest versions and the services.
func (m *Migrate) Round(i, n int, final bool) error {
	if final {
		return m.write(fmt.Sprintf("\nRound %d of %d: the latest versions and the services.\n", i, n))
	}
	return m.write(fmt.Sprintf("\nRound %d of %d: older versions, oldest first, so Platform numbers keep the Classic order.\n", i, n))
}

// Later says, before the one confirmation, that more rounds follow the
// plan shown.
func (m *Migrate) Later(rounds int) error {
	if rounds == 0 {
		return nil
	}
	return m.write(fmt.Sprintf("\nThen %s, each planned against the workspace and shown before it is applied, with the same guards.\n", plural(rounds, "more round")))
}

// Next says what to do after a migration without --apply.
func (m *Migrate) Next(dir string) error {
	_, err := fmt.Fprintf(m.view.Stderr, "Next: review %s/migration-report.md, then run migrate again with --apply.\n", shellWord(dir))
	return err
}

// Done says the migration is complete: applied now, or (changed false)
// found in the workspace already.
func (m *Migrate) Done(dir string, changed bool) error {
	what := "Migration applied"
	if !changed {
		what = "Nothing to apply: the workspace holds the migration"
	}
	return m.write(fmt.Sprintf("\n%s; %s holds the Platform ids and versions.\n", what, shellWord(dir)+"/idmap.json"))
}

func (m *Migrate) write(s string) error {
	if _, err := fmt.Fprint(m.view.Stdout, s); err != nil {
		return fmt.Errorf("write the migration's progress: %w", err)
	}
	return nil
}
