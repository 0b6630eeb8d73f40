package promote

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/spec"
)

// yval is a value to insert: a scalar's text, or a mapping's entries.
type yval struct {
	scalar  string
	entries []yentry
}

// yentry is one entry of a mapping to insert; key is YAML text.
type yentry struct {
	key string
	val yval
}

// setValue is a version_sets mapping holding set name.
func setValue(name string, pins []pinEdit) yval {
	return yval{entries: []yentry{{keyText(name), pinsValue(pins)}}}
}

// pinsValue is a version set mapping of pins.
func pinsValue(pins []pinEdit) yval {
	var v yval
	for _, p := range pins {
		v.entries = append(v.entries, yentry{p.key, yval{scalar: p.text()}})
	}
	return v
}

// keyText is name as a YAML key that reads back as the string name
// (quoted when it would read as a number, a boolean or null).
func keyText(name string) string {
	b, err := yaml.Marshal(name)
	if err != nil {
		return fmt.Sprintf("%q", name)
	}
	return strings.TrimSpace(string(b))
}

// flow renders v in flow style: `{agent: 3, context_graph: 5}`.
func (v yval) flow() string {
	if v.entries == nil {
		return v.scalar
	}
	parts := make([]string, len(v.entries))
	for i, en := range v.entries {
		parts[i] = en.key + ": " + en.val.flow()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// block renders entries in block style, each line indented by indent,
// nested mappings by step more.
func block(entries []yentry, indent, step, eol string) string {
	var b strings.Builder
	for _, en := range entries {
		if en.val.entries == nil {
			b.WriteString(indent + en.key + ": " + en.val.scalar + eol)
			continue
		}
		b.WriteString(indent + en.key + ":" + eol)
		b.WriteString(block(en.val.entries, indent+step, step, eol))
	}
	return b.String()
}

// insert adds the entry key: v to mapping m.
func (e *editor) insert(m *yaml.Node, key string, v yval) error {
	return e.insertEntries(m, []yentry{{key, v}})
}

// insertEntries adds entries to mapping m: after the `{` of a flow
// mapping, or before the first key of a block mapping, on lines of their
// own indented as that key is.
func (e *editor) insertEntries(m *yaml.Node, entries []yentry) error {
	off, err := e.offset(m.Line, m.Column)
	if err != nil {
		return err
	}
	if m.Style&yaml.FlowStyle != 0 {
		if off >= len(e.data) || e.data[off] != '{' {
			return fmt.Errorf("line %d: the flow mapping does not start with {", m.Line)
		}
		text := yval{entries: entries}.flow()
		text = text[1 : len(text)-1]
		if len(m.Content) > 0 {
			text += ", "
		}
		e.edits = append(e.edits, textEdit{off + 1, off + 1, text})
		return nil
	}
	if len(m.Content) == 0 {
		return fmt.Errorf("line %d: an empty block mapping", m.Line)
	}
	first := m.Content[0]
	at := e.lines[first.Line-1]
	keyOff, err := e.offset(first.Line, first.Column)
	if err != nil {
		return err
	}
	indent := string(e.data[at:keyOff])
	if strings.Trim(indent, " ") != "" {
		return fmt.Errorf("line %d: the key %s does not start its line, so amigosync cannot insert a line before it", first.Line, first.Value)
	}
	e.edits = append(e.edits, textEdit{at, at, block(entries, indent, e.step(m), e.eol)})
	return nil
}

// step is the indentation step of the manifest: how much deeper than its
// key a block mapping's keys are, as written under m or above it; two
// spaces when nothing shows.
func (e *editor) step(m *yaml.Node) string {
	var find func(n *yaml.Node) int
	find = func(n *yaml.Node) int {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 {
				continue
			}
			if d := v.Content[0].Column - k.Column; d > 0 && v.Content[0].Line > k.Line {
				return d
			}
			if d := find(v); d > 0 {
				return d
			}
		}
		return 0
	}
	return strings.Repeat(" ", cmp.Or(find(m), find(e.root), 2))
}

// replace records the edit of the pin scalar v (under key k).
func (e *editor) replace(k, v *yaml.Node, p pinEdit) error {
	what := fmt.Sprintf("line %d: the %s pin", k.Line, p.key)
	switch {
	case v.Kind == yaml.AliasNode:
		return fmt.Errorf("%s is an alias (*%s), which other places share; write the number out here to let amigosync edit it", what, v.Value)
	case v.Kind != yaml.ScalarNode:
		return fmt.Errorf("%s is not a number, latest or current", what)
	}
	from, err := e.offset(v.Line, v.Column)
	if err != nil {
		return err
	}
	to, err := e.scalarEnd(from, v)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if string(e.data[from:to]) != p.text() {
		e.edits = append(e.edits, textEdit{from, to, p.text()})
	}
	return nil
}

// scalarEnd is the offset just after scalar v's text, which starts at
// from: single-line plain and quoted scalars only.
func (e *editor) scalarEnd(from int, v *yaml.Node) (int, error) {
	d := e.data
	switch v.Style {
	case 0:
		to := from + len(v.Value)
		if to > len(d) || string(d[from:to]) != v.Value || strings.ContainsAny(v.Value, "\r\n") {
			return 0, errors.New("it is written over several lines")
		}
		return to, nil
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := d[from]
		for i := from + 1; i < len(d); i++ {
			switch {
			case d[i] == '\n':
				return 0, errors.New("it is written over several lines")
			case q == '"' && d[i] == '\\':
				i++
			case d[i] == q && q == '\'' && i+1 < len(d) && d[i+1] == '\'':
				i++
			case d[i] == q:
				return i + 1, nil
			}
		}
	}
	return 0, errors.New("it is written as a block scalar")
}

// offset is the byte offset of 1-based line and column (in characters,
// as yaml.v3 counts them).
func (e *editor) offset(line, col int) (int, error) {
	if line < 1 || line > len(e.lines) || col < 1 {
		return 0, fmt.Errorf("line %d, column %d is outside the file", line, col)
	}
	off := e.lines[line-1]
	for range col - 1 {
		if off >= len(e.data) || e.data[off] == '\n' {
			return 0, fmt.Errorf("line %d has no column %d", line, col)
		}
		_, size := utf8.DecodeRune(e.data[off:])
		off += size
	}
	return off, nil
}

// apply returns the data with the edits made, from the last to the first
// so that earlier offsets stay true.
func (e *editor) apply() []byte {
	edits := slices.Clone(e.edits)
	slices.SortStableFunc(edits, func(a, b textEdit) int { return cmp.Compare(b.from, a.from) })
	out := slices.Clone(e.data)
	for _, ed := range edits {
		out = slices.Concat(out[:ed.from], []byte(ed.text), out[ed.to:])
	}
	return out
}

// verify checks that the manifest at pos of data reads the pins back.
func verify(data []byte, pos spec.Pos, name string, pins []pinEdit) error {
	e, err := newEditor(data, pos)
	if err != nil {
		return err
	}
	n := e.root
	for _, key := range []string{"spec", "version_sets", name} {
		if _, n = entry(n, key); n == nil || n.Kind != yaml.MappingNode {
			return fmt.Errorf("no mapping %s", key)
		}
	}
	for _, p := range pins {
		_, v := entry(n, p.key)
		if v == nil || v.Kind != yaml.ScalarNode || v.Value != p.text() {
			return fmt.Errorf("version set %s: %s does not read %s", name, p.key, p.text())
		}
	}
	return nil
}
