package spec

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// schemaProblem is one schema violation, located by instance path.
type schemaProblem struct {
	path   []string // JSON pointer tokens of the value
	atKey  bool     // point at the key of the last token rather than its value
	label  []string // path shown in the message, when not path
	code   string
	msg    string
	detail string
	// missing is the field a missing-field problem is about.
	missing string
}

// schemaCheck turns the validator's error tree for one document into
// problems with plain-language messages.
type schemaCheck struct {
	set      *schemaSet
	stem     string // schema file stem, e.g. "contextgraph.classic"
	kind     Kind
	dialect  Dialect
	target   string // which target uses the dialect, as targetClause says
	value    any
	prefix   []string // path of the value validated, inside value
	problems []schemaProblem
}

// run validates value and returns the problems found.
func (c *schemaCheck) run() []schemaProblem {
	c.validate(c.set.compiled[c.stem], c.value, -1)
	if states := c.set.states[c.stem]; states != nil {
		doc, _ := c.value.(map[string]any)
		spec, _ := doc["spec"].(map[string]any)
		list, _ := spec["states"].([]any)
		for i, st := range list {
			m, _ := st.(map[string]any)
			t, _ := m["type"].(string)
			sch := states[t]
			if sch == nil || m == nil {
				sch = c.set.stateUnion[c.stem]
			}
			c.validate(sch, st, i)
		}
	}
	return dedupe(c.problems)
}

// validate checks v against sch and records the problems. v is the whole
// document when state is -1, else spec.states[state]; the path prefix is
// only built when there is a problem to report.
func (c *schemaCheck) validate(sch *jsonschema.Schema, v any, state int) {
	err := sch.Validate(v)
	if err == nil {
		return
	}
	var prefix []string
	if state >= 0 {
		prefix = []string{"spec", "states", strconv.Itoa(state)}
	}
	c.prefix = prefix
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		c.add(schemaProblem{path: prefix, code: CodeSchema, msg: fmt.Sprintf("cannot check the schema: %v", err)})
		return
	}
	c.walk(ve)
}

// instancePath is the path of a validator error's value inside c.value.
func (c *schemaCheck) instancePath(e *jsonschema.ValidationError) []string {
	rel := splitInstance(e.InstanceLocation)
	if len(c.prefix) == 0 {
		return rel
	}
	return append(append([]string{}, c.prefix...), rel...)
}

