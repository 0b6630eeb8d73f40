package plan

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// MarkdownOptions shape the Markdown rendering.
type MarkdownOptions struct {
	// Picture draws a context graph change as a Mermaid flowchart (before
	// is nil for a first version); nil draws none.
	Picture func(before, after *spec.ContextGraphSpec) string
}

// WriteMarkdown renders p for a pull-request comment: the summary line
// first, then each step in a collapsible <details> block holding its
// changes as a diff and, for a context graph, a Mermaid picture of the
// change.
func WriteMarkdown(w io.Writer, p *Plan, o MarkdownOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", SummaryLine(p))
	fmt.Fprintf(&b, "Target: %s.\n", html.EscapeString(p.Target.String()))
	for i := range p.Steps {
		s := &p.Steps[i]
		marker, head := Headline(s, p.Target.Dialect)
		fmt.Fprintf(&b, "\n<details><summary><code>%s %s</code></summary>\n\n", marker, html.EscapeString(head))
		if s.Reason != "" {
			fmt.Fprintf(&b, "%s.\n\n", html.EscapeString(sentence(s.Reason)))
		}
		r := &textRenderer{o: TextOptions{markerFirst: true}, dialect: p.Target.Dialect}
		r.body(s)
		if body := r.b.String(); body != "" {
			fence := fenceFor(body)
			fmt.Fprintf(&b, "%sdiff\n%s%s\n", fence, body, fence)
		}
		if g := graphChange(s); g != nil && o.Picture != nil {
			pic := o.Picture(g.before, g.after)
			fence := fenceFor(pic)
			fmt.Fprintf(&b, "\n%smermaid\n%s\n%s\n", fence, strings.TrimRight(pic, "\n"), fence)
		}
		b.WriteString("\n</details>\n")
	}
	if len(p.Unmanaged) > 0 {
		b.WriteString("\n<details><summary>Not named by any manifest, left alone</summary>\n\n")
		for _, u := range p.Unmanaged {
			what := fmt.Sprintf("%s %s", u.Kind.Noun(), u.Name)
			if u.Set != "" {
				what = fmt.Sprintf("version set %s of service %s", u.Set, u.Name)
			}
			fmt.Fprintf(&b, "- %s (`%s`)\n", html.EscapeString(what), strings.ReplaceAll(u.ID, "`", ""))
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type graphPair struct{ before, after *spec.ContextGraphSpec }

// graphChange is the two sides of a context graph version step.
func graphChange(s *Step) *graphPair {
	if s.Object != ObjVersion || s.After == nil || s.After.Version == nil || s.After.Version.ContextGraph == nil {
		return nil
	}
	g := &graphPair{after: s.After.Version.ContextGraph}
	if s.Before != nil && s.Before.Version != nil {
		g.before = s.Before.Version.ContextGraph
	}
	return g
}

// fenceFor is a code fence longer than any run of backticks in text, so
// that no value can close the block early.
func fenceFor(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// sentence capitalises the first letter of a reason.
func sentence(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
