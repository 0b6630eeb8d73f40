package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// valueDecoder fills typed structs straight from converter values
// (map[string]any, []any, string, json.Number, bool, nil) using the json
// struct tags, without encoding to JSON and parsing it again. Types with
// their own UnmarshalJSON (Pin, NextState, Action) go through it. It only
// runs on values the schema accepted, and a test checks it agrees with
// encoding/json.
//
// The reflection is done once per Go type: decoderFor builds a function
// per type (struct field tables, element decoders, which unmarshaler
// applies) and caches it, so decoding a value is a chain of direct calls
// rather than a type inspection per field.
type valueDecoder struct {
	funcs sync.Map // reflect.Type → decodeFunc
}

// decodeFunc stores a converter value into rv.
type decodeFunc func(v any, rv reflect.Value) error

var (
	jsonUnmarshalerType  = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	valueUnmarshalerType = reflect.TypeOf((*valueUnmarshaler)(nil)).Elem()
)

// valueUnmarshaler is implemented by model types that read converter
// values directly (the fast path of their UnmarshalJSON).
type valueUnmarshaler interface {
	unmarshalValue(v any) error
}

// decode stores v into the value out points to.
func (d *valueDecoder) decode(v any, out any) error {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("decode into %T: need a non-nil pointer", out)
	}
	return d.decoderFor(rv.Elem().Type())(v, rv.Elem())
}

// decoderFor returns the cached decoder of t, building it on first use.
func (d *valueDecoder) decoderFor(t reflect.Type) decodeFunc {
	if f, ok := d.funcs.Load(t); ok {
		return f.(decodeFunc)
	}
	f := buildDecoder(t, map[reflect.Type]*decodeFunc{})
	actual, _ := d.funcs.LoadOrStore(t, f)
	return actual.(decodeFunc)
}

// buildDecoder makes the decoder of t. building holds the types being
// built, so that a recursive type refers to its own decoder.
func buildDecoder(t reflect.Type, building map[reflect.Type]*decodeFunc) decodeFunc {
	if cell, ok := building[t]; ok {
		return func(v any, rv reflect.Value) error { return (*cell)(v, rv) }
	}
	cell := new(decodeFunc)
	building[t] = cell
	*cell = withNil(t, buildNonNil(t, building))
	return *cell
}

// withNil makes a null value zero the destination, as encoding/json does
// for the types it fills here.
func withNil(t reflect.Type, f decodeFunc) decodeFunc {
	return func(v any, rv reflect.Value) error {
		if v == nil {
			rv.SetZero()
			return nil
		}
		return f(v, rv)
	}
}

func buildNonNil(t reflect.Type, building map[reflect.Type]*decodeFunc) decodeFunc {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(valueUnmarshalerType):
		return func(v any, rv reflect.Value) error {
			return rv.Addr().Interface().(valueUnmarshaler).unmarshalValue(v)
		}
	case pt.Implements(jsonUnmarshalerType):
		return func(v any, rv reflect.Value) error {
			return rv.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(appendJSON(nil, v))
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := buildDecoder(t.Elem(), building)
		return func(v any, rv reflect.Value) error {
			p := reflect.New(t.Elem())
			if err := elem(v, p.Elem()); err != nil {
				return err
			}
			rv.Set(p)
			return nil
		}
	case reflect.Interface:
		return func(v any, rv reflect.Value) error {
			rv.Set(reflect.ValueOf(plainJSON(v)))
			return nil
		}
	case reflect.Struct:
		return structDecoder(t, building)
	case reflect.Slice:
		return sliceDecoder(t, buildDecoder(t.Elem(), building))
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return typeError
		}
		return mapDecoder(t, buildDecoder(t.Elem(), building))
	}
	return scalarValue
}

// structField is a field a json name fills.
type structField struct {
	index int
	dec   decodeFunc
}

func structDecoder(t reflect.Type, building map[reflect.Type]*decodeFunc) decodeFunc {
	fields := make(map[string]structField, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = sf.Name
		}
		fields[name] = structField{index: i, dec: buildDecoder(sf.Type, building)}
	}
	return func(v any, rv reflect.Value) error {
		m, ok := v.(map[string]any)
		if !ok {
			return typeError(v, rv)
		}
		for k, item := range m {
			if f, ok := fields[k]; ok {
				if err := f.dec(item, rv.Field(f.index)); err != nil {
					return atPath(k, err)
				}
			}
		}
		return nil
	}
}

