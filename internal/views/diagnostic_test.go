package views

import (
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/spec"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("abcdefghij", 15) // 150 characters
	sources := spec.NewSources(map[string][]byte{
		"f.yaml":     []byte("name: ending\n\tkey: v\ncafé: {x: 1}\n" + long + "\nshort: x\r\nbad: \xff!\n"),
		"empty.yaml": nil,
	})
	at := func(line, col, endLine, endCol int) spec.Diagnostic {
		return spec.Diagnostic{Range: spec.Range{File: "f.yaml", Start: spec.Pos{Line: line, Col: col}, End: spec.Pos{Line: endLine, Col: endCol}}}
	}
	tests := []struct {
		name string
		d    spec.Diagnostic
		want string // "" for no snippet
	}{
		{"a range", at(1, 7, 1, 13), "  1 | name: ending\n    |       ^^^^^^\n"},
		{"a position", at(1, 7, 1, 7), "  1 | name: ending\n    |       ^\n"},
		{"a range past the line's end is cut at it", at(1, 7, 1, 40), "  1 | name: ending\n    |       ^^^^^^\n"},
		{"a range over several lines marks its start", at(1, 7, 3, 2), "  1 | name: ending\n    |       ^\n"},
		{"a column past the end marks the end", at(1, 30, 1, 30), "  1 | name: ending\n    |             ^\n"},
		{"a tab is escaped, the marker follows", at(2, 2, 2, 5), `  2 | \tkey: v` + "\n    |   ^^^\n"},
		{"columns are characters", at(3, 8, 3, 13), "  3 | café: {x: 1}\n    |        ^^^^^\n"},
		{"a long line is cut around the problem", at(4, 101, 4, 104),
			"  4 | ..." + long[60:] + "\n    | " + strings.Repeat(" ", 43) + "^^^\n"},
		{"a long line's start is kept when the problem is near it", at(4, 3, 4, 4),
			"  4 | " + long[:100] + "...\n    |   ^\n"},
		{"a carriage return is dropped", at(5, 8, 5, 9), "  5 | short: x\n    |        ^\n"},
		{"a byte that is not UTF-8", at(6, 6, 6, 6), `  6 | bad: \xff!` + "\n    |      ^^^^\n"},
		{"no position", at(0, 0, 0, 0), ""},
		{"no such line", at(9, 1, 9, 1), ""},
		{"a file not read", spec.Diagnostic{Range: spec.Range{File: "other.yaml", Start: spec.Pos{Line: 1, Col: 1}}}, ""},
		{"an empty file", spec.Diagnostic{Range: spec.Range{File: "empty.yaml", Start: spec.Pos{Line: 1, Col: 1}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := snippet(tt.d, sources)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("snippet:\n%s(%t)\nwant:\n%s", got, ok, tt.want)
			}
		})
	}
	if _, ok := snippet(at(1, 1, 1, 1), nil); ok {
		t.Error("a snippet without sources")
	}
}

// FuzzSnippet: whatever the line and the range, a snippet is two lines
// without control characters, and its marker is under the line's text.
func FuzzSnippet(f *testing.F) {
	f.Add("name: ending", 1, 7, 1, 13)
	f.Add("\tcafé \xff\x1b[31m", 1, 3, 1, 2)
	f.Add(strings.Repeat("x", 300), 1, 250, 1, 400)
	f.Fuzz(func(t *testing.T, line string, startLine, startCol, endLine, endCol int) {
		sources := spec.NewSources(map[string][]byte{"f": []byte(line)})
		d := spec.Diagnostic{Range: spec.Range{File: "f", Start: spec.Pos{Line: startLine, Col: startCol}, End: spec.Pos{Line: endLine, Col: endCol}}}
		s, ok := snippet(d, sources)
		if !ok {
			return
		}
		lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		if len(lines) != 2 || strings.ContainsAny(s, "\r\x1b\t") {
			t.Fatalf("snippet %q is not two clean lines", s)
		}
		if !strings.HasSuffix(lines[1], "^") || strings.Count(lines[1], "^") < 1 {
			t.Fatalf("no marker: %q", s)
		}
	})
}
