package spec

import (
	"encoding/json"
	"fmt"
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
type valueDecoder struct {
	fields sync.Map // reflect.Type → map[string]int (json name → field index)
}

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
	return d.value(v, rv.Elem())
}

func (d *valueDecoder) value(v any, rv reflect.Value) error {
	if v == nil {
		rv.SetZero()
		return nil
	}
	pt := reflect.PointerTo(rv.Type())
	if pt.Implements(valueUnmarshalerType) {
		return rv.Addr().Interface().(valueUnmarshaler).unmarshalValue(v)
	}
	if pt.Implements(jsonUnmarshalerType) {
		return rv.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(appendJSON(nil, v))
	}
	switch rv.Kind() {
	case reflect.Pointer:
		p := reflect.New(rv.Type().Elem())
		if err := d.value(v, p.Elem()); err != nil {
			return err
		}
		rv.Set(p)
		return nil
	case reflect.Interface:
		rv.Set(reflect.ValueOf(plainJSON(v)))
		return nil
	case reflect.Struct:
		return d.structValue(v, rv)
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return typeError(v, rv)
		}
		s := reflect.MakeSlice(rv.Type(), len(list), len(list))
		for i, item := range list {
			if err := d.value(item, s.Index(i)); err != nil {
				return err
			}
		}
		rv.Set(s)
		return nil
	case reflect.Map:
		return d.mapValue(v, rv)
	}
	return scalarValue(v, rv)
}

func (d *valueDecoder) structValue(v any, rv reflect.Value) error {
	m, ok := v.(map[string]any)
	if !ok {
		return typeError(v, rv)
	}
	fields := d.fieldIndex(rv.Type())
	for k, item := range m {
		if i, ok := fields[k]; ok {
			if err := d.value(item, rv.Field(i)); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
	}
	return nil
}

func (d *valueDecoder) mapValue(v any, rv reflect.Value) error {
	m, ok := v.(map[string]any)
	if !ok || rv.Type().Key().Kind() != reflect.String {
		return typeError(v, rv)
	}
	out := reflect.MakeMapWithSize(rv.Type(), len(m))
	for k, item := range m {
		ev := reflect.New(rv.Type().Elem()).Elem()
		if err := d.value(item, ev); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), ev)
	}
	rv.Set(out)
	return nil
}

// fieldIndex maps json names to field indexes, once per type.
func (d *valueDecoder) fieldIndex(t reflect.Type) map[string]int {
	if f, ok := d.fields.Load(t); ok {
		return f.(map[string]int)
	}
	f := make(map[string]int, t.NumField())
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
		f[name] = i
	}
	d.fields.Store(t, f)
	return f
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
			n, err := strconv.ParseInt(string(x), 10, 64)
			if err != nil || rv.OverflowInt(n) {
				return fmt.Errorf("%s is not an integer that fits", x)
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
