package migrate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/spec"
)

// MapFormatVersion is the format_version a mapping file must declare.
const MapFormatVersion = 1

// Map is a parsed mapping file (`amigosync migrate --map FILE`): rules that
// resolve what cannot move on its own. The format is described in the
// package documentation and the README. A Map is not changed by Translate
// and may be reused.
type Map struct {
	file   string
	graphs ordered[*graphRules]
	tools  ordered[*toolRule]
}

// ordered holds rules by name and remembers their order in the file, for
// errors in that order.
type ordered[T any] struct {
	byName map[string]T
	order  []string
}

func (o *ordered[T]) add(name string, rule T) {
	if o.byName == nil {
		o.byName = map[string]T{}
	}
	o.byName[name] = rule
	o.order = append(o.order, name)
}

// get returns the rule called name, or the zero T (nil).
func (o *ordered[T]) get(name string) T { return o.byName[name] }

// File is the mapping file's name as given to ParseMap.
func (m *Map) File() string { return m.file }

// where is a position in the mapping file and the field it belongs to.
type where struct {
	pos   spec.Pos
	field string
}

// graphRules are the rules about one context graph.
type graphRules struct {
	at     where
	states ordered[*stateRule]
	refs   ordered[*refRule]
}

// stateRule replaces a state by an annotation, or removes it and routes the
// transitions that led to it to another state.
type stateRule struct {
	at           where
	annotate     bool
	innerThought string
	nextState    string // annotate: the annotation's successor ("": the state's only one)
	nextAt       where
	routeTo      string
	routeAt      where
}

// refRule routes every jump into a referenced graph to a state instead.
type refRule struct {
	at      where
	routeTo string
	routeAt where
}

// toolRule replaces a Classic tool id by a Platform skill, or drops the
// tool call specs that name it.
type toolRule struct {
	at    where
	skill string
	drop  bool
}

// MapError is one problem in a mapping file, at file:line:col, naming the
// field.
type MapError struct {
	Range   spec.Range
	Field   string
	Message string
}

// Error renders "file:line:col: field: message".
func (e *MapError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Range, e.Message)
	}
	return fmt.Sprintf("%s: %s: %s", e.Range, e.Field, e.Message)
}

// MapErrors is every problem found in a mapping file, in file order.
type MapErrors []*MapError

// Error renders one problem per line.
func (es MapErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

var (
	stateNameRE = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	toolIDRE    = regexp.MustCompile(`^[a-f0-9]{24}$`)
)

// ParseMap reads a mapping file. file names it in errors. Every problem is
// reported at once, as MapErrors.
func ParseMap(file string, data []byte) (*Map, error) {
	root, diag := spec.ParseYAML(file, data)
	if diag != nil {
		return nil, MapErrors{{Range: diag.Range, Message: diag.Summary}}
	}
	p := &mapParser{file: file}
	m := &Map{file: file}
	if root == nil {
		p.errorAt(spec.Pos{Line: 1, Col: 1}, "", "the mapping file is empty; it needs at least format_version: %d", MapFormatVersion)
		return nil, p.errs
	}
	version := false
	for _, e := range p.mapping(root, "", "format_version", "context_graphs", "tools") {
		switch e.key {
		case "format_version":
			version = true
			if e.value.Kind != yaml.ScalarNode || e.value.Value != fmt.Sprint(MapFormatVersion) {
				p.errorf(e.value, e.field, "this release reads mapping files of format_version %d", MapFormatVersion)
			}
		case "context_graphs":
			for _, g := range p.mapping(e.value, e.field) {
				m.graphs.add(g.key, p.graph(g))
			}
		case "tools":
			for _, t := range p.mapping(e.value, e.field) {
				if rule := p.tool(t); rule != nil {
					m.tools.add(t.key, rule)
				}
			}
		}
	}
	if !version && root.Kind == yaml.MappingNode {
		p.errorf(root, "", "format_version is missing; write format_version: %d first", MapFormatVersion)
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return m, nil
}

// entry is one key and value of a mapping, with the value's field path.
type entry struct {
	key   string
	keyAt *yaml.Node
	value *yaml.Node
	field string
}

// mapParser walks the file's nodes, collecting problems.
type mapParser struct {
	file string
	errs MapErrors
}

func (p *mapParser) errorAt(pos spec.Pos, field, format string, args ...any) {
	p.errs = append(p.errs, &MapError{Range: spec.Range{File: p.file, Start: pos, End: pos}, Field: field,
		Message: fmt.Sprintf(format, args...)})
}

func (p *mapParser) errorf(n *yaml.Node, field, format string, args ...any) {
	p.errorAt(posOf(n), field, format, args...)
}

func posOf(n *yaml.Node) spec.Pos { return spec.Pos{Line: n.Line, Col: n.Column} }

func (p *mapParser) at(n *yaml.Node, field string) where { return where{pos: posOf(n), field: field} }

// mapping returns the entries of a mapping node. When allowed keys are
// given, any other key is an error naming them.
func (p *mapParser) mapping(n *yaml.Node, field string, allowed ...string) []entry {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		p.errorf(n, field, "must be a mapping, not %s", describeNode(n))
		return nil
	}
	var out []entry
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			p.errorf(k, field, "keys must be plain names (merge keys and complex keys are not supported)")
			continue
		}
		sub := joinField(field, k.Value)
		switch {
		case seen[k.Value]:
			p.errorf(k, sub, "is given twice")
			continue
		case len(allowed) > 0 && !slices.Contains(allowed, k.Value):
			p.errorf(k, sub, "unknown key; %s", keyList(field, allowed))
			continue
		}
		seen[k.Value] = true
		out = append(out, entry{key: k.Value, keyAt: k, value: v, field: sub})
	}
	return out
}

// str returns a scalar's non-blank string value.
func (p *mapParser) str(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		p.errorf(n, field, "must be a string, not %s", describeNode(n))
		return "", false
	}
	if strings.TrimSpace(n.Value) == "" {
		p.errorf(n, field, "must not be empty")
		return "", false
	}
	return n.Value, true
}

// stateName returns a scalar that must be a state name.
func (p *mapParser) stateName(n *yaml.Node, field string) (string, bool) {
	s, ok := p.str(n, field)
	if ok && !stateNameRE.MatchString(s) {
		p.errorf(n, field, "%q is not a state name (letters, digits and underscores)", s)
		return "", false
	}
	return s, ok
}

func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.ShortTag() == "!!null" {
		return "null"
	}
	return fmt.Sprintf("%q", n.Value)
}

func joinField(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func keyList(field string, keys []string) string {
	what := "the file"
	if field != "" {
		what = field
	}
	return fmt.Sprintf("%s takes %s", what, strings.Join(keys, ", "))
}
