package views

import (
	"encoding/json"
	"fmt"
	"io"
)

// View holds the streams every view writes to. Commands build it from
// their IO; tests from buffers.
type View struct {
	Stdout io.Writer // results
	Stderr io.Writer // summaries and progress, for people only
}

// Format is the --output format a command's view speaks.
type Format string

// The formats. Commands offer them as a kong enum ("text,json"); any
// other value is taken as text.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// ShownError is an error a view has already shown in its own form (a JSON
// document, say): the command exits with status 1 and main prints nothing
// more. It is what Failed returns in JSON views.
type ShownError struct{ Err error }

// Error returns the cause's message.
func (e *ShownError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *ShownError) Unwrap() error { return e.Err }

// ExitCode is 1: the command failed.
func (e *ShownError) ExitCode() int { return 1 }

// writeJSON writes v as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON output: %w", err)
	}
	return nil
}

// writeJSONLine writes v as one line of JSON (JSON Lines, for commands
// that report as they run).
func writeJSONLine(w io.Writer, v any) error {
	if err := json.NewEncoder(w).Encode(v); err != nil {
		return fmt.Errorf("write JSON output: %w", err)
	}
	return nil
}
