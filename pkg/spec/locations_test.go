package spec

import (
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
