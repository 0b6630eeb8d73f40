package draw

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Mermaid styles of the node classes and of marked edges. Colours are
// GitHub's diff colours, readable in its light and dark themes.
const (
	mermaidTerminal = "stroke-width:3px"
	mermaidEntry    = "fill:#57606a,stroke:#57606a,color:#ffffff"
	mermaidJump     = "stroke-dasharray:4 3"
	mermaidMissing  = "stroke:#cf222e,stroke-dasharray:2 2"
	mermaidAdded    = "fill:#dafbe1,stroke:#1a7f37,color:#1a7f37"
	mermaidRemoved  = "fill:#ffebe9,stroke:#cf222e,color:#cf222e,stroke-dasharray:5 5"
	mermaidChanged  = "fill:#fff8c5,stroke:#9a6700"
)

// mermaidLinkStyles styles the edges of each mark.
var mermaidLinkStyles = map[Mark]string{
	Added:   "stroke:#1a7f37,stroke-width:2px",
	Removed: "stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5",
	Changed: "stroke:#9a6700,stroke-width:2px",
}

// WriteMermaid writes p as a Mermaid flowchart (top to bottom), without a
// Markdown fence.
func WriteMermaid(w io.Writer, p Picture) error {
	_, err := io.WriteString(w, Mermaid(p))
	if err != nil {
		return fmt.Errorf("write Mermaid flowchart: %w", err)
	}
	return nil
}

// Mermaid returns p as a Mermaid flowchart (top to bottom), without a
// Markdown fence.
func Mermaid(p Picture) string {
	ids := nodeIDs(p)
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	if p.Title != "" {
		// A comment: %% at the start of a line, up to its end. clean keeps
		// the title on one line.
		fmt.Fprintf(&b, "  %%%% context graph %s\n", clean(p.Title))
	}
	classes := classMembers{}
	for _, n := range p.Nodes {
		s := shapeOf(n)
		fmt.Fprintf(&b, "  %s%s\"%s\"%s\n", ids[n.Key], s.open, mermaidLines(n.Mark, n.Lines), s.close)
		classes.add(n, ids[n.Key])
	}
	links := map[Mark][]string{}
	for i, e := range p.Edges {
		arrow := "-->"
		if e.Kind == EdgeJumpBack {
			arrow = "-.->"
		}
		label := ""
		if text := e.Mark.prefix() + e.Label; text != "" {
			label = `|"` + mermaidText(text) + `"|`
		}
		fmt.Fprintf(&b, "  %s %s%s %s\n", ids[e.From], arrow, label, ids[e.To])
		if e.Mark != Unchanged {
			links[e.Mark] = append(links[e.Mark], strconv.Itoa(i))
		}
	}
	classes.write(&b)
	for _, m := range []Mark{Added, Removed, Changed} {
		if len(links[m]) > 0 {
			fmt.Fprintf(&b, "  linkStyle %s %s\n", strings.Join(links[m], ","), mermaidLinkStyles[m])
		}
	}
	return b.String()
}

// mermaidLines renders label lines, the first prefixed with the mark,
// joined by line breaks.
func mermaidLines(m Mark, lines []string) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			l = m.prefix() + l
		}
		parts[i] = mermaidText(l)
	}
	return strings.Join(parts, "<br>")
}

// mermaidText escapes text for a double-quoted Mermaid label. Mermaid has
// no backslash escapes; it decodes #NNN; entity codes instead. Beyond the
// quote that would end the label, these are encoded: # (an entity of its
// own), & < > (HTML markup, since labels are rendered as HTML), ` (which
// opens a Markdown string), % (which could form a %%{init}%% directive),
// | ; (edge-label and statement delimiters), the brackets, so that no
// label can close a shape or an edge label whatever the parser's mood, and
// ﬂ ¶, the characters of the placeholders Mermaid puts entities in while
// it parses (a label holding them would decode to other text).
func mermaidText(s string) string {
	s = clean(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"', '#', '&', '<', '>', '`', '%', '|', ';', '[', ']', '(', ')', '{', '}', '\\', 'ﬂ', '¶':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return mermaidWords.Replace(b.String())
}

// mermaidWords breaks the words that mermaid's entity handling looks for
// on a whole line, labels included: on a line with "style" or "classDef",
// then ":", "#" and ";", it drops the last ";", which would cut an entity
// code of the label in two. Encoding their first letter keeps the text.
var mermaidWords = strings.NewReplacer("style", "#115;tyle", "classDef", "#99;lassDef")

// classMembers collects the ids of the nodes of each Mermaid class, in the
// order the classes are defined.
type classMembers map[string][]string

// mermaidClasses lists the classes with their styles, in output order:
// the marks last, so that their colours win.
var mermaidClasses = []struct{ name, style string }{
	{"entry", mermaidEntry},
	{"terminal", mermaidTerminal},
	{"jump", mermaidJump},
	{"missing", mermaidMissing},
	{"added", mermaidAdded},
	{"removed", mermaidRemoved},
	{"changed", mermaidChanged},
}

func (c classMembers) add(n Node, id string) {
	switch {
	case n.Kind == NodeEntry:
		c["entry"] = append(c["entry"], id)
	case n.Kind == NodeJump:
		c["jump"] = append(c["jump"], id)
	case n.Kind == NodeMissing:
		c["missing"] = append(c["missing"], id)
	case n.Terminal:
		c["terminal"] = append(c["terminal"], id)
	}
	if n.Mark != Unchanged {
		c[n.Mark.String()] = append(c[n.Mark.String()], id)
	}
}

// write defines the classes that have members and assigns them.
func (c classMembers) write(b *strings.Builder) {
	for _, cl := range mermaidClasses {
		if len(c[cl.name]) > 0 {
			fmt.Fprintf(b, "  classDef %s %s\n", cl.name, cl.style)
		}
	}
	for _, cl := range mermaidClasses {
		if len(c[cl.name]) > 0 {
			fmt.Fprintf(b, "  class %s %s\n", strings.Join(c[cl.name], ","), cl.name)
		}
	}
}
