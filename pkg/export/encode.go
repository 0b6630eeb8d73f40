package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/spec"
)

// maxDepth bounds the nesting of a spec value. pkg/spec refuses documents
// nested deeper than 200 levels; a spec sits two levels below the root.
const maxDepth = 190

// Encode writes one manifest of kind called name whose spec is s (a
// spec.AgentSpec, spec.ContextGraphSpec or spec.ServiceSpec, or a pointer
// to one), in the Platform dialect's forms. It is EncodeFor with
// spec.DialectPlatform; see the package documentation for the layout.
func Encode(kind spec.Kind, name string, s any) ([]byte, error) {
	return EncodeFor(spec.DialectPlatform, kind, name, s)
}

// EncodeFor writes one manifest as Encode does, in the forms of dialect d:
// context graph actions are plain strings on Classic, objects on Platform.
// The output is read back before it is returned; it loads through pkg/spec
// into the value s. Whether it validates is for pkg/spec to say (Check).
func EncodeFor(d spec.Dialect, kind spec.Kind, name string, s any) ([]byte, error) {
	if _, ok := spec.KindOf(kind); !ok {
		return nil, fmt.Errorf("encode %q: %q is not a manifest kind", name, kind)
	}
	out, err := encode(d, kind, name, s)
	if err != nil {
		return nil, fmt.Errorf("encode %s %q: %w", kind.Noun(), name, err)
	}
	return out, nil
}

// encode is EncodeFor without the resource named in errors.
func encode(d spec.Dialect, kind spec.Kind, name string, s any) ([]byte, error) {
	if !utf8.ValidString(name) {
		return nil, errors.New("metadata.name is not valid UTF-8 text, which a manifest cannot hold")
	}
	e := &encoder{dialect: d}
	body, err := e.value(reflect.ValueOf(s), 0, "spec")
	if err != nil {
		return nil, err
	}
	meta := mapping(pair("name", e.str(name)))
	doc := mapping(pair("apiVersion", plain(spec.APIVersion)), pair("kind", plain(string(kind))),
		pair("metadata", meta), pair("spec", body))
	return emit(doc)
}

// encoder turns Go values of the manifest model into yaml.v3 nodes.
type encoder struct {
	dialect spec.Dialect
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	actionType        = reflect.TypeFor[spec.Action]()
	numberType        = reflect.TypeFor[json.Number]()
)

// value converts rv; path names it in errors ("spec.states.2.name").
func (e *encoder) value(rv reflect.Value, depth int, path string) (*yaml.Node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s is nested more than %d levels deep", path, maxDepth)
	}
	if !rv.IsValid() {
		return null(), nil
	}
	t := rv.Type()
	switch {
	case t == actionType && e.dialect == spec.DialectClassic:
		return e.classicAction(rv.Interface().(spec.Action), path)
	case t == numberType:
		return number(rv.String())
	case t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && t.Implements(jsonMarshalerType):
		return e.marshaled(rv, path)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return null(), nil
		}
		return e.value(rv.Elem(), depth+1, path)
	case reflect.Struct:
		return e.object(rv, depth, path)
	case reflect.Map:
		return e.dict(rv, depth, path)
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && rv.IsNil() {
			return null(), nil
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range rv.Len() {
			item, err := e.value(rv.Index(i), depth+1, path+"."+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			seq.Content = append(seq.Content, item)
		}
		return seq, nil
	}
	return e.scalar(rv, path)
}

// classicAction writes a Classic action: a plain string.
func (e *encoder) classicAction(a spec.Action, path string) (*yaml.Node, error) {
	if a.FillerHint != nil {
		return nil, fmt.Errorf("%s has a filler_hint, which Classic actions do not have (they are plain strings)", path)
	}
	return e.value(reflect.ValueOf(a.Description), 0, path)
}

// scalar converts a string, boolean or number.
func (e *encoder) scalar(rv reflect.Value, path string) (*yaml.Node, error) {
	switch rv.Kind() {
	case reflect.String:
		if !utf8.ValidString(rv.String()) {
			return nil, fmt.Errorf("%s is not valid UTF-8 text, which a manifest cannot hold", path)
		}
		return e.str(rv.String()), nil
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(rv.Bool())}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(rv.Int(), 10)}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatUint(rv.Uint(), 10)}, nil
	case reflect.Float32, reflect.Float64:
		return float(rv.Float(), path)
	}
	return nil, fmt.Errorf("%s holds a %s, which a manifest cannot hold", path, rv.Type())
}

// object converts a struct: its fields in declaration order, by their JSON
// names, empty optional ones left out.
func (e *encoder) object(rv reflect.Value, depth int, path string) (*yaml.Node, error) {
	m := mapping()
	t := rv.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := rv.Field(i)
		if omitted(fv, opts == "omitempty" || strings.Contains(opts, "omitempty")) {
			continue
		}
		v, err := e.value(fv, depth+1, path+"."+name)
		if err != nil {
			return nil, err
		}
		m.Content = append(m.Content, plain(name), v)
	}
	return m, nil
}

