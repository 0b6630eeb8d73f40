package spec

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFileProblemPositions: problems the YAML reader and the file checks
// find point at the character itself (line and column in characters), not
// at 1:1 or at a byte offset.
func TestFileProblemPositions(t *testing.T) {
	head := "apiVersion: amigosync/v1\nkind: Agent\nmetadata: {name: a}\nspec:\n" +
		"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n  behaviors: []\n"
	tests := []struct {
		name, data string
		code       string
		want       Pos
		wantMsg    string
	}{
		{"a control character on line 7", head + "  background: \"x\ay\"\n", CodeYAMLSyntax, Pos{7, 17}, "(U+0007 here)"},
		{"after accented characters", head + "  background: \"élan \x1b[31m\"\n", CodeYAMLSyntax, Pos{7, 21}, "(U+001B here)"},
		{"in a comment", head + "# note \x7f\n", CodeYAMLSyntax, Pos{7, 8}, "(U+007F here)"},
		{"a NUL byte after accented characters", head + "  background: ééé\x00\n", CodeFileBinary, Pos{7, 18}, "NUL byte"},
		{"a byte that is not UTF-8", head + "  background: ü\xff\n", CodeFileBinary, Pos{7, 16}, "not valid UTF-8"},
	}
	v := newTestValidator(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := v.Validate(fstest.MapFS{"a.yaml": {Data: []byte(tt.data)}}, Options{})
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Code != tt.code || d.Range.Start != tt.want || !strings.Contains(d.Summary, tt.wantMsg) {
				t.Errorf("got %s at %d:%d, want [%s] at %d:%d with %q", d, d.Range.Start.Line, d.Range.Start.Col,
					tt.code, tt.want.Line, tt.want.Col, tt.wantMsg)
			}
		})
	}
}

// TestUnknownVariableOncePerString: a variable used twice in one string is
// one problem (one line), each unknown variable of the string one.
func TestUnknownVariableOncePerString(t *testing.T) {
	agent := "apiVersion: amigosync/v1\nkind: Agent\nmetadata: {name: a}\nspec:\n" +
		"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n" +
		"  background: \"${vars.A} and ${vars.A}, ${vars.B}, $${vars.A}\"\n  behaviors: [\"${vars.A}\"]\n"
	_, diags := newTestValidator(t).Validate(fstest.MapFS{"a.yaml": {Data: []byte(agent)}}, Options{})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"a.yaml:6:15: Agent/a: spec.background: unknown variable ${vars.A}; the target defines no variables [var-unknown]",
		"a.yaml:6:15: Agent/a: spec.background: unknown variable ${vars.B}; the target defines no variables [var-unknown]",
		"a.yaml:7:15: Agent/a: spec.behaviors[0]: unknown variable ${vars.A}; the target defines no variables [var-unknown]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// unlistableFS is a MapFS whose directory bad cannot be listed, as a
// directory without read permission (which root, running tests in CI
// containers, would read anyway).
type unlistableFS struct {
	fstest.MapFS
	bad string
}

func (f unlistableFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

// TestUnreadableSubdirectory: a directory that cannot be listed is named
// itself (not its parent), without a position, and the others are still
// read.
func TestUnreadableSubdirectory(t *testing.T) {
	agent := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("apiVersion: amigosync/v1\nkind: Agent\nmetadata: {name: " + name + "}\nspec:\n" +
			"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n")}
	}
	fsys := unlistableFS{MapFS: fstest.MapFS{"a.yaml": agent("a"), "sub/b.yaml": agent("b"), "z/c.yaml": agent("c")}, bad: "sub"}
	b, diags := newTestValidator(t).Validate(fsys, Options{Root: "project"})
	want := "project/sub: cannot read the directory: permission denied; its manifests were not checked [file-read]"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics %v, want only %s", diags, want)
	}
	if len(b.Agents) != 2 {
		t.Errorf("read %d agents, want 2 (a and c, beside the unreadable directory)", len(b.Agents))
	}
}

// TestNonUTF8FileName: a file whose name is not UTF-8 is read and checked
// like any other (os.DirFS alone refuses to open it), and its name is
// printed escaped.
func TestNonUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	name := "caf\xe9.yaml"
	data := "apiVersion: amigosync/v1\nkind: Agent\nmetadata: {name: a}\nspec:\n" +
		"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n  colour: blue\n"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Skipf("this file system refuses a name that is not UTF-8: %v", err)
	}
	b, diags, err := newTestValidator(t).ValidateDir(dir, Options{Root: "project"})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := WriteText(&out, diags); err != nil {
		t.Fatal(err)
	}
	want := `"project/caf\xe9.yaml":6:3: Agent/a: spec.colour: unknown field "colour" [unknown-field]` + "\n"
	if out.String() != want {
		t.Errorf("output\n%s\nwant\n%s", out.String(), want)
	}
	if b.Manifests != 1 {
		t.Errorf("read %d manifests, want 1", b.Manifests)
	}
}
