package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// This file is a small validator of decoded JSON that answers like pydantic v2: each rule
// checks a value at a location, records FastAPI FieldErrors, and returns the value as the
// service would keep it (strings of the "Stripped" types trimmed, unknown object keys dropped),
// so the result can be re-encoded and decoded into the wire types.

// rule checks v at loc and returns the normalised value.
type rule func(v any, loc []any, e *errs) any

// errs collects validation errors.
type errs struct{ list []emukit.FieldError }

// add records one error at loc.
func (e *errs) add(loc []any, msg, typ string) {
	e.list = append(e.list, emukit.FieldError{Loc: append([]any(nil), loc...), Msg: msg, Type: typ})
}

// at returns loc extended by more, without aliasing loc.
func at(loc []any, more ...any) []any {
	return append(append(make([]any, 0, len(loc)+len(more)), loc...), more...)
}

// strOpts constrain a string.
type strOpts struct {
	strip    bool
	min, max int // max 0 = unbounded
	pattern  *regexp.Regexp
	oneOf    []string // allowed values, when set
	oneOfMsg string   // message when oneOf fails; default lists the values
}

// str checks a string.
func str(o strOpts) rule {
	return func(v any, loc []any, e *errs) any {
		s, ok := v.(string)
		if !ok {
			e.add(loc, "Input should be a valid string", "string_type")
			return v
		}
		if o.strip {
			s = strings.TrimSpace(s)
		}
		n := len([]rune(s))
		switch {
		case n < o.min:
			e.add(loc, fmt.Sprintf("String should have at least %d %s", o.min, plural(o.min, "character")), "string_too_short")
		case o.max > 0 && n > o.max:
			e.add(loc, fmt.Sprintf("String should have at most %d %s", o.max, plural(o.max, "character")), "string_too_long")
		case o.pattern != nil && !o.pattern.MatchString(s):
			e.add(loc, fmt.Sprintf("String should match pattern '%s'", o.pattern.String()), "string_pattern_mismatch")
		case o.oneOf != nil && !contains(o.oneOf, s):
			msg := o.oneOfMsg
			if msg == "" {
				msg = "Input should be " + quoteList(o.oneOf)
			}
			e.add(loc, msg, "enum")
		}
		return s
	}
}

// plural returns word with an "s" unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// contains reports whether s is in list.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quoteList writes 'a', 'b' or 'c' as pydantic does.
func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = "'" + v + "'"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// numOpts bound a number; nil bounds are absent.
type numOpts struct {
	gt, ge, le *float64
}

// bound returns a pointer to f, for numOpts.
func bound(f float64) *float64 { return &f }

// checkBounds records the first bound v violates.
func (o numOpts) checkBounds(f float64, loc []any, e *errs) {
	switch {
	case o.gt != nil && !(f > *o.gt):
		e.add(loc, "Input should be greater than "+fmtNum(*o.gt), "greater_than")
	case o.ge != nil && !(f >= *o.ge):
		e.add(loc, "Input should be greater than or equal to "+fmtNum(*o.ge), "greater_than_equal")
	case o.le != nil && !(f <= *o.le):
		e.add(loc, "Input should be less than or equal to "+fmtNum(*o.le), "less_than_equal")
	}
}

// fmtNum writes a bound as pydantic does (10, 0.5).
func fmtNum(f float64) string { return fmt.Sprint(f) }

// integer checks a whole number. Integers written as such are read
// exactly, whatever their size within int64: the document bounds few of
// them (word_limit only from below), and pydantic reads any JSON integer.
func integer(o numOpts) rule {
	return func(v any, loc []any, e *errs) any {
		n, ok := v.(json.Number)
		if !ok {
			e.add(loc, "Input should be a valid integer", "int_type")
			return v
		}
		if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			o.checkBounds(float64(i), loc, e)
			return json.Number(strconv.FormatInt(i, 10))
		}
		f, err := n.Float64()
		if err != nil || math.IsInf(f, 0) {
			e.add(loc, "Input should be a valid integer", "int_type")
			return v
		}
		if f != math.Trunc(f) {
			e.add(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float")
			return v
		}
		if math.Abs(f) > 1<<53 {
			e.add(loc, "Input should be a valid integer, the number is too large", "int_parsing_size")
			return v
		}
		o.checkBounds(f, loc, e)
		return json.Number(fmt.Sprint(int64(f)))
	}
}

// number checks a number.
func number(o numOpts) rule {
	return func(v any, loc []any, e *errs) any {
		n, ok := v.(json.Number)
		if !ok {
			e.add(loc, "Input should be a valid number", "float_type")
			return v
		}
		f, err := n.Float64()
		if err != nil || math.IsInf(f, 0) {
			e.add(loc, "Input should be a finite number", "finite_number")
			return v
		}
		o.checkBounds(f, loc, e)
		return n
	}
}

// boolean checks a boolean.
func boolean() rule {
	return func(v any, loc []any, e *errs) any {
		if _, ok := v.(bool); !ok {
			e.add(loc, "Input should be a valid boolean", "bool_type")
		}
		return v
	}
}

