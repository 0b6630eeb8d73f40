package spec

import (
	"strings"
	"testing"
	"testing/fstest"
)

// evil is text that, printed raw, forges a diagnostic line and a colour.
const evil = "evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED"

// TestTextOutputOneLinePerProblem: whatever a manifest or a file name
// holds, the text output has exactly one line per diagnostic and no
// control character, so nothing can forge a line or colour the terminal.
func TestTextOutputOneLinePerProblem(t *testing.T) {
	yamlEvil := `"evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\e[31mRED"`
	agent := func(name, extra string) string {
		return "apiVersion: amigosync/v1\nkind: Agent\nmetadata: {name: " + name + "}\nspec:\n" +
			"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n" +
			"  background: B.\n  behaviors: []\n  communication_patterns: []\n" + extra
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string // a substring of the output, escaped
	}{
		{"a name", fstest.MapFS{"a.yaml": {Data: []byte(agent(yamlEvil, ""))}}, `Agent/"evil\nfake.yaml`},
		{"a file name", fstest.MapFS{evil + ".yaml": {Data: []byte(agent("a", "  colour: blue\n"))}},
			`"evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED.yaml":9:3: Agent/a: spec.colour: unknown field`},
		{"a file name without a position", fstest.MapFS{evil + ".yaml": {Data: []byte("# nothing\n")}}, `\x1b[31mRED.yaml":1:1: file contains no YAML documents`},
		{"an unknown key", fstest.MapFS{"a.yaml": {Data: []byte(agent("a", "  "+yamlEvil+": 1\n"))}}, `unknown field "evil\nfake.yaml`},
		{"a value", fstest.MapFS{"s.yaml": {Data: []byte("apiVersion: amigosync/v1\nkind: Service\nmetadata: {name: s}\nspec: {agent: " +
			yamlEvil + ", context_graph: g, description: d}\n")}}, `spec.agent: names are 1 to 256 characters, without control characters or leading or trailing spaces (got "evil\nfake.yaml:1:1:`},
		{"a kind", fstest.MapFS{"a.yaml": {Data: []byte("kind: " + yamlEvil + "\n")}}, `unknown kind "evil\nfake`},
		{"a duplicate in a file with a strange name", fstest.MapFS{
			"z.yaml": {Data: []byte(agent("a", ""))}, evil + ".yaml": {Data: []byte(agent("a", ""))}},
			`the other definition is at "evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED.yaml":3:18`},
	}
	v := newTestValidator(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := v.Validate(tt.files, Options{})
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			var out strings.Builder
			if err := WriteText(&out, diags); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if n := strings.Count(got, "\n"); n != len(diags) {
				t.Errorf("%d lines for %d diagnostics:\n%s", n, len(diags), got)
			}
			if strings.ContainsAny(got, "\x1b\r") || strings.Contains(got, "\nfake.yaml") {
				t.Errorf("output holds a control character or a forged line: %q", got)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output does not contain %s:\n%s", tt.want, got)
			}
		})
	}
}
