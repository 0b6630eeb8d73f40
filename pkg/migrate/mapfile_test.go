package migrate_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/migrate"
)

// TestParseMapErrors checks that every problem of a bad mapping file is
// reported at once, at file:line:col, naming the field.
func TestParseMapErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "# nothing\n", []string{"m.yaml:1:1: the mapping file is empty; it needs at least format_version: 1"}},
		{"syntax", "format_version: 1\ncontext_graphs: {billing: \n", []string{"m.yaml:3:1: invalid YAML: did not find expected node content"}},
		{"not a mapping", "- a\n", []string{"m.yaml:1:1: must be a mapping, not a list"}},
		{"no version", "tools: {}\n", []string{"m.yaml:1:1: format_version is missing; write format_version: 1 first"}},
		{"wrong version", "format_version: 2\n", []string{"m.yaml:1:17: format_version: this release reads mapping files of format_version 1"}},
		{"unknown top key", "format_version: 1\ngraphs: {}\n", []string{"m.yaml:2:1: graphs: unknown key; the file takes format_version, context_graphs, tools"}},
		{"duplicate key", "format_version: 1\ntools: {}\ntools: {}\n", []string{"m.yaml:3:1: tools: is given twice"}},
		{"unknown graph key", `format_version: 1
context_graphs:
  billing:
    state: {}
`, []string{"m.yaml:4:5: context_graphs.billing.state: unknown key; context_graphs.billing takes states, references"}},
		{"misspelt rule", `format_version: 1
context_graphs:
  billing:
    states:
      recall_history:
        anotate: Look it up.
`, []string{
			"m.yaml:6:9: context_graphs.billing.states.recall_history.anotate: unknown key; context_graphs.billing.states.recall_history takes annotate, route_to",
			"m.yaml:5:7: context_graphs.billing.states.recall_history: a state rule has exactly one of annotate (replace the state by an annotation) and route_to (remove it)",
		}},
		{"both rules", `format_version: 1
context_graphs:
  billing:
    states:
      x: {annotate: Hi., route_to: y}
`, []string{"m.yaml:5:7: context_graphs.billing.states.x: a state rule has exactly one of annotate (replace the state by an annotation) and route_to (remove it)"}},
		{"bad names", `format_version: 1
context_graphs:
  billing:
    states:
      bad-state: {route_to: x}
      ok: {route_to: "not a state"}
      empty: {annotate: "  "}
    references:
      re.f: {route_to: x}
`, []string{
			`m.yaml:5:7: context_graphs.billing.states.bad-state: "bad-state" is not a state name (letters, digits and underscores)`,
			`m.yaml:6:22: context_graphs.billing.states.ok.route_to: "not a state" is not a state name (letters, digits and underscores)`,
			"m.yaml:7:25: context_graphs.billing.states.empty.annotate: must not be empty",
			`m.yaml:9:7: context_graphs.billing.references.re.f: "re.f" is not a reference name (letters, digits and underscores)`,
		}},
		{"annotate mapping", `format_version: 1
context_graphs:
  billing:
    states:
      a: {annotate: {next_state: b}}
      c: {annotate: {inner_thought: [x]}}
`, []string{
			"m.yaml:5:21: context_graphs.billing.states.a.annotate: inner_thought is missing: the annotation's text",
			"m.yaml:6:37: context_graphs.billing.states.c.annotate.inner_thought: must be a string, not a list",
		}},
		{"reference rule", `format_version: 1
context_graphs:
  billing:
    references:
      legacy: {}
      other: done
`, []string{
			"m.yaml:5:7: context_graphs.billing.references.legacy: a reference rule needs route_to: the state the jumps into the reference go to instead",
			`m.yaml:6:14: context_graphs.billing.references.other: must be a mapping, not "done"`,
		}},
		{"tools", `format_version: 1
tools:
  5F1E2D3C4B5A69788796A5B4: x
  5f1e2d3c4b5a69788796a5b4: {drop: false}
  5f1e2d3c4b5a69788796a5b5: {skill: a, drop: true}
  5f1e2d3c4b5a69788796a5b6: ~
`, []string{
			`m.yaml:3:3: tools.5F1E2D3C4B5A69788796A5B4: "5F1E2D3C4B5A69788796A5B4" is not a Classic tool id (24 lowercase hex digits)`,
			"m.yaml:4:36: tools.5f1e2d3c4b5a69788796a5b4.drop: must be true (leave the rule out to keep the tool)",
			"m.yaml:5:3: tools.5f1e2d3c4b5a69788796a5b5: a tool rule has exactly one of skill (the Platform skill's id or slug) and drop: true",
			"m.yaml:6:29: tools.5f1e2d3c4b5a69788796a5b6: must be a string, not null",
		}},
		{"two documents", "format_version: 1\n---\nformat_version: 1\n", []string{"m.yaml:3:1: the file holds 2 YAML documents; it must hold one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := migrate.ParseMap("m.yaml", []byte(tt.data))
			var errs migrate.MapErrors
			if !errors.As(err, &errs) {
				t.Fatalf("ParseMap = %v, %v; want MapErrors", m, err)
			}
			if got := strings.Join(tt.want, "\n"); err.Error() != got {
				t.Errorf("ParseMap errors:\n%s\nwant:\n%s", err, got)
			}
		})
	}
}

// TestParseMapValid reads the documented forms.
func TestParseMapValid(t *testing.T) {
	data := `format_version: 1
context_graphs:
  billing:
    states:
      a: {annotate: Think.}
      b: {annotate: {inner_thought: Think., next_state: c}}
      c: {route_to: d}
    references:
      legacy: {route_to: d}
tools:
  5f1e2d3c4b5a69788796a5b4: account-lookup
  5f1e2d3c4b5a69788796a5b5: {skill: other}
  5f1e2d3c4b5a69788796a5b6: {drop: true}
`
	m, err := migrate.ParseMap("m.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if m.File() != "m.yaml" {
		t.Errorf("File() = %q", m.File())
	}
}

// TestReadmeMap parses the mapping file the README shows, so that the
// documented format and the parser cannot drift apart.
func TestReadmeMap(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "**The mapping file**")
	_, block, ok2 := strings.Cut(rest, "```yaml\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no yaml block after **The mapping file**")
	}
	if _, err := migrate.ParseMap("README.md", []byte(block)); err != nil {
		t.Errorf("the README's mapping file does not parse:\n%v", err)
	}
}
