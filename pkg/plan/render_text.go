package plan

import (
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/amigosync/amigosync/pkg/spec"
)

// TextOptions shape the human rendering.
type TextOptions struct {
	// Color adds ANSI colours (the CLI sets it only on a terminal and
	// never with NO_COLOR).
	Color bool
	// NoChanges replaces the sentence an empty plan prints ("No changes.
	// Live state matches the manifests."), for commands that compare the
	// live state with something else than manifests (promote, rollback).
	NoChanges string
	// markerFirst puts each line's marker in the first column, before the
	// indent, as a ```diff block in Markdown needs to colour it.
	markerFirst bool
}

// WriteText renders p for a person, like Terraform: one headline per step
// (`+ create`, `~ agent intake-agent v3 → v4`, `- deprecate`), the fields
// that change under it, and a summary line last.
func WriteText(w io.Writer, p *Plan, o TextOptions) error {
	r := &textRenderer{o: o, dialect: p.Target.Dialect}
	if p.Empty() {
		r.line(0, "", cmp.Or(o.NoChanges, SummaryLine(p)))
	} else {
		r.line(0, "", fmt.Sprintf("amigosync will perform these actions on the %s:", p.Target))
		for i := range p.Steps {
			r.b.WriteString("\n")
			r.step(&p.Steps[i])
		}
		r.b.WriteString("\n")
	}
	r.unmanaged(p.Unmanaged)
	if !p.Empty() {
		r.line(0, "", SummaryLine(p))
	}
	_, err := io.WriteString(w, r.b.String())
	return err
}

