package promote

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/internal/atomicfile"
	"github.com/amigosync/amigosync/pkg/spec"
)

// WriteManifest sets the pins of version set name in the Service manifest
// that starts at pos in file (see SetPins), writing the file atomically
// with its mode kept. It reports whether the file changed.
func WriteManifest(file string, pos spec.Pos, name string, set spec.VersionSet) (bool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return false, err
	}
	out, err := SetPins(data, pos, name, set)
	if err != nil {
		return false, fmt.Errorf("%s: %w", file, err)
	}
	if bytes.Equal(out, data) {
		return false, nil
	}
	info, err := os.Stat(file)
	if err != nil {
		return false, err
	}
	if err := atomicfile.WriteFile(file, out, info.Mode().Perm()); err != nil {
		return false, err
	}
	return true, nil
}

// SetPins returns data, a YAML file, with the pins of version set name
// set in the Service manifest whose document starts at pos: a pin of set
// whose Kind is zero is left as it is. Only the text of those pins
// changes; comments, key order, quoting, flow or block style and blank
// lines are kept byte for byte. A set, or a pin, that the manifest does
// not have is inserted (before the mapping's first key, indented as its
// keys are). The result is parsed again and checked before it is
// returned; a manifest it cannot edit safely (a set or pin written as an
// alias, a multi-line pin) is an error naming the line.
func SetPins(data []byte, pos spec.Pos, name string, set spec.VersionSet) ([]byte, error) {
	e, err := newEditor(data, pos)
	if err != nil {
		return nil, err
	}
	pins := []pinEdit{{"agent", set.Agent}, {"context_graph", set.ContextGraph}}
	pins = slices.DeleteFunc(pins, func(p pinEdit) bool { return p.pin.Kind == 0 })
	if err := e.plan(name, pins); err != nil {
		return nil, err
	}
	out := e.apply()
	if err := verify(out, pos, name, pins); err != nil {
		return nil, fmt.Errorf("the edited manifest does not read back as intended (the file is left as it was): %w", err)
	}
	return out, nil
}

// pinEdit is one pin to write under its key.
type pinEdit struct {
	key string
	pin spec.Pin
}

// text is the pin as written in YAML.
func (p pinEdit) text() string { return p.pin.String() }

// textEdit replaces data[from:to] with text.
type textEdit struct {
	from, to int
	text     string
}

// editor plans the text edits of one manifest.
type editor struct {
	data  []byte
	lines []int // byte offset of each line's start
	eol   string
	root  *yaml.Node
	edits []textEdit
}

func newEditor(data []byte, pos spec.Pos) (*editor, error) {
	roots, err := documents(data)
	if err != nil {
		return nil, err
	}
	e := &editor{data: data, lines: []int{0}, eol: "\n"}
	if bytes.Contains(data, []byte("\r\n")) {
		e.eol = "\r\n"
	}
	for i, b := range data {
		if b == '\n' {
			e.lines = append(e.lines, i+1)
		}
	}
	for _, r := range roots {
		if r.Line == pos.Line && r.Column == pos.Col && r.Kind == yaml.MappingNode {
			e.root = r
		}
	}
	if e.root == nil {
		return nil, fmt.Errorf("no manifest starts at line %d, column %d (the file changed since it was read?)", pos.Line, pos.Col)
	}
	return e, nil
}

// documents parses every document of data; a panic of the parser is an
// error too.
func documents(data []byte) (roots []*yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("invalid YAML: parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		switch err := dec.Decode(&n); {
		case errors.Is(err, io.EOF):
			return roots, nil
		case err != nil:
			return nil, fmt.Errorf("invalid YAML: %w", err)
		}
		if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
			roots = append(roots, n.Content[0])
		}
	}
}

// entry returns the key and value of key among mapping m's own keys (a
// merged mapping is shared, so it is never edited).
func entry(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if kn := m.Content[i]; kn.Kind == yaml.ScalarNode && kn.Value == key && kn.ShortTag() != "!!merge" {
			return kn, m.Content[i+1]
		}
	}
	return nil, nil
}

// mapping checks that the value under key is a mapping written here (not
// an alias of one written elsewhere).
func mapping(k, v *yaml.Node, what string) error {
	switch {
	case v.Kind == yaml.AliasNode:
		return fmt.Errorf("line %d: %s is an alias (*%s), which other places share; write it out here to let amigosync edit it", k.Line, what, v.Value)
	case v.Kind != yaml.MappingNode:
		return fmt.Errorf("line %d: %s is not a mapping", k.Line, what)
	}
	return nil
}

// plan finds where each pin goes and records the edits.
func (e *editor) plan(name string, pins []pinEdit) error {
	k, specNode := entry(e.root, "spec")
	if specNode == nil {
		return errors.New("the manifest has no spec")
	}
	if err := mapping(k, specNode, "spec"); err != nil {
		return err
	}
	k, sets := entry(specNode, "version_sets")
	if sets == nil {
		return e.insert(specNode, "version_sets", setValue(name, pins))
	}
	if err := mapping(k, sets, "spec.version_sets"); err != nil {
		return err
	}
	k, setNode := entry(sets, name)
	if setNode == nil {
		return e.insert(sets, keyText(name), pinsValue(pins))
	}
	if err := mapping(k, setNode, "version set "+name); err != nil {
		return err
	}
	var missing []pinEdit
	for _, p := range pins {
		pk, pv := entry(setNode, p.key)
		if pv == nil {
			missing = append(missing, p)
			continue
		}
		if err := e.replace(pk, pv, p); err != nil {
			return err
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return e.insertEntries(setNode, pinsValue(missing).entries)
}
