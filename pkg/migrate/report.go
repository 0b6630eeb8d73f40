package migrate

import (
	"slices"

	"github.com/amigosync/amigosync/pkg/spec"
)

// ReportFormatVersion is the version of the JSON report's format
// (migration-report.json). It changes only when a field changes meaning or
// goes away; new fields may appear within a version.
const ReportFormatVersion = 1

// Outcome says what became of a field.
type Outcome string

// The outcomes, in the order the report lists them.
const (
	// CannotMove: the field (or state, or reference) has no Platform
	// counterpart. The finding says why and how to fix it; a blocking
	// one keeps the resource from being migrated.
	CannotMove Outcome = "cannot_move"
	// Transformed: the field moves in another form; the finding says how.
	Transformed Outcome = "transformed"
	// Carried: the field moves as is.
	Carried Outcome = "carried"
)

// Status is whether a resource can be migrated.
type Status string

// The statuses.
const (
	// Ready: the resource's translation passed the Platform checks.
	Ready Status = "ready"
	// Blocked: something cannot move, or a resource it needs is
	// blocked. A blocked resource is never applied.
	Blocked Status = "blocked"
)

// Finding is what happened to one field of a resource.
type Finding struct {
	Outcome Outcome `json:"outcome"`
	// Field is the path in the Classic manifest, with state names in
	// brackets: "spec.states[greet].actions".
	Field string `json:"field"`
	// Versions are the Classic versions the finding is about; empty
	// means the resource as a whole (services have no versions).
	Versions []int  `json:"versions,omitempty"`
	Detail   string `json:"detail,omitempty"`
	// Fix is the manual change that resolves a cannot_move finding.
	Fix      string `json:"fix,omitempty"`
	Blocking bool   `json:"blocking,omitempty"`
}

// VersionMapping is one Classic version and the Platform version it
// becomes. Platform is the number it will have in a workspace that has no
// versions of the container yet; the IDMap holds the real one after apply.
type VersionMapping struct {
	Classic  int `json:"classic"`
	Platform int `json:"platform"`
}

// ResourceReport is the report about one agent, context graph or service.
type ResourceReport struct {
	Kind      spec.Kind        `json:"kind"`
	Name      string           `json:"name"`
	ClassicID string           `json:"classic_id"`
	Status    Status           `json:"status"`
	Versions  []VersionMapping `json:"versions,omitempty"`
	// NotMigrated lists the Classic versions left behind: no version
	// set pins them and they are not the latest.
	NotMigrated []int     `json:"not_migrated,omitempty"`
	Findings    []Finding `json:"findings"`
}

// Blocking returns the findings that block the resource.
func (r *ResourceReport) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Blocking {
			out = append(out, f)
		}
	}
	return out
}

// ReportOptions records the options a report was made with.
type ReportOptions struct {
	AllVersions      bool   `json:"all_versions"`
	InlineReferences bool   `json:"inline_references"`
	MapFile          string `json:"map_file,omitempty"`
}

// WorkspaceCheck is what the command found checking the workspace: its
// id and backend_org_id, and whether --force overrode a backend_org_id
// that does not name the organization.
type WorkspaceCheck struct {
	ID           string `json:"id"`
	BackendOrgID string `json:"backend_org_id"`
	Forced       bool   `json:"forced,omitempty"`
}

// Summary counts the resources of a report.
type Summary struct {
	Resources int `json:"resources"`
	Ready     int `json:"ready"`
	Blocked   int `json:"blocked"`
}

// Report is the migration report: per resource (agents, then context
// graphs, then services, each by name) and per field, what is carried over,
// what is transformed and how, and what cannot move, why and the fix.
type Report struct {
	FormatVersion int    `json:"format_version"`
	Organization  string `json:"organization,omitempty"`
	// Workspace is the Platform workspace migrated into, when the
	// command checked it (Translate leaves it nil).
	Workspace *WorkspaceCheck  `json:"workspace,omitempty"`
	Options   ReportOptions    `json:"options"`
	Summary   Summary          `json:"summary"`
	Resources []ResourceReport `json:"resources"`
}

// Resource returns the report about the resource of kind k called name.
func (r *Report) Resource(k spec.Kind, name string) (*ResourceReport, bool) {
	for i := range r.Resources {
		if r.Resources[i].Kind == k && r.Resources[i].Name == name {
			return &r.Resources[i], true
		}
	}
	return nil, false
}

// findings collects the findings of one resource. The same finding made
// for several versions is kept once, with the versions merged, in the
// order first made.
type findings struct {
	list []Finding
}

// add records f for the Classic version v (0: the resource as a whole).
func (fs *findings) add(v int, f Finding) {
	for i := range fs.list {
		g := &fs.list[i]
		if g.Outcome == f.Outcome && g.Field == f.Field && g.Detail == f.Detail && g.Fix == f.Fix && g.Blocking == f.Blocking {
			if v != 0 && !slices.Contains(g.Versions, v) {
				g.Versions = append(g.Versions, v)
				slices.Sort(g.Versions)
			}
			return
		}
	}
	f.Versions = nil
	if v != 0 {
		f.Versions = []int{v}
	}
	fs.list = append(fs.list, f)
}

// blocked reports whether any finding blocks.
func (fs *findings) blocked() bool {
	return slices.ContainsFunc(fs.list, func(f Finding) bool { return f.Blocking })
}

// sorted returns the findings ordered by outcome (cannot move first), in
// the order made within an outcome.
func (fs *findings) sorted() []Finding {
	rank := map[Outcome]int{CannotMove: 0, Transformed: 1, Carried: 2}
	out := slices.Clone(fs.list)
	slices.SortStableFunc(out, func(a, b Finding) int { return rank[a.Outcome] - rank[b.Outcome] })
	if out == nil {
		out = []Finding{}
	}
	return out
}

// note is a finding in the making: what a translation step found about
// one version, before it is recorded.
type note = Finding

func carried(field string) note { return note{Outcome: Carried, Field: field} }

func transformed(field, detail string) note {
	return note{Outcome: Transformed, Field: field, Detail: detail}
}

func lost(field, detail, fix string) note {
	return note{Outcome: CannotMove, Field: field, Detail: detail, Fix: fix}
}

func blocking(field, detail, fix string) note {
	return note{Outcome: CannotMove, Field: field, Detail: detail, Fix: fix, Blocking: true}
}
