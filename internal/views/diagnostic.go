package views

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/spec"
)

// snippetWidth is the most characters of a source line a snippet shows;
// a longer line is cut around the problem, with "..." where it was cut.
const snippetWidth = 100

// snippetLead is how many characters before the problem a cut line keeps.
const snippetLead = 40

// writeDiagnostics writes each diagnostic as its one-line form followed,
// when the line it points at was read, by that line and a marker under
// the range, like Terraform's human diagnostics; a blank line separates
// diagnostics that have a snippet from the next.
func writeDiagnostics(w io.Writer, ds spec.Diagnostics, sources *spec.Sources) error {
	var b strings.Builder
	for i, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
		if s, ok := snippet(d, sources); ok {
			b.WriteString(s)
			if i < len(ds)-1 {
				b.WriteByte('\n')
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write diagnostics: %w", err)
	}
	return nil
}

// snippet renders the source line of d with a marker under its range:
//
//	24 |           next_state: ending
//	   |                       ^^^^^^
//
// It reports false when d has no position or its file was not read.
// The line is escaped like every text from a file (a tab shows as \t), and
// the marker is placed under the escaped text.
func snippet(d spec.Diagnostic, sources *spec.Sources) (string, bool) {
	r := d.Range
	line, ok := sources.Line(r.File, r.Start.Line)
	if r.Start.Line < 1 || !ok {
		return "", false
	}
	units := displayUnits(line)
	start := min(max(r.Start.Col, 1)-1, len(units))
	end := start + 1
	if r.End.Line == r.Start.Line && r.End.Col > r.Start.Col {
		end = start + (r.End.Col - r.Start.Col)
	}
	end = max(min(end, len(units)), start+1)
	text, pad, width := window(units, start, end)
	num := strconv.Itoa(r.Start.Line)
	gutter := strings.Repeat(" ", len(num))
	return fmt.Sprintf("  %s | %s\n  %s | %s%s\n", num, text, gutter, strings.Repeat(" ", pad), strings.Repeat("^", width)), true
}

// displayUnits splits a line into what each of its characters looks like
// once escaped: the character itself, or its escape (\t, \x1b, \xff for a
// byte that is not UTF-8). Columns count characters, so unit i is column
// i+1.
func displayUnits(line string) []string {
	units := make([]string, 0, len(line))
	for i := 0; i < len(line); {
		_, size := utf8.DecodeRuneInString(line[i:])
		units = append(units, safetext.Escape(line[i:i+size]))
		i += size
	}
	return units
}

// window joins the units of a line, cut to about snippetWidth characters
// around units [start, end) when it is longer, and returns the text, the
// width before the marker and the marker's width (at least 1).
func window(units []string, start, end int) (text string, pad, width int) {
	from, to := 0, len(units)
	if textWidth(units) > snippetWidth {
		from = max(start-snippetLead, 0)
		to = from
		for w := 0; to < len(units) && w+utf8.RuneCountInString(units[to]) <= snippetWidth; to++ {
			w += utf8.RuneCountInString(units[to])
		}
		to = max(to, min(start+1, len(units)))
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("...")
	}
	pad = utf8.RuneCountInString(b.String()) + textWidth(units[from:start])
	b.WriteString(strings.Join(units[from:to], ""))
	if to < len(units) {
		b.WriteString("...")
	}
	width = max(textWidth(units[start:min(end, to)]), 1)
	return b.String(), pad, width
}

// textWidth is the number of characters the units take.
func textWidth(units []string) int {
	n := 0
	for _, u := range units {
		n += utf8.RuneCountInString(u)
	}
	return n
}
