package views

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Export shows the outcome of `amigosync export`.
type Export interface {
	// Exported shows the files written, the notes, the resources that could
	// not be exported (with the reason) and a summary.
	Exported(r ExportReport) error
	// Failed shows why nothing was exported and returns the error for Run
	// to return.
	Failed(err error) error
}

// ExportReport is what one export did.
type ExportReport struct {
	// Dir is the export directory, as given.
	Dir    string
	Result *export.Result
	// ProjectFile is the project file written into Dir ("" when Dir had
	// one); ProjectNote says what a reader of it should know.
	ProjectFile string
	ProjectNote string
	// Stale are manifests already in Dir that this export did not write.
	Stale []string
}

// NewExport returns the view for format.
func NewExport(format Format, v *View) Export {
	if format == FormatJSON {
		return &ExportJSON{view: v}
	}
	return &ExportHuman{view: v}
}

// ExportHuman lists the files written and the notes on stdout, and the
// resources that could not be exported and the summary on stderr.
type ExportHuman struct{ view *View }

// Exported prints one line per file (path, kind, name, version), the notes
// under their file, then the problems and the summary.
func (h *ExportHuman) Exported(r ExportReport) error {
	res := r.Result
	var b strings.Builder
	fmt.Fprintf(&b, "Exported target %q (%s) into %s:\n", res.Target.Name, safetext.Escape(res.Target.String()), safetext.Quote(r.Dir))
	width := len(r.ProjectFile)
	for _, w := range res.Written {
		width = max(width, len(safetext.Escape(w.Path)))
	}
	for _, w := range res.Written {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, safetext.Escape(w.Path), describeWritten(w))
		for _, n := range w.Notes {
			fmt.Fprintf(&b, "  %-*s    note: %s\n", width, "", safetext.Escape(n))
		}
	}
	if r.ProjectFile != "" {
		fmt.Fprintf(&b, "  %-*s  project file, target %q\n", width, r.ProjectFile, res.Target.Name)
		if r.ProjectNote != "" {
			fmt.Fprintf(&b, "  %-*s    note: %s\n", width, "", safetext.Escape(r.ProjectNote))
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "Note: %s.\n", safetext.Escape(n))
	}
	if len(r.Stale) > 0 {
		fmt.Fprintf(&b, "Left in place (not written by this export; plan reads them): %s\n", safetext.Escape(strings.Join(r.Stale, ", ")))
	}
	if _, err := fmt.Fprint(h.view.Stdout, b.String()); err != nil {
		return fmt.Errorf("write the files exported: %w", err)
	}
	b.Reset()
	for _, p := range res.Problems {
		fmt.Fprintf(&b, "Not exported: %s/%s: %s\n", p.Kind, safetext.Quote(p.Name), safetext.Escape(p.Reason))
	}
	fmt.Fprintf(&b, "Exported %s (%s)", count(len(res.Written), "manifest", "manifests"), res.Count())
	if len(res.Problems) > 0 {
		fmt.Fprintf(&b, "; %s could not be exported", count(len(res.Problems), "resource", "resources"))
	}
	b.WriteString(".\n")
	if _, err := fmt.Fprint(h.view.Stderr, b.String()); err != nil {
		return fmt.Errorf("write the export summary: %w", err)
	}
	return nil
}

// describeWritten reads "Agent/intake-agent v3" (and who needed it).
func describeWritten(w export.Written) string {
	s := string(w.Kind) + "/" + safetext.Quote(w.Name)
	if w.Version > 0 {
		s += fmt.Sprintf(" v%d", w.Version)
	}
	if w.NeededBy != "" {
		s += ", needed by " + safetext.Escape(w.NeededBy)
	}
	return s
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Failed returns err for main to print on stderr.
func (h *ExportHuman) Failed(err error) error { return err }

// ExportFormatVersion is the format_version of `export --output json`.
const ExportFormatVersion = "1.0"

// ExportOutput is the document `export --output json` prints. Every key is
// always present: lists are empty rather than missing, project_file is ""
// when the directory had one, error is "" unless the export failed.
type ExportOutput struct {
	FormatVersion string           `json:"format_version"`
	Target        plan.Target      `json:"target"`
	Dir           string           `json:"dir"`
	Written       []export.Written `json:"written"`
	ProjectFile   string           `json:"project_file"`
	Problems      []export.Problem `json:"problems"`
	Notes         []string         `json:"notes"`
	Stale         []string         `json:"stale"`
	Summary       map[string]int   `json:"summary"`
	Error         string           `json:"error"`
}

// ExportJSON prints one ExportOutput on stdout and nothing on stderr.
type ExportJSON struct{ view *View }

// Exported prints the document.
func (j *ExportJSON) Exported(r ExportReport) error {
	res := r.Result
	out := ExportOutput{FormatVersion: ExportFormatVersion, Target: res.Target, Dir: r.Dir, Written: res.Written,
		ProjectFile: r.ProjectFile, Problems: res.Problems, Notes: res.Notes, Stale: r.Stale,
		Summary: map[string]int{"written": len(res.Written), "problems": len(res.Problems)}}
	for _, k := range spec.Kinds() {
		out.Summary[k.Dir] = 0
	}
	for _, w := range res.Written {
		if info, ok := spec.KindOf(w.Kind); ok {
			out.Summary[info.Dir]++
		}
	}
	if r.ProjectNote != "" {
		out.Notes = append(append([]string{}, out.Notes...), r.ProjectNote)
	}
	return writeJSON(j.view.Stdout, withLists(out))
}

// withLists replaces nil lists by empty ones, so that every key holds a
// list.
func withLists(o ExportOutput) ExportOutput {
	o.Written = append([]export.Written{}, o.Written...)
	for i := range o.Written {
		if o.Written[i].Notes == nil {
			o.Written[i].Notes = []string{}
		}
	}
	if o.Problems == nil {
		o.Problems = []export.Problem{}
	}
	if o.Notes == nil {
		o.Notes = []string{}
	}
	if o.Stale == nil {
		o.Stale = []string{}
	}
	if o.Summary == nil {
		o.Summary = map[string]int{}
	}
	return o
}

// Failed prints a document holding only the error and returns a
// [ShownError].
func (j *ExportJSON) Failed(err error) error {
	if werr := writeJSON(j.view.Stdout, withLists(ExportOutput{FormatVersion: ExportFormatVersion, Error: err.Error()})); werr != nil {
		return fmt.Errorf("%w (and %w)", err, werr)
	}
	return &ShownError{Err: err}
}