// SummaryLine is the plan's last line: "Plan: 1 to create, 3 new versions, 1
// to update, 0 to remove." or the no-changes sentence.
func SummaryLine(p *Plan) string {
	if p.Empty() {
		return "No changes. Live state matches the manifests."
	}
	c := p.Counts()
	return fmt.Sprintf("Plan: %d to create, %s, %d to update, %d to remove.",
		c.Create, count(c.NewVersion, "new version"), c.Update, c.Remove)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

type textRenderer struct {
	b       strings.Builder
	o       TextOptions
	dialect spec.Dialect
}

const (
	ansiGreen  = "\x1b[32m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

// line writes one line at an indent, its marker coloured.
func (r *textRenderer) line(indent int, marker, text string) {
	if r.o.markerFirst {
		if marker == "" || marker == "#" {
			marker = " "
		}
		r.b.WriteString(marker + strings.Repeat(" ", max(indent-5, 1)) + text + "\n")
		return
	}
	r.b.WriteString(strings.Repeat(" ", indent))
	if marker != "" {
		if r.o.Color {
			r.b.WriteString(colorOf(marker) + marker + ansiReset)
		} else {
			r.b.WriteString(marker)
		}
		r.b.WriteString(" ")
	}
	r.b.WriteString(text)
	r.b.WriteString("\n")
}

func colorOf(marker string) string {
	switch marker {
	case "+":
		return ansiGreen
	case "-":
		return ansiRed
	case "~":
		return ansiYellow
	}
	return ansiDim
}

// step renders one step: headline, reason, changes.
func (r *textRenderer) step(s *Step) {
	marker, head := Headline(s, r.dialect)
	r.line(2, marker, head)
	if s.Reason != "" {
		r.line(6, "#", s.Reason)
	}
	r.body(s)
}

// body renders what a step changes, field by field (state by state for a
// context graph).
func (r *textRenderer) body(s *Step) {
	switch {
	case s.Object == ObjVersion && s.After != nil && s.After.Version != nil && s.After.Version.ContextGraph != nil:
		var before *spec.ContextGraphSpec
		if s.Before != nil {
			before = s.Before.Version.ContextGraph
		}
		r.graph(DiffGraphs(before, s.After.Version.ContextGraph))
	case s.Action == Remove && s.Object == ObjContainer && s.Container != nil:
		r.line(6, "-", fmt.Sprintf("id %s, versions 1 to %d kept readable", s.Container.ID, s.Container.Latest))
	default:
		r.fields(6, DiffFields(valueOf(s.Before), valueOf(s.After)))
	}
}

// Headline is a step's marker and one-line description.
func Headline(s *Step, d spec.Dialect) (marker, text string) {
	noun := s.Kind.Noun()
	switch {
	case s.Action == Create:
		return "+", fmt.Sprintf("create %s %s", noun, s.Name)
	case s.Action == NewVersion && s.Before == nil:
		return "+", fmt.Sprintf("%s %s v%d", noun, s.Name, s.Guard.Version)
	case s.Action == NewVersion:
		return "~", fmt.Sprintf("%s %s v%d → v%d", noun, s.Name, s.Guard.Version-1, s.Guard.Version)
	case s.Object == ObjVersionSet && s.Action == Remove:
		return "-", fmt.Sprintf("remove version set %s of service %s", s.Set, s.Name)
	case s.Object == ObjVersionSet && s.Before == nil:
		return "+", fmt.Sprintf("service %s: version set %s", s.Name, s.Set)
	case s.Object == ObjVersionSet:
		return "~", fmt.Sprintf("service %s: version set %s", s.Name, s.Set)
	case s.Object == ObjDescription:
		return "~", fmt.Sprintf("%s %s: description", noun, s.Name)
	case s.Action == Remove:
		return "-", fmt.Sprintf("%s %s %s", RemoveVerb(s, d), noun, s.Name)
	}
	return "~", fmt.Sprintf("%s %s", noun, s.Name)
}

// RemoveVerb is what removing means for the step's object on dialect d:
// Classic deprecates containers; Platform deletes them.
func RemoveVerb(s *Step, d spec.Dialect) string {
	if s.Object == ObjContainer && d == spec.DialectClassic {
		return "deprecate"
	}
	if s.Object == ObjService && d == spec.DialectClassic {
		return "deactivate"
	}
	return "delete"
}

// valueOf is the part of a Value a field diff compares.
func valueOf(v *Value) any {
	switch {
	case v == nil:
		return nil
	case v.Version != nil && v.Version.Agent != nil:
		return v.Version.Agent
	case v.Version != nil:
		return v.Version.ContextGraph
	case v.Service != nil:
		return v.Service
	case v.VersionSet != nil:
		return v.VersionSet
	case v.Description != nil:
		return map[string]string{"description": *v.Description}
	}
	return nil
}

// graph renders a context graph's state-level diff.
func (r *textRenderer) graph(d GraphDiff) {
	r.fields(6, d.Fields)
	for _, s := range d.StatesAdded {
		r.line(6, "+", "state "+s)
	}
	for _, s := range d.StatesRemoved {
		r.line(6, "-", "state "+s)
	}
	for _, s := range d.StatesChanged {
		r.line(6, "~", "state "+s.Name)
		r.fields(10, s.Fields)
	}
	for _, t := range d.TransitionsAdded {
		r.line(6, "+", "transition "+t.String())
	}
	for _, t := range d.TransitionsRemoved {
		r.line(6, "-", "transition "+t.String())
	}
}

// fields renders field changes: short values inline, long text as a line
// diff, lists as the items added and removed.
func (r *textRenderer) fields(indent int, fs []FieldChange) {
	for _, f := range fs {
		op := string(f.Op)
		bl, bIsList := f.Before.([]any)
		al, aIsList := f.After.([]any)
		switch {
		case bIsList || aIsList:
			r.line(indent, op, f.Path+":")
			r.listDiff(indent+4, bl, al)
		case long(f.Before) || long(f.After):
			r.line(indent, op, f.Path+":")
			r.textDiff(indent+4, text(f.Before), text(f.After))
		case f.Op == '+':
			r.line(indent, op, f.Path+": "+scalarText(f.After))
		case f.Op == '-':
			r.line(indent, op, f.Path+": "+scalarText(f.Before))
		default:
			r.line(indent, op, f.Path+": "+scalarText(f.Before)+" → "+scalarText(f.After))
		}
	}
}

// long is true for text that reads better as a line diff.
func long(v any) bool {
	s, ok := v.(string)
	return ok && (len(s) > 72 || strings.Contains(s, "\n"))
}

func text(v any) string {
	s, _ := v.(string)
	return s
}

// listDiff shows the items removed and added between two lists, in order.
func (r *textRenderer) listDiff(indent int, before, after []any) {
	var b, a strings.Builder
	for _, v := range before {
		b.WriteString(scalarText(v) + "\n")
	}
	for _, v := range after {
		a.WriteString(scalarText(v) + "\n")
	}
	r.lineDiff(indent, b.String(), a.String(), false)
}

// textDiff shows a unified line diff of two texts.
func (r *textRenderer) textDiff(indent int, before, after string) {
	switch {
	case before == "":
		r.lineDiff(indent, "", after+"\n", true)
	case after == "":
		r.lineDiff(indent, before+"\n", "", true)
	default:
		r.lineDiff(indent, before+"\n", after+"\n", true)
	}
}

// lineDiff writes the lines removed and added (and, with context, the
// unchanged ones) between two newline-terminated texts.
func (r *textRenderer) lineDiff(indent int, before, after string, context bool) {
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(before, after)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	for _, d := range diffs {
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l == "" {
				continue
			}
			l = strings.TrimSuffix(l, "\n")
			switch d.Type {
			case diffmatchpatch.DiffDelete:
				r.line(indent, "-", l)
			case diffmatchpatch.DiffInsert:
				r.line(indent, "+", l)
			default:
				if context {
					r.line(indent, " ", l)
				}
			}
		}
	}
}

// unmanaged lists what no manifest names.
func (r *textRenderer) unmanaged(us []Unmanaged) {
	if len(us) == 0 {
		return
	}
	r.line(0, "", "Not named by any manifest, left alone (--prune removes them):")
	for _, u := range us {
		if u.Set != "" {
			r.line(2, "", fmt.Sprintf("version set %s of service %s (%s)", u.Set, u.Name, u.ID))
			continue
		}
		r.line(2, "", fmt.Sprintf("%s %s (%s)", u.Kind.Noun(), u.Name, u.ID))
	}
	r.b.WriteString("\n")
}
