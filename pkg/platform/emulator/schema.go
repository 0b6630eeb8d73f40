package emulator

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amigosync/amigosync/pkg/platform"
)

// schemas validates JSON values against the component schemas of the
// embedded Platform OpenAPI document, reporting problems the way pydantic
// does (loc, msg, type). It understands the subset of JSON Schema the
// document uses: $ref, type, properties/required, additionalProperties,
// items, anyOf (nullable), oneOf with a discriminator, enum, const, string
// lengths and patterns, numeric bounds, list and map sizes, and the uuid format.
type schemas struct {
	defs     map[string]map[string]any
	patterns map[string]*regexp.Regexp
}

// newSchemas reads the component schemas of an OpenAPI document.
func newSchemas(doc []byte) (*schemas, error) {
	var d struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("read the Platform OpenAPI document: %w", err)
	}
	s := &schemas{defs: d.Components.Schemas, patterns: map[string]*regexp.Regexp{}}
	for name, def := range s.defs {
		if err := s.compilePatterns(def); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
	}
	return s, nil
}

// compilePatterns compiles every "pattern" under node once.
func (s *schemas) compilePatterns(node any) error {
	switch n := node.(type) {
	case map[string]any:
		if p, ok := n["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				return fmt.Errorf("compile pattern %q: %w", p, err)
			}
			s.patterns[p] = re
		}
		for _, v := range n {
			if err := s.compilePatterns(v); err != nil {
				return err
			}
		}
	case []any:
		for _, v := range n {
			if err := s.compilePatterns(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// validate checks x (decoded with json.Decoder.UseNumber) against the named
// component schema; loc is the location of x (e.g. ["body"]).
func (s *schemas) validate(name string, x any, loc []any) []platform.ValidationError {
	def, ok := s.defs[name]
	if !ok {
		return []platform.ValidationError{fieldErr(loc, "internal error: unknown schema "+name, "internal_error")}
	}
	return s.check(def, x, loc)
}

// fieldErr builds one validation error at a copy of loc.
func fieldErr(loc []any, msg, typ string) platform.ValidationError {
	return platform.ValidationError{Loc: slices.Clone(loc), Msg: msg, Type: typ}
}

// at returns loc extended by one element, never sharing loc's backing array.
func at(loc []any, elem any) []any {
	out := make([]any, len(loc), len(loc)+1)
	copy(out, loc)
	return append(out, elem)
}

func (s *schemas) check(node map[string]any, x any, loc []any) []platform.ValidationError {
	if ref, ok := node["$ref"].(string); ok {
		def, ok := s.defs[strings.TrimPrefix(ref, "#/components/schemas/")]
		if !ok {
			return []platform.ValidationError{fieldErr(loc, "internal error: unknown reference "+ref, "internal_error")}
		}
		return s.check(def, x, loc)
	}
	if branches, ok := node["anyOf"].([]any); ok {
		return s.checkAnyOf(branches, x, loc)
	}
	if _, ok := node["discriminator"]; ok {
		return s.checkDiscriminated(node, x, loc)
	}
	if c, ok := node["const"]; ok {
		if !sameScalar(c, x) {
			return []platform.ValidationError{fieldErr(loc, "Input should be "+quoteList([]any{c}), "literal_error")}
		}
		return nil
	}
	if enum, ok := node["enum"].([]any); ok {
		for _, e := range enum {
			if sameScalar(e, x) {
				return nil
			}
		}
		return []platform.ValidationError{fieldErr(loc, "Input should be "+quoteList(enum), "literal_error")}
	}
	typ, _ := node["type"].(string)
	if typ == "" {
		return nil // any value
	}
	if errs, ok := checkType(node, typ, x, loc); !ok {
		return errs
	}
	switch typ {
	case "object":
		return s.checkObject(node, x.(map[string]any), loc)
	case "array":
		return s.checkArray(node, x.([]any), loc)
	case "string":
		return s.checkString(node, x.(string), loc)
	case "integer", "number":
		f, _ := x.(json.Number).Float64()
		return checkBounds(node, f, loc)
	}
	return nil
}

// checkAnyOf accepts null when a branch allows it, and otherwise reports the
// errors of the first non-null branch when no branch accepts x.
func (s *schemas) checkAnyOf(branches []any, x any, loc []any) []platform.ValidationError {
	var first []platform.ValidationError
	for _, b := range branches {
		bn, _ := b.(map[string]any)
		if bn["type"] == "null" {
			if x == nil {
				return nil
			}
			continue
		}
		errs := s.check(bn, x, loc)
		if len(errs) == 0 {
			return nil
		}
		if first == nil {
			first = errs
		}
	}
	return first
}

// checkDiscriminated validates a tagged union: the tag picks the branch and
// joins the location, as pydantic reports it.
func (s *schemas) checkDiscriminated(node map[string]any, x any, loc []any) []platform.ValidationError {
	disc, _ := node["discriminator"].(map[string]any)
	prop, _ := disc["propertyName"].(string)
	mapping, _ := disc["mapping"].(map[string]any)
	obj, ok := x.(map[string]any)
	if !ok {
		return []platform.ValidationError{fieldErr(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")}
	}
	tag, ok := obj[prop].(string)
	if !ok {
		return []platform.ValidationError{fieldErr(loc, fmt.Sprintf("Unable to extract tag using discriminator '%s'", prop), "union_tag_not_found")}
	}
	ref, ok := mapping[tag].(string)
	if !ok {
		tags := make([]string, 0, len(mapping))
		for k := range mapping {
			tags = append(tags, k)
		}
		slices.Sort(tags)
		return []platform.ValidationError{fieldErr(loc, fmt.Sprintf("Input tag '%s' found using '%s' does not match any of the expected tags: '%s'", tag, prop, strings.Join(tags, "', '")), "union_tag_invalid")}
	}
	return s.check(map[string]any{"$ref": ref}, x, at(loc, tag))
}

// checkType reports whether x has the JSON type typ; when it does not, the
// pydantic error for it.
func checkType(node map[string]any, typ string, x any, loc []any) ([]platform.ValidationError, bool) {
	fail := func(msg, t string) ([]platform.ValidationError, bool) {
		return []platform.ValidationError{fieldErr(loc, msg, t)}, false
	}
	switch typ {
	case "object":
		if _, ok := x.(map[string]any); !ok {
			if _, model := node["properties"]; model {
				return fail("Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
			}
			return fail("Input should be a valid dictionary", "dict_type")
		}
	case "array":
		if _, ok := x.([]any); !ok {
			return fail("Input should be a valid list", "list_type")
		}
	case "string":
		if _, ok := x.(string); !ok {
			return fail("Input should be a valid string", "string_type")
		}
	case "boolean":
		if _, ok := x.(bool); !ok {
			return fail("Input should be a valid boolean", "bool_type")
		}
	case "integer":
		n, ok := x.(json.Number)
		if !ok {
			return fail("Input should be a valid integer", "int_type")
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			return fail("Input should be a valid integer, got a number with a fractional part", "int_from_float")
		}
	case "number":
		if _, ok := x.(json.Number); !ok {
			return fail("Input should be a valid number", "float_type")
		}
	case "null":
		if x != nil {
			return fail("Input should be None", "none_required")
		}
	}
	return nil, true
}

func (s *schemas) checkObject(node map[string]any, obj map[string]any, loc []any) []platform.ValidationError {
	var errs []platform.ValidationError
	props, _ := node["properties"].(map[string]any)
	required := map[string]bool{}
	if req, ok := node["required"].([]any); ok {
		for _, r := range req {
			required[r.(string)] = true
		}
	}
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		v, present := obj[name]
		if !present {
			if required[name] {
				errs = append(errs, fieldErr(at(loc, name), "Field required", "missing"))
			}
			continue
		}
		pn, _ := props[name].(map[string]any)
		errs = append(errs, s.check(pn, v, at(loc, name))...)
	}
	extra := make([]string, 0)
	for k := range obj {
		if _, ok := props[k]; !ok {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	switch ap := node["additionalProperties"].(type) {
	case bool:
		if !ap && len(props) > 0 {
			for _, k := range extra {
				errs = append(errs, fieldErr(at(loc, k), "Extra inputs are not permitted", "extra_forbidden"))
			}
		}
	case map[string]any:
		for _, k := range extra {
			errs = append(errs, s.check(ap, obj[k], at(loc, k))...)
		}
	}
	if maxp, ok := node["maxProperties"].(float64); ok && float64(len(obj)) > maxp {
		errs = append(errs, fieldErr(loc, fmt.Sprintf("Dictionary should have at most %s items after validation, not %d", num(maxp), len(obj)), "too_long"))
	}
	return errs
}

func (s *schemas) checkArray(node map[string]any, arr []any, loc []any) []platform.ValidationError {
	var errs []platform.ValidationError
	if items, ok := node["items"].(map[string]any); ok {
		for i, v := range arr {
			errs = append(errs, s.check(items, v, at(loc, i))...)
		}
	}
	if maxi, ok := node["maxItems"].(float64); ok && float64(len(arr)) > maxi {
		errs = append(errs, fieldErr(loc, fmt.Sprintf("List should have at most %s %s after validation, not %d", num(maxi), plural(maxi, "item"), len(arr)), "too_long"))
	}
	if mini, ok := node["minItems"].(float64); ok && float64(len(arr)) < mini {
		errs = append(errs, fieldErr(loc, fmt.Sprintf("List should have at least %s %s after validation, not %d", num(mini), plural(mini, "item"), len(arr)), "too_short"))
	}
	return errs
}

func (s *schemas) checkString(node map[string]any, str string, loc []any) []platform.ValidationError {
	n := float64(utf8.RuneCountInString(str))
	if maxl, ok := node["maxLength"].(float64); ok && n > maxl {
		return []platform.ValidationError{fieldErr(loc, fmt.Sprintf("String should have at most %s %s", num(maxl), plural(maxl, "character")), "string_too_long")}
	}
	if minl, ok := node["minLength"].(float64); ok && n < minl {
		return []platform.ValidationError{fieldErr(loc, fmt.Sprintf("String should have at least %s %s", num(minl), plural(minl, "character")), "string_too_short")}
	}
	if p, ok := node["pattern"].(string); ok && !s.patterns[p].MatchString(str) {
		return []platform.ValidationError{fieldErr(loc, fmt.Sprintf("String should match pattern '%s'", p), "string_pattern_mismatch")}
	}
	if node["format"] == "uuid" && !isUUID(str) {
		return []platform.ValidationError{fieldErr(loc, "Input should be a valid UUID", "uuid_parsing")}
	}
	return nil
}

// checkBounds applies minimum, maximum and exclusiveMinimum to f.
func checkBounds(node map[string]any, f float64, loc []any) []platform.ValidationError {
	if m, ok := node["exclusiveMinimum"].(float64); ok && f <= m {
		return []platform.ValidationError{fieldErr(loc, "Input should be greater than "+num(m), "greater_than")}
	}
	if m, ok := node["minimum"].(float64); ok && f < m {
		return []platform.ValidationError{fieldErr(loc, "Input should be greater than or equal to "+num(m), "greater_than_equal")}
	}
	if m, ok := node["maximum"].(float64); ok && f > m {
		return []platform.ValidationError{fieldErr(loc, "Input should be less than or equal to "+num(m), "less_than_equal")}
	}
	return nil
}

// isUUID reports whether s is a UUID in its canonical 8-4-4-4-12 hex form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

// sameScalar compares a schema constant with a decoded JSON value.
func sameScalar(c, x any) bool {
	if n, ok := x.(json.Number); ok {
		f, err := n.Float64()
		cf, isNum := c.(float64)
		return err == nil && isNum && f == cf
	}
	return c == x
}

// quoteList renders enum values as pydantic does: 'a', 'b' or 'c'.
func quoteList(vals []any) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("'%v'", v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// num formats a schema bound without a needless fraction (200.0 → 200).
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func plural(n float64, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
