package views

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Init shows the outcome of `amigosync init`.
type Init interface {
	// Created shows the files written into dir (relative to it) and what
	// to run next.
	Created(dir string, d spec.Dialect, files []string) error
	// Failed returns the error for main to print (on stderr).
	Failed(err error) error
}

// NewInit returns the view of init (text only: it has no --output).
func NewInit(v *View) Init { return InitHuman{view: v} }

// InitHuman lists the files on stdout and the next commands on stderr.
type InitHuman struct{ view *View }

// Created prints one line per file, then the commands to run next.
func (h InitHuman) Created(dir string, d spec.Dialect, files []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Created a %s project in %s:\n", d, safetext.Quote(dir))
	for _, f := range files {
		fmt.Fprintf(&b, "  %s\n", safetext.Escape(f))
	}
	if _, err := fmt.Fprint(h.view.Stdout, b.String()); err != nil {
		return fmt.Errorf("write the files created: %w", err)
	}
	arg := ""
	if dir != "." {
		arg = " " + shellWord(dir)
	}
	_, err := fmt.Fprintf(h.view.Stderr, "Next: amigosync validate%s, then amigosync plan%s (the embedded emulator, no credentials needed).\n", arg, arg)
	if err != nil {
		return fmt.Errorf("write the next steps: %w", err)
	}
	return nil
}

// Failed returns err for main to print on stderr.
func (h InitHuman) Failed(err error) error { return err }

// shellWord quotes s for a POSIX shell when it holds anything but plain
// path characters, so the command shown can be pasted as is.
func shellWord(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+@%:,=", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(safetext.Escape(s), "'", `'\''`) + "'"
}
