package views

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// ValidateFormatVersion is the format_version of `validate --output json`.
// A new minor version only adds keys; a new major version changes or
// removes some.
const ValidateFormatVersion = "1.0"

// Validate shows the outcome of `amigosync validate`.
type Validate interface {
	// Results shows every diagnostic of a validation of b.
	Results(b *spec.Bundle, diags spec.Diagnostics) error
	// Failed shows why no validation could run (the directory is not
	// usable) and returns the error for Run to return.
	Failed(err error) error
}

// NewValidate returns the view for format; compact chooses, for text,
// one line per problem without source snippets.
func NewValidate(format Format, compact bool, v *View) Validate {
	if format == FormatJSON {
		return &ValidateJSON{view: v}
	}
	return &ValidateHuman{view: v, compact: compact}
}

// ValidateHuman prints each problem on stdout (as
// "file:line:col: Kind/name: message [code]", followed unless compact by
// the source line and a marker under the problem) and a summary line on
// stderr.
type ValidateHuman struct {
	view    *View
	compact bool
}

// Results prints the diagnostics and the summary.
func (h *ValidateHuman) Results(b *spec.Bundle, diags spec.Diagnostics) error {
	var err error
	if h.compact {
		err = spec.WriteText(h.view.Stdout, diags)
	} else {
		err = writeDiagnostics(h.view.Stdout, diags, &b.Sources)
	}
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(h.view.Stderr, "%s (%s)\n", spec.Summary(diags, b.Manifests), b.TargetSummary()); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}

// Failed returns err for main to print on stderr.
func (h *ValidateHuman) Failed(err error) error { return err }

// ValidateJSON prints one JSON object on stdout (see [ValidateOutput]) and
// nothing on stderr.
type ValidateJSON struct{ view *View }

// ValidateOutput is the document `validate --output json` prints, shaped
// like `terraform validate -json`. Each diagnostic is spec.Diagnostic's
// JSON form: severity, code, summary, detail, range {filename, start
// {line, column}, end}, kind, name.
type ValidateOutput struct {
	FormatVersion string           `json:"format_version"`
	Valid         bool             `json:"valid"`
	ErrorCount    int              `json:"error_count"`
	WarningCount  int              `json:"warning_count"`
	Diagnostics   spec.Diagnostics `json:"diagnostics"`
}

// Results prints the document.
func (j *ValidateJSON) Results(_ *spec.Bundle, diags spec.Diagnostics) error {
	return writeJSON(j.view.Stdout, validateOutput(diags))
}

// Failed prints a document with one error diagnostic that has no code and
// no range, and returns a [ShownError].
func (j *ValidateJSON) Failed(err error) error {
	d := spec.Diagnostic{Severity: spec.SeverityError, Summary: err.Error()}
	if werr := writeJSON(j.view.Stdout, validateOutput(spec.Diagnostics{d})); werr != nil {
		return fmt.Errorf("%w (and %w)", err, werr)
	}
	return &ShownError{Err: err}
}

// validateOutput builds the document for diags.
func validateOutput(diags spec.Diagnostics) ValidateOutput {
	errs, warns := diags.Count()
	if diags == nil {
		diags = spec.Diagnostics{}
	}
	return ValidateOutput{FormatVersion: ValidateFormatVersion, Valid: errs == 0,
		ErrorCount: errs, WarningCount: warns, Diagnostics: diags}
}