func dedupe(ps []schemaProblem) []schemaProblem {
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		// Not the code: an empty string fails both minLength and the
		// blank pattern of nonEmptyString, with one message and two codes.
		key := strings.Join(p.path, "/") + "\x00" + p.msg
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

func keywordOf(e *jsonschema.ValidationError) string {
	loc := e.KeywordLocation
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// walk descends the error tree, choosing the relevant branch of anyOf and
// oneOf, and reports its leaves.
func (c *schemaCheck) walk(e *jsonschema.ValidationError) {
	kw := keywordOf(e)
	if kw == "anyOf" || kw == "oneOf" {
		c.alternatives(e, kw)
		return
	}
	if len(e.Causes) > 0 {
		for _, cause := range e.Causes {
			c.walk(cause)
		}
		return
	}
	c.leaf(e, kw)
}

// alternatives reports a failed anyOf/oneOf: its x-message if it has one,
// else the errors of the one branch whose type fits the value.
func (c *schemaCheck) alternatives(e *jsonschema.ValidationError, kw string) {
	sch := c.set.schemaAt(e.AbsoluteKeywordLocation)
	path := c.instancePath(e)
	if msg, ok := sch["x-message"].(string); ok {
		c.add(schemaProblem{path: path, code: codeOr(sch, CodeBadValue), msg: msg + gotSuffix(valueAt(c.value, path))})
		return
	}
	if kw == "oneOf" && len(e.Causes) == 0 {
		c.add(schemaProblem{path: path, code: CodeSchema, msg: "matches more than one of the allowed forms"})
		return
	}
	var fitting []*jsonschema.ValidationError
	for _, cause := range e.Causes {
		if !typeMismatch(cause, e.InstanceLocation) {
			fitting = append(fitting, cause)
		}
	}
	if len(fitting) == 1 {
		c.walk(fitting[0])
		return
	}
	v := valueAt(c.value, path)
	if len(fitting) == 0 {
		c.add(schemaProblem{path: path, code: CodeWrongType, msg: "must be " + branchTypes(c.set, e) + ", not " + jsonTypeName(v)})
		return
	}
	c.add(schemaProblem{path: path, code: CodeSchema, msg: "does not match any of the allowed forms"})
}

// typeMismatch reports whether a branch failed because the value at loc has
// the wrong JSON type for it.
func typeMismatch(e *jsonschema.ValidationError, loc string) bool {
	if len(e.Causes) == 0 {
		kw := keywordOf(e)
		return e.InstanceLocation == loc && (kw == "type" || kw == "const" || e.Message == "not allowed")
	}
	for _, c := range e.Causes {
		if typeMismatch(c, loc) {
			return true
		}
	}
	return false
}

// branchTypes lists the types the branches of an anyOf/oneOf accept.
func branchTypes(set *schemaSet, e *jsonschema.ValidationError) string {
	var names []string
	seen := map[string]bool{}
	for _, leaf := range leaves(e) {
		if keywordOf(leaf) != "type" {
			continue
		}
		for _, t := range schemaTypes(set.schemaAt(leaf.AbsoluteKeywordLocation)) {
			if !seen[t] {
				seen[t] = true
				names = append(names, t)
			}
		}
	}
	if len(names) == 0 {
		return "another type"
	}
	return orList(names)
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func codeOr(sch map[string]any, def string) string {
	if code, ok := sch["x-code"].(string); ok {
		return code
	}
	return def
}

func (c *schemaCheck) add(p schemaProblem) { c.problems = append(c.problems, p) }

// leaf reports one failed keyword.
func (c *schemaCheck) leaf(e *jsonschema.ValidationError, kw string) {
	sch := c.set.schemaAt(e.AbsoluteKeywordLocation)
	path := c.instancePath(e)
	v := valueAt(c.value, path)
	if strings.Contains(e.KeywordLocation, "/propertyNames/") {
		// The validator reports an empty key at its object ("/targets",
		// not "/targets/"): point at the key, not at the object's name.
		if m, ok := v.(map[string]any); ok {
			if _, empty := m[""]; empty {
				path = append(path, "")
			}
		}
		name := ""
		if len(path) > 0 {
			name = path[len(path)-1]
		}
		msg := fmt.Sprintf("name %q is not allowed here", name)
		if xm, ok := sch["x-message"].(string); ok {
			msg = fmt.Sprintf("name %q: %s", name, xm)
		}
		label := path[:max(len(path)-1, 0)]
		c.add(schemaProblem{path: path, label: label, atKey: true, code: codeOr(sch, CodeBadName), msg: msg})
		return
	}
	switch kw {
	case "additionalProperties":
		c.unknownFields(path, sch, v)
		return
	case "required":
		c.missingFields(path, sch, v)
		return
	}
	if p, ok := c.dialectHint(path, kw, v); ok {
		c.add(p)
		return
	}
	if kw == "type" {
		// The schema's own message describes a wrong value, not a value
		// of the wrong type.
		c.add(schemaProblem{path: path, code: CodeWrongType, msg: leafMessage(kw, sch, v)})
		return
	}
	if xm, ok := sch["x-message"].(string); ok {
		c.add(schemaProblem{path: path, code: codeOr(sch, keywordCode(kw)), msg: xm + gotSuffix(v)})
		return
	}
	c.add(schemaProblem{path: path, code: codeOr(sch, keywordCode(kw)), msg: leafMessage(kw, sch, v)})
}

func keywordCode(kw string) string {
	switch kw {
	case "type":
		return CodeWrongType
	case "enum", "const", "pattern", "format":
		return CodeBadValue
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
		"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		return CodeOutOfRange
	}
	return CodeSchema
}

// unknownFields reports each key of obj the schema does not declare, naming
// the dialect that does know it when there is one.
func (c *schemaCheck) unknownFields(path []string, sch map[string]any, v any) {
	obj, _ := v.(map[string]any)
	props, _ := sch["properties"].(map[string]any)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		if _, ok := props[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	other := schemaName(c.kind, c.dialect.Other())
	for _, k := range keys {
		p := schemaProblem{path: append(append([]string{}, path...), k), atKey: true, code: CodeUnknownField,
			msg: fmt.Sprintf("unknown field %q", k)}
		if c.kind != "" && c.set.fields[other][k] {
			p.code = CodeDialectMismatch
			p.msg = fmt.Sprintf("field %q is only available in the %s dialect; %s", k, c.dialect.Other(), c.target)
		} else if near := nearest(k, props); near != "" {
			p.msg += fmt.Sprintf("; did you mean %q?", near)
		}
		c.add(p)
	}
}

// missingFields reports each required key obj lacks.
func (c *schemaCheck) missingFields(path []string, sch map[string]any, v any) {
	obj, _ := v.(map[string]any)
	req, _ := sch["required"].([]any)
	for _, r := range req {
		name, _ := r.(string)
		if _, ok := obj[name]; !ok {
			c.add(schemaProblem{path: path, missing: name, code: CodeMissingField, msg: fmt.Sprintf("missing required field %q", name)})
		}
	}
}

// dialectHint recognises values that are valid in the other dialect: a
// state type it has, or (Classic) a [ref.state, jumpback] transition.
func (c *schemaCheck) dialectHint(path []string, kw string, v any) (schemaProblem, bool) {
	n := len(path)
	if c.kind != KindContextGraph || n < 4 || path[1] != "states" {
		return schemaProblem{}, false
	}
	if kw == "enum" && path[n-1] == "type" && n == 4 {
		if t, ok := v.(string); ok && c.dialect.Other().Allows(StateType(t)) {
			return schemaProblem{path: path, code: CodeDialectMismatch,
				msg: fmt.Sprintf("state type %q is only available in the %s dialect; %s, whose state types are %s",
					t, c.dialect.Other(), c.target, stateTypeList(c.dialect))}, true
		}
	}
	if kw == "type" && n == 5 && path[3] == "actions" {
		switch v.(type) {
		case map[string]any:
			if c.dialect == DialectClassic {
				return schemaProblem{path: path, code: CodeDialectMismatch,
					msg: fmt.Sprintf("actions written as {description, filler_hint} are the platform dialect; %s, whose actions are plain strings", c.target)}, true
			}
		case string:
			if c.dialect == DialectPlatform {
				return schemaProblem{path: path, code: CodeDialectMismatch,
					msg: fmt.Sprintf("plain-string actions are the classic dialect; %s, whose actions are written {description: ...}", c.target)}, true
			}
		}
	}
	if kw == "type" && path[n-1] == "next_state" {
		if _, isList := v.([]any); isList && c.dialect == DialectPlatform {
			return schemaProblem{path: path, code: CodeDialectMismatch,
				msg: fmt.Sprintf("jumps into referenced graphs ([ref.state, jumpback]) are only available in the classic dialect; %s", c.target)}, true
		}
	}
	return schemaProblem{}, false
}

func stateTypeList(d Dialect) string {
	var names []string
	for _, t := range StateTypes(d) {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}
