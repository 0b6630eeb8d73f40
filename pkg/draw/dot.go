package draw

import (
	"fmt"
	"io"
	"strings"
)

// DOT colours of the marks (GitHub's diff colours, as in Mermaid).
var dotMarkColours = map[Mark]string{
	Added:   "#1a7f37",
	Removed: "#cf222e",
	Changed: "#9a6700",
}

// WriteDOT writes p as a Graphviz digraph (top to bottom).
func WriteDOT(w io.Writer, p Picture) error {
	if _, err := io.WriteString(w, DOT(p)); err != nil {
		return fmt.Errorf("write DOT graph: %w", err)
	}
	return nil
}

// DOT returns p as a Graphviz digraph (top to bottom).
func DOT(p Picture) string {
	ids := nodeIDs(p)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotString(p.Title))
	b.WriteString("  rankdir=TB;\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, n := range p.Nodes {
		b.WriteString("  " + dotString(ids[n.Key]) + " [" + strings.Join(dotNodeAttrs(n), ", ") + "];\n")
	}
	for _, e := range p.Edges {
		fmt.Fprintf(&b, "  %s -> %s", dotString(ids[e.From]), dotString(ids[e.To]))
		if attrs := dotEdgeAttrs(e); len(attrs) > 0 {
			b.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// dotNodeAttrs returns the attributes of a node statement.
func dotNodeAttrs(n Node) []string {
	s := shapeOf(n)
	lines := make([]string, len(n.Lines))
	for i, l := range n.Lines {
		if i == 0 {
			l = n.Mark.prefix() + l
		}
		lines[i] = dotEscape(l)
	}
	attrs := []string{`label="` + strings.Join(lines, `\n`) + `"`, "shape=" + s.dot}
	style := append([]string(nil), s.dotStyle...)
	switch {
	case n.Kind == NodeEntry:
		style = append(style, "filled")
		attrs = append(attrs, `fillcolor="#57606a"`, `fontcolor="#ffffff"`, `color="#57606a"`, "fontsize=9")
	case n.Kind == NodeMissing:
		attrs = append(attrs, `color="#cf222e"`)
	}
	if c, ok := dotMarkColours[n.Mark]; ok {
		attrs = append(attrs, "color="+dotString(c), "fontcolor="+dotString(c), "penwidth=2")
		if n.Mark == Removed {
			style = append(style, "dashed")
		}
	}
	if len(style) > 0 {
		attrs = append(attrs, "style="+dotString(strings.Join(dedupe(style), ",")))
	}
	if s.peripheries > 0 {
		attrs = append(attrs, fmt.Sprintf("peripheries=%d", s.peripheries))
	}
	return attrs
}

// dotEdgeAttrs returns the attributes of an edge statement, if any.
func dotEdgeAttrs(e Edge) []string {
	var attrs []string
	if text := e.Mark.prefix() + e.Label; text != "" {
		attrs = append(attrs, "label="+dotString(text))
	}
	style := ""
	if e.Kind == EdgeJumpBack {
		style = "dotted"
	}
	if c, ok := dotMarkColours[e.Mark]; ok {
		attrs = append(attrs, "color="+dotString(c), "fontcolor="+dotString(c), "penwidth=2")
		if e.Mark == Removed {
			style = "dashed"
		}
	}
	if style != "" {
		attrs = append(attrs, "style="+style)
	}
	return attrs
}

// dotString quotes s as a DOT string.
func dotString(s string) string { return `"` + dotEscape(s) + `"` }

// dotEscape escapes text for the inside of a double-quoted DOT string used
// as a label: a quote is \", a backslash is \\ (a label reads \n, \l,
// \N, \G... as escapes of its own), and & is &amp; (Graphviz decodes HTML
// entities such as &lt; in labels). clean has removed line breaks, so no
// string can end a line, and the rest (including < > and unicode) is taken
// literally inside quotes.
func dotEscape(s string) string {
	return dotReplacer.Replace(clean(s))
}

var dotReplacer = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "&", "&amp;")

// dedupe drops repeated words, keeping the first of each.
func dedupe(words []string) []string {
	seen := map[string]bool{}
	out := words[:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