func sliceDecoder(t reflect.Type, elem decodeFunc) decodeFunc {
	return func(v any, rv reflect.Value) error {
		list, ok := v.([]any)
		if !ok {
			return typeError(v, rv)
		}
		s := reflect.MakeSlice(t, len(list), len(list))
		for i, item := range list {
			if err := elem(item, s.Index(i)); err != nil {
				return atPath(strconv.Itoa(i), err)
			}
		}
		rv.Set(s)
		return nil
	}
}

func mapDecoder(t reflect.Type, elem decodeFunc) decodeFunc {
	return func(v any, rv reflect.Value) error {
		m, ok := v.(map[string]any)
		if !ok {
			return typeError(v, rv)
		}
		out := reflect.MakeMapWithSize(t, len(m))
		for k, item := range m {
			ev := reflect.New(t.Elem()).Elem()
			if err := elem(item, ev); err != nil {
				return atPath(k, err)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		rv.Set(out)
		return nil
	}
}

func scalarValue(v any, rv reflect.Value) error {
	switch x := v.(type) {
	case string:
		if rv.Kind() == reflect.String {
			rv.SetString(x)
			return nil
		}
	case bool:
		if rv.Kind() == reflect.Bool {
			rv.SetBool(x)
			return nil
		}
	case json.Number:
		switch rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n, ok := parseWhole(string(x))
			if !ok || rv.OverflowInt(n) {
				return fmt.Errorf("%s is outside the integers amigosync can store (%d to %d)", x, math.MinInt64, math.MaxInt64)
			}
			rv.SetInt(n)
			return nil
		case reflect.Float32, reflect.Float64:
			f, err := strconv.ParseFloat(string(x), 64)
			if err != nil {
				return fmt.Errorf("%s is not a number", x)
			}
			rv.SetFloat(f)
			return nil
		}
	}
	return typeError(v, rv)
}

// parseWhole reads an integer written plainly ("3") or as a whole
// floating-point number: the converter writes a YAML float such as 1e7 or
// 10000000.0 as "1e+07", which the schema accepts as an integer. ok is
// false when s is not a whole number or does not fit in an int64.
func parseWhole(s string) (n int64, ok bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// pathError is a decoding failure at a value below the one being decoded:
// path holds the keys and list indexes from there, outermost first, so the
// caller can point at the value's line and column.
type pathError struct {
	path []string
	err  error
}

func (e *pathError) Error() string { return strings.Join(e.path, ": ") + ": " + e.err.Error() }

func (e *pathError) Unwrap() error { return e.err }

// atPath records that err happened under key (or index) tok.
func atPath(tok string, err error) error {
	if pe, ok := err.(*pathError); ok {
		pe.path = append([]string{tok}, pe.path...)
		return pe
	}
	return &pathError{path: []string{tok}, err: err}
}

func typeError(v any, rv reflect.Value) error {
	return fmt.Errorf("cannot store %s in a %s", jsonTypeName(v), rv.Type())
}

// plainJSON turns converter values into what encoding/json would produce
// for an interface{} (float64 numbers), so untyped blocks compare equal to
// values decoded from API responses.
func plainJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return string(x)
		}
		return f
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = plainJSON(item)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = plainJSON(item)
		}
		return out
	}
	return v
}

// unmarshalValue reads a string (Classic) or an object (Platform).
func (a *Action) unmarshalValue(v any) error {
	switch x := v.(type) {
	case string:
		*a = Action{Description: x}
		return nil
	case map[string]any:
		desc, _ := x["description"].(string)
		*a = Action{Description: desc}
		if hint, ok := x["filler_hint"].(string); ok {
			a.FillerHint = &hint
		}
		return nil
	}
	return fmt.Errorf("an action is a string or a mapping, not %s", jsonTypeName(v))
}

// unmarshalValue reads a state name or a [ref.state, jumpback] pair.
func (n *NextState) unmarshalValue(v any) error {
	switch x := v.(type) {
	case string:
		*n = NextState{State: x}
		return nil
	case []any:
		if len(x) == 2 {
			ext, ok1 := x[0].(string)
			back, ok2 := x[1].(string)
			if ok1 && ok2 {
				*n = NextState{External: ext, JumpBack: back}
				return nil
			}
		}
	}
	return fmt.Errorf("next_state must be a state name or a [ref.state, jumpback_state] pair")
}

// unmarshalValue reads a number ≥ 1, "latest" or "current".
func (p *Pin) unmarshalValue(v any) error {
	switch x := v.(type) {
	case string:
		return p.UnmarshalJSON([]byte(strconv.Quote(x)))
	case json.Number:
		return p.UnmarshalJSON([]byte(x))
	}
	return fmt.Errorf("a pin is a version number, latest or current, not %s", jsonTypeName(v))
}