// omitted says whether a struct field is left out: nil pointers and
// interfaces, empty lists and maps (the loader reads a missing list as an
// empty one), and zero values of omitempty fields.
func omitted(fv reflect.Value, omitempty bool) bool {
	switch fv.Kind() {
	case reflect.Pointer, reflect.Interface:
		return fv.IsNil()
	case reflect.Slice, reflect.Map:
		return fv.Len() == 0
	}
	return omitempty && fv.IsZero()
}

// dict converts a map with string keys, keys sorted. Its entries are
// content: a null value stays (a Classic tag without a value).
func (e *encoder) dict(rv reflect.Value, depth int, path string) (*yaml.Node, error) {
	if rv.Type().Key().Kind() != reflect.String {
		return nil, fmt.Errorf("%s is a map with %s keys, which a manifest cannot hold", path, rv.Type().Key())
	}
	if rv.IsNil() {
		return null(), nil
	}
	keys := make([]string, 0, rv.Len())
	for _, k := range rv.MapKeys() {
		keys = append(keys, k.String())
	}
	slices.Sort(keys)
	m := mapping()
	for _, k := range keys {
		if !utf8.ValidString(k) {
			return nil, fmt.Errorf("%s has a key that is not valid UTF-8 text, which a manifest cannot hold", path)
		}
		v, err := e.value(rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key())), depth+1, path+"."+k)
		if err != nil {
			return nil, err
		}
		m.Content = append(m.Content, key(k), v)
	}
	return m, nil
}

// marshaled converts a value with its own JSON form (a version pin, a
// next_state): the form the loader reads. A short list (a [ref.state,
// jumpback] pair) is written in flow style.
func (e *encoder) marshaled(rv reflect.Value, path string) (*yaml.Node, error) {
	b, err := json.Marshal(rv.Interface())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	n, err := e.value(reflect.ValueOf(v), 0, path)
	if err != nil {
		return nil, err
	}
	if n.Kind == yaml.SequenceNode {
		n.Style = yaml.FlowStyle
	}
	return n, nil
}

// str is a string value, with "${vars." escaped so that the loader's
// substitution gives the string back.
func (e *encoder) str(s string) *yaml.Node {
	return stringNode(escapeVars(s))
}

// key is a mapping key: keys are not substituted, so not escaped.
func key(s string) *yaml.Node { return stringNode(s) }

func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func null() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"} }

func mapping(pairs ...[2]*yaml.Node) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, p := range pairs {
		m.Content = append(m.Content, p[0], p[1])
	}
	return m
}

func pair(k string, v *yaml.Node) [2]*yaml.Node { return [2]*yaml.Node{plain(k), v} }

// float writes a number the loader reads back as the same float64: whole
// numbers as integers ("24000", which reads as 24000.0 too), others in the
// shortest form that round-trips ("0.5", "1e+21").
func float(f float64, path string) (*yaml.Node, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%s is %v, which a manifest cannot hold (numbers are finite)", path, f)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatFloat(f, 'f', -1, 64)}, nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(f, 'g', -1, 64)}, nil
}

// number writes a json.Number as it is, as an integer or a float.
func number(s string) (*yaml.Node, error) {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: s}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%q is not a number", s)
	}
	return float(f, s)
}

// emit writes doc and reads it back. A scalar that does not come back as
// written is double-quoted (which yaml.v3 always reads back exactly) and
// the document written again.
func emit(doc *yaml.Node) ([]byte, error) {
	for range 16 {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := errors.Join(enc.Encode(doc), enc.Close()); err != nil {
			return nil, fmt.Errorf("write YAML: %w", err)
		}
		var back yaml.Node
		if err := yaml.Unmarshal(buf.Bytes(), &back); err != nil {
			return nil, fmt.Errorf("read back the YAML written: %w", err)
		}
		if len(back.Content) != 1 {
			return nil, errors.New("read back the YAML written: not one document")
		}
		bad := differs(doc, back.Content[0])
		if bad == nil {
			return buf.Bytes(), nil
		}
		if bad.Kind != yaml.ScalarNode || bad.Style == yaml.DoubleQuotedStyle {
			return nil, fmt.Errorf("the value %q does not read back as written", bad.Value)
		}
		bad.Style = yaml.DoubleQuotedStyle
	}
	return nil, errors.New("too many values do not read back as written")
}

// differs returns the node of want that got does not reproduce, or nil.
func differs(want, got *yaml.Node) *yaml.Node {
	if want.Kind != got.Kind || len(want.Content) != len(got.Content) {
		return want
	}
	if want.Kind == yaml.ScalarNode {
		if want.Value != got.Value || want.ShortTag() != got.ShortTag() {
			return want
		}
		return nil
	}
	for i := range want.Content {
		if bad := differs(want.Content[i], got.Content[i]); bad != nil {
			return bad
		}
	}
	return nil
}