// anyValue accepts anything.
func anyValue() rule { return func(v any, _ []any, _ *errs) any { return v } }

// list checks an array whose items pass item; max 0 = unbounded.
func list(item rule, minItems, maxItems int) rule {
	return func(v any, loc []any, e *errs) any {
		arr, ok := v.([]any)
		if !ok {
			e.add(loc, "Input should be a valid list", "list_type")
			return v
		}
		out := make([]any, len(arr))
		for i, x := range arr {
			out[i] = item(x, at(loc, i), e)
		}
		switch {
		case len(arr) < minItems:
			e.add(loc, fmt.Sprintf("List should have at least %d %s after validation, not %d", minItems, plural(minItems, "item"), len(arr)), "too_short")
		case maxItems > 0 && len(arr) > maxItems:
			e.add(loc, fmt.Sprintf("List should have at most %d %s after validation, not %d", maxItems, plural(maxItems, "item"), len(arr)), "too_long")
		}
		return out
	}
}

// tuple checks an array of exactly len(items) values, item i passing items[i].
func tuple(items ...rule) rule {
	return func(v any, loc []any, e *errs) any {
		arr, ok := v.([]any)
		if !ok {
			e.add(loc, "Input should be a valid array", "tuple_type")
			return v
		}
		if len(arr) != len(items) {
			e.add(loc, fmt.Sprintf("Tuple should have %d items, not %d", len(items), len(arr)), "tuple_length")
			return v
		}
		out := make([]any, len(arr))
		for i, x := range arr {
			out[i] = items[i](x, at(loc, i), e)
		}
		return out
	}
}

// nullable accepts null, or a value passing r.
func nullable(r rule) rule {
	return func(v any, loc []any, e *errs) any {
		if v == nil {
			return nil
		}
		return r(v, loc, e)
	}
}

// dict checks an object whose keys pass key and values pass val; maxProps 0 = unbounded.
func dict(key, val rule, maxProps int) rule {
	return func(v any, loc []any, e *errs) any {
		m, ok := v.(map[string]any)
		if !ok {
			e.add(loc, "Input should be a valid dictionary", "dict_type")
			return v
		}
		out := make(map[string]any, len(m))
		for _, k := range sortedKeys(m) {
			nk, _ := key(k, at(loc, k, "[key]"), e).(string)
			out[nk] = val(m[k], at(loc, k), e)
		}
		if maxProps > 0 && len(m) > maxProps {
			e.add(loc, fmt.Sprintf("Dictionary should have at most %d items after validation, not %d", maxProps, len(m)), "too_long")
		}
		return out
	}
}

// field is one property of an object rule.
type field struct {
	name     string
	rule     rule
	required bool
}

// req and opt build required and optional fields.
func req(name string, r rule) field { return field{name: name, rule: r, required: true} }
func opt(name string, r rule) field { return field{name: name, rule: r} }

// object checks an object with the given fields; unknown keys are dropped, as pydantic ignores them.
func object(fields ...field) rule {
	return func(v any, loc []any, e *errs) any {
		m, ok := v.(map[string]any)
		if !ok {
			e.add(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
			return v
		}
		out := make(map[string]any, len(fields))
		for _, f := range fields {
			x, present := m[f.name]
			if !present {
				if f.required {
					e.add(at(loc, f.name), "Field required", "missing")
				}
				continue
			}
			out[f.name] = f.rule(x, at(loc, f.name), e)
		}
		return out
	}
}

// tagged checks a member of a union told apart by the string property disc. As in pydantic,
// the errors of a member are located under its tag: ["states", 0, "action", "actions"].
func tagged(disc string, members map[string]rule, tags []string) rule {
	return func(v any, loc []any, e *errs) any {
		m, ok := v.(map[string]any)
		if !ok {
			e.add(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
			return v
		}
		tag, ok := m[disc].(string)
		if !ok {
			e.add(loc, fmt.Sprintf("Unable to extract tag using discriminator '%s'", disc), "union_tag_not_found")
			return v
		}
		member, ok := members[tag]
		if !ok {
			e.add(loc, fmt.Sprintf("Input tag '%s' found using '%s' does not match any of the expected tags: %s",
				tag, disc, strings.Join(quoteAll(tags), ", ")), "union_tag_invalid")
			return v
		}
		return member(v, at(loc, tag), e)
	}
}

// quoteAll wraps each value in single quotes.
func quoteAll(vals []string) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = "'" + v + "'"
	}
	return out
}

// stringOrPair accepts a string passing name, or a pair passing first and second.
func stringOrPair(name, first, second rule) rule {
	pair := tuple(first, second)
	return func(v any, loc []any, e *errs) any {
		switch v.(type) {
		case string:
			return name(v, loc, e)
		case []any:
			return pair(v, loc, e)
		}
		e.add(loc, "Input should be a valid string or a pair of strings", "union_type")
		return v
	}
}
