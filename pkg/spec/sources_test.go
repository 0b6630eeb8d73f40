package spec

import (
	"testing"
	"testing/fstest"
)

func TestSourcesLine(t *testing.T) {
	s := NewSources(map[string][]byte{
		"a.yaml":     []byte("one\ntwo\r\n\nfour"),
		"nl.yaml":    []byte("only\n"),
		"empty.yaml": nil,
	})
	tests := []struct {
		file string
		n    int
		want string
		ok   bool
	}{
		{"a.yaml", 1, "one", true},
		{"a.yaml", 2, "two", true},
		{"a.yaml", 3, "", true},
		{"a.yaml", 4, "four", true},
		{"a.yaml", 5, "", false},
		{"a.yaml", 0, "", false},
		{"nl.yaml", 1, "only", true},
		{"nl.yaml", 2, "", false},
		{"empty.yaml", 1, "", false},
		{"other.yaml", 1, "", false},
	}
	for _, tt := range tests {
		got, ok := s.Line(tt.file, tt.n)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Line(%s, %d) = %q, %t; want %q, %t", tt.file, tt.n, got, ok, tt.want, tt.ok)
		}
	}
	var none *Sources
	if _, ok := none.Line("a.yaml", 1); ok {
		t.Error("nil Sources has a line")
	}
}

// TestBundleSources: the bundle keeps what was read of every file, the
// project file and files refused for their bytes included, under the names
// diagnostics use, so a renderer never reads a file again.
func TestBundleSources(t *testing.T) {
	fsys := fstest.MapFS{
		ProjectFile:      {Data: []byte("targets:\n  t: {api: classic, embedded: true}\n")},
		"agents/a.yaml":  {Data: []byte("kind: Agent\nmetadata: {name: a}\n")},
		"binary.yaml":    {Data: []byte("a: 1\nb: \x00\n")},
		"hidden/.x.yaml": {Data: []byte("kind: Robot\n")},
	}
	b, diags := newTestValidator(t).Validate(fsys, Options{Root: "proj"})
	if len(diags) == 0 {
		t.Fatal("no diagnostics")
	}
	for _, tt := range []struct {
		file string
		line int
		want string
	}{
		{"proj/amigosync.yaml", 2, "  t: {api: classic, embedded: true}"},
		{"proj/agents/a.yaml", 2, "metadata: {name: a}"},
		{"proj/binary.yaml", 2, "b: \x00"},
	} {
		if got, ok := b.Sources.Line(tt.file, tt.line); !ok || got != tt.want {
			t.Errorf("Line(%s, %d) = %q, %t; want %q", tt.file, tt.line, got, ok, tt.want)
		}
	}
	if _, ok := b.Sources.Line("proj/hidden/.x.yaml", 1); ok {
		t.Error("a skipped file is in the sources")
	}
	for _, d := range diags {
		if d.Range.Start.Line > 0 {
			if _, ok := b.Sources.Line(d.Range.File, d.Range.Start.Line); !ok {
				t.Errorf("no source line for %s", d)
			}
		}
	}
}
