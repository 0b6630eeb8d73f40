package migrate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteJSON writes the report as migration-report.json: indented,
// versioned by format_version.
func (r *Report) WriteJSON(w io.Writer) error { return writeIndented(w, r, "the migration report") }

// WriteJSON writes the map as idmap.json: indented, versioned by
// format_version; ParseIDMap reads it back.
func (m *IDMap) WriteJSON(w io.Writer) error { return writeIndented(w, m, "the id map") }

// writeIndented writes v as indented JSON; what names it in the error.
func writeIndented(w io.Writer, v any, what string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

// WriteMarkdown writes the report as migration-report.md: a summary table,
// then per resource what cannot move (with the fixes), what is transformed
// and what is carried over.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	r.markdownSummary(bw)
	for i := range r.Resources {
		markdownResource(bw, &r.Resources[i])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write the migration report: %w", err)
	}
	return nil
}

func (r *Report) markdownSummary(w *bufio.Writer) {
	w.WriteString("# Migration report\n\n")
	from := "A Classic organization"
	if r.Organization != "" {
		from = fmt.Sprintf("Classic organization `%s`", r.Organization)
	}
	to := "a Platform workspace"
	if r.Workspace != nil {
		to = fmt.Sprintf("Platform workspace `%s`", r.Workspace.ID)
	}
	fmt.Fprintf(w, "%s to %s: %s, %d ready, %d blocked.\n\n", from, to, count(r.Summary.Resources, "resource"), r.Summary.Ready, r.Summary.Blocked)
	if r.Workspace != nil && r.Workspace.Forced {
		fmt.Fprintf(w, "**Forced** (`--force`): the workspace's backend_org_id is `%s`, not the organization's id.\n\n", r.Workspace.BackendOrgID)
	}
	versions := "the versions some version set pins, plus the latest"
	if r.Options.AllVersions {
		versions = "every version"
	}
	refs := "references between graphs block (no `--inline-references`)"
	if r.Options.InlineReferences {
		refs = "references between graphs are inlined"
	}
	mapFile := "no mapping file"
	if r.Options.MapFile != "" {
		mapFile = fmt.Sprintf("mapping file `%s`", r.Options.MapFile)
	}
	fmt.Fprintf(w, "Migrated: %s; %s; %s.\n\n", versions, refs, mapFile)
	w.WriteString("Fields a resource's findings do not name are carried over as is. A blocked resource is not applied: resolve its blocking findings (in Classic, or with rules in a mapping file) and migrate again.\n\n")
	w.WriteString("| Resource | Status | Versions (Classic → Platform) |\n| --- | --- | --- |\n")
	for _, res := range r.Resources {
		fmt.Fprintf(w, "| %s | %s | %s |\n", resourceTitle(&res), statusWord(res.Status), versionList(res.Versions))
	}
}

func markdownResource(w *bufio.Writer, res *ResourceReport) {
	fmt.Fprintf(w, "\n## %s\n\n", resourceTitle(res))
	fmt.Fprintf(w, "Classic id `%s`; %s.", res.ClassicID, statusWord(res.Status))
	if len(res.Versions) > 0 {
		fmt.Fprintf(w, " Versions: %s.", versionList(res.Versions))
	}
	if len(res.NotMigrated) > 0 {
		them := "them and they are not"
		if len(res.NotMigrated) == 1 {
			them = "it and it is not"
		}
		fmt.Fprintf(w, " Not migrated: %s (no version set pins %s the latest; `--all-versions` copies every version).", intList(res.NotMigrated, ""), them)
	}
	w.WriteString("\n")
	all := make([]int, 0, len(res.Versions))
	for _, v := range res.Versions {
		all = append(all, v.Classic)
	}
	for _, o := range []struct {
		outcome Outcome
		title   string
	}{{CannotMove, "Cannot move"}, {Transformed, "Transformed"}} {
		var list []Finding
		for _, f := range res.Findings {
			if f.Outcome == o.outcome {
				list = append(list, f)
			}
		}
		if len(list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n### %s\n\n", o.title)
		for _, f := range list {
			markdownFinding(w, f, all)
		}
	}
	var kept []string
	for _, f := range res.Findings {
		if f.Outcome == Carried {
			kept = append(kept, "`"+f.Field+"`"+versionsSuffix(f.Versions, all))
		}
	}
	if len(kept) > 0 {
		fmt.Fprintf(w, "\n### Carried over\n\n%s\n", strings.Join(kept, ", "))
	}
}

func markdownFinding(w *bufio.Writer, f Finding, all []int) {
	w.WriteString("- ")
	if f.Blocking {
		w.WriteString("**blocking** ")
	}
	fmt.Fprintf(w, "`%s`%s: %s\n", f.Field, versionsSuffix(f.Versions, all), f.Detail)
	if f.Fix != "" {
		fmt.Fprintf(w, "  - Fix: %s\n", f.Fix)
	}
}

// versionsSuffix names the versions of a finding, unless it is about every
// migrated version (or the resource as a whole).
func versionsSuffix(vs, all []int) string {
	if len(vs) == 0 || slices.Equal(vs, all) {
		return ""
	}
	return " (" + intList(vs, "v") + ")"
}

func resourceTitle(r *ResourceReport) string {
	return fmt.Sprintf("%s `%s`", r.Kind.Noun(), r.Name)
}

func statusWord(s Status) string {
	if s == Blocked {
		return "**blocked**"
	}
	return string(s)
}

func versionList(vs []VersionMapping) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprintf("%d → %d", v.Classic, v.Platform)
	}
	return strings.Join(parts, ", ")
}

func intList(ns []int, prefix string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = prefix + strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
