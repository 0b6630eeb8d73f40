package draw_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// allPictures are the pictures every syntax check covers: the example
// graphs, the billing change and the hostile graphs.
func allPictures(t *testing.T) map[string]draw.Picture {
	t.Helper()
	out := hostilePictures()
	for _, ex := range exampleGraphs {
		p := draw.From(loadGraph(t, ex.dir, ex.graph))
		p.Title = ex.graph
		out[ex.graph] = p
	}
	before, after := changedBilling(t)
	d := draw.Diff(before, after)
	d.Title = "billing"
	out["billing-diff"] = d
	return out
}

// wantLines is a node's label as it must read: its lines, the first with
// the mark's prefix.
func wantLines(n draw.Node) []string {
	lines := append([]string(nil), n.Lines...)
	lines[0] = markPrefix(n.Mark) + lines[0]
	return lines
}

// wantEdgeLabel is an edge's label as it must read (an unlabelled marked
// edge reads "+", "-" or "~").
func wantEdgeLabel(e draw.Edge) string { return strings.TrimSpace(markPrefix(e.Mark) + e.Label) }

func markPrefix(m draw.Mark) string {
	return map[draw.Mark]string{draw.Added: "+ ", draw.Removed: "- ", draw.Changed: "~ "}[m]
}

// wantMermaidShape is the name mermaid's parser gives the shape each node
// must have (see the table in doc.go).
func wantMermaidShape(n draw.Node) string {
	switch {
	case n.Kind == draw.NodeEntry:
		return "circle"
	case n.Kind == draw.NodeJump:
		return "trapezoid"
	case n.Kind == draw.NodeMissing:
		return "square"
	case n.Terminal:
		return "stadium"
	}
	shapes := map[spec.StateType]string{
		spec.StateAction: "round", spec.StateDecision: "diamond", spec.StateRecall: "cylinder", spec.StateAnnotation: "odd",
		spec.StateReflection: "hexagon", spec.StateToolCall: "subroutine", spec.StateDataCollection: "lean_right",
	}
	if s, ok := shapes[n.Type]; ok {
		return s
	}
	return "square"
}

// The grammar WriteMermaid emits, line by line. A label is quoted and holds
// no quote, no delimiter of either a shape or an edge label, no markup and
// no control character: only entity codes and the <br> between lines.
var (
	mermaidLabel = `((?:[^"#&<>` + "`" + `%|;\[\](){}\\\x00-\x1f\x7f]|#[0-9]+;|<br>)*)`
	mermaidNode  = regexp.MustCompile(`^  ([A-Za-z0-9_]+)(\(\(|\(\[|\(|\{\{|\{|\[\(|\[\[|\[/|\[|>)"` + mermaidLabel + `"(\)\)|\]\)|\)|\}\}|\}|\)\]|\]\]|/\]|\\\]|\])$`)
	mermaidEdge  = regexp.MustCompile(`^  ([A-Za-z0-9_]+) (-->|-\.->)(?:\|"` + mermaidLabel + `"\|)? ([A-Za-z0-9_]+)$`)
	mermaidOther = regexp.MustCompile(`^(?:flowchart TD|  %% context graph [^\n]*|  classDef [a-z]+ [a-z-]+:[^;,]+(?:,[a-z-]+:[^;,]+)*|  class [A-Za-z0-9_,]+ [a-z]+|  linkStyle [0-9,]+ [a-z-]+:[^;,]+(?:,[a-z-]+:[^;,]+)*)$`)
	mermaidCode  = regexp.MustCompile(`#([0-9]+);`)
)

// decodeMermaid turns entity codes back into the characters they stand for
// and splits the lines.
func decodeMermaid(label string) []string {
	var lines []string
	for _, l := range strings.Split(label, "<br>") {
		lines = append(lines, mermaidCode.ReplaceAllStringFunc(l, func(code string) string {
			n, _ := strconv.Atoi(mermaidCode.FindStringSubmatch(code)[1])
			return string(rune(n))
		}))
	}
	return lines
}

// TestMermaidGrammar checks every line of every Mermaid output against the
// grammar above, and that every label decodes to exactly the text meant.
func TestMermaidGrammar(t *testing.T) {
	for name, p := range allPictures(t) {
		t.Run(name, func(t *testing.T) {
			ids := draw.NodeIDs(p)
			var nodes, edges []string
			for _, line := range strings.Split(strings.TrimSuffix(draw.Mermaid(p), "\n"), "\n") {
				if m := mermaidNode.FindStringSubmatch(line); m != nil {
					nodes = append(nodes, m[1]+" "+strings.Join(decodeMermaid(m[3]), "\n"))
				} else if m := mermaidEdge.FindStringSubmatch(line); m != nil {
					edges = append(edges, m[1]+" "+m[2]+" "+m[4]+" "+strings.Join(decodeMermaid(m[3]), "\n"))
				} else if !mermaidOther.MatchString(line) {
					t.Errorf("line outside the grammar: %q", line)
				}
			}
			var wantNodes, wantEdges []string
			for _, n := range p.Nodes {
				wantNodes = append(wantNodes, ids[n.Key]+" "+strings.Join(wantLines(n), "\n"))
			}
			for _, e := range p.Edges {
				arrow := "-->"
				if e.Kind == draw.EdgeJumpBack {
					arrow = "-.->"
				}
				wantEdges = append(wantEdges, ids[e.From]+" "+arrow+" "+ids[e.To]+" "+wantEdgeLabel(e))
			}
			if diff := cmp.Diff(wantNodes, nodes); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantEdges, edges); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMermaidEscape checks single labels: what must be encoded is, and
// nothing the user wrote survives as syntax.
func TestMermaidEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain words, commas: fine.`, `plain words, commas: fine.`},
		{`"quoted"`, `#34;quoted#34;`},
		{`#35;`, `#35;35#59;`},
		{`<b>x</b>`, `#60;b#62;x#60;/b#62;`},
		{"a\nb\r\n\tc", `a b c`},
		{`a|b;c`, `a#124;b#59;c`},
		{"`md`", `#96;md#96;`},
		{`%%{init}%%`, `#37;#37;#123;init#125;#37;#37;`},
		{`[x](y)`, `#91;x#93;#40;y#41;`},
		{`\`, `#92;`},
		{"café 東京 🚑", "café 東京 🚑"},
		{"a\u202Eb\u200bc\x00d", "abcd"},
		{"ﬂ°°60¶ß", "#64258;°°60#182;ß"},
	}
	for _, tt := range tests {
		p := draw.Picture{Nodes: []draw.Node{{Key: "state:a", Kind: draw.NodeState, Type: spec.StateAction, Lines: []string{tt.in}}}}
		want := "  s_a(\"" + tt.want + "\")\n"
		if got := draw.Mermaid(p); !strings.Contains(got, want) {
			t.Errorf("label %q: got\n%s\nwant a line %q", tt.in, got, want)
		}
	}
}
