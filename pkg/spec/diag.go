package spec

import (
	"fmt"
	"sort"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
)

// Severity says whether a Diagnostic makes the manifests invalid.
type Severity int

// The severities, from least to most serious.
const (
	// SeverityWarning reports something suspicious that does not stop an apply
	// (unless validation runs with Strict).
	SeverityWarning Severity = iota + 1
	// SeverityError makes the manifests invalid.
	SeverityError
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	default:
		return fmt.Sprintf("severity(%d)", int(s))
	}
}

// MarshalText renders the severity as its name in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Pos is a 1-based line and column (in characters) in a file. The zero
// Pos means "unknown".
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"column"`
}

// Range is the part of a file a Diagnostic is about. End is just past the
// last character (it equals Start when only a position is known).
//
// The JSON tags here and on Diagnostic are the documented form of a
// diagnostic in `validate --output json` (README, "JSON output"), named
// like Terraform's: change them only with that format's version.
type Range struct {
	File  string `json:"filename"`
	Start Pos    `json:"start"`
	End   Pos    `json:"end"`
}

// String renders the range as file:line:col (or just file when the position
// is unknown). A file name that could forge a line or be misread (a
// newline, an escape sequence, ": ") is quoted.
func (r Range) String() string {
	if r.Start.Line == 0 {
		return safetext.Quote(r.File)
	}
	return fmt.Sprintf("%s:%d:%d", safetext.Quote(r.File), r.Start.Line, r.Start.Col)
}

// Diagnostic is one problem found in the manifests.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Code is a stable identifier of the rule that fired (see codes.go).
	Code string `json:"code"`
	// Summary is the one-line message.
	Summary string `json:"summary"`
	// Detail optionally explains the rule or how to fix the problem.
	Detail string `json:"detail"`
	Range  Range  `json:"range"`
	// Kind and Name identify the manifest (empty for file-level problems).
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// String renders the diagnostic as one line:
// "file:line:col: Kind/name: message [code]", with "warning: " before the
// message of warnings. It is always one line without terminal codes,
// whatever the manifests and file names hold: a file name, kind or name
// that is not plain is quoted, and control characters left in the
// message are escaped (see internal/safetext).
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Range.String())
	b.WriteString(": ")
	if d.Kind != "" {
		b.WriteString(safetext.Quote(d.Kind))
		if d.Name != "" {
			b.WriteString("/")
			b.WriteString(safetext.Quote(d.Name))
		}
		b.WriteString(": ")
	}
	if d.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(safetext.Escape(d.Summary))
	if d.Code != "" {
		b.WriteString(" [")
		b.WriteString(safetext.Escape(d.Code))
		b.WriteString("]")
	}
	return b.String()
}

// Diagnostics is a list of problems; the zero value is an empty list.
type Diagnostics []Diagnostic

// Append adds diagnostics to the list.
func (ds *Diagnostics) Append(more ...Diagnostic) { *ds = append(*ds, more...) }

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errs, warnings int) {
	for _, d := range ds {
		switch d.Severity {
		case SeverityError:
			errs++
		case SeverityWarning:
			warnings++
		}
	}
	return errs, warnings
}

// Sort orders the diagnostics by file, position, code and message, so that
// output is stable.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Range.File != b.Range.File {
			return a.Range.File < b.Range.File
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Col != b.Range.Start.Col {
			return a.Range.Start.Col < b.Range.Start.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Summary < b.Summary
	})
}
