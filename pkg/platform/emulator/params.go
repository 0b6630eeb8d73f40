package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// param is one documented path or query parameter of an operation.
type param struct {
	In       string         `json:"in"`
	Name     string         `json:"name"`
	Required bool           `json:"required"`
	Schema   map[string]any `json:"schema"`
}

// operationParams reads the parameters of every operation of the document,
// keyed by "METHOD /path/template".
func operationParams(doc []byte) (map[string][]param, error) {
	var d struct {
		Paths map[string]map[string]struct {
			Parameters []param `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("read the operations of the Platform OpenAPI document: %w", err)
	}
	out := map[string][]param{}
	for path, ops := range d.Paths {
		for method, op := range ops {
			out[strings.ToUpper(method)+" "+path] = op.Parameters
		}
	}
	return out, nil
}

// values are the validated parameters of one request, by name; an absent
// optional parameter is missing from the map.
type values map[string]any

// str returns a string parameter, or "".
func (v values) str(name string) string {
	s, _ := v[name].(string)
	return s
}

// integer returns an integer parameter, or def when absent.
func (v values) integer(name string, def int) int {
	if n, ok := v[name].(json.Number); ok {
		i, err := strconv.Atoi(string(n))
		if err == nil {
			return i
		}
	}
	return def
}

// boolean returns a boolean parameter and whether it was given.
func (v values) boolean(name string) (bool, bool) {
	b, ok := v[name].(bool)
	return b, ok
}

// checkParams converts and validates the path and query parameters of r
// against the documented ones, the way FastAPI does.
func (s *schemas) checkParams(ps []param, r *http.Request) (values, []platform.ValidationError) {
	out := values{}
	var errs []platform.ValidationError
	query := r.URL.Query()
	for _, p := range ps {
		var raw string
		var present bool
		switch p.In {
		case "path":
			raw = r.PathValue(p.Name)
			present = true
		case "query":
			present = query.Has(p.Name)
			raw = query.Get(p.Name)
		default:
			continue
		}
		loc := []any{p.In, p.Name}
		if !present {
			if p.Required {
				errs = append(errs, fieldErr(loc, "Field required", "missing"))
			}
			continue
		}
		x, perr := s.coerce(p.Schema, raw, loc)
		if perr != nil {
			errs = append(errs, *perr)
			continue
		}
		if e := s.check(p.Schema, x, loc); len(e) > 0 {
			errs = append(errs, e...)
			continue
		}
		out[p.Name] = x
	}
	return out, errs
}

// coerce turns a raw parameter string into the JSON value its schema wants:
// the first of the schema's types the string parses as.
func (s *schemas) coerce(schema map[string]any, raw string, loc []any) (any, *platform.ValidationError) {
	types := s.leafTypes(schema)
	for _, t := range types {
		switch t {
		case "integer":
			if _, err := strconv.ParseInt(raw, 10, 64); err == nil {
				return json.Number(raw), nil
			}
		case "boolean":
			if b, ok := parseBool(raw); ok {
				return b, nil
			}
		default:
			return raw, nil
		}
	}
	if len(types) == 0 {
		return raw, nil
	}
	e := fieldErr(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing")
	if types[0] == "boolean" {
		e = fieldErr(loc, "Input should be a valid boolean, unable to interpret input", "bool_parsing")
	}
	return nil, &e
}

// leafTypes lists the non-null JSON types a parameter schema allows.
func (s *schemas) leafTypes(node map[string]any) []string {
	if ref, ok := node["$ref"].(string); ok {
		return s.leafTypes(s.defs[strings.TrimPrefix(ref, "#/components/schemas/")])
	}
	if branches, ok := node["anyOf"].([]any); ok {
		var out []string
		for _, b := range branches {
			bn, _ := b.(map[string]any)
			out = append(out, s.leafTypes(bn)...)
		}
		return out
	}
	if t, ok := node["type"].(string); ok && t != "null" {
		return []string{t}
	}
	if _, ok := node["enum"]; ok {
		return []string{"string"}
	}
	return nil
}

// parseBool accepts the spellings pydantic accepts for a boolean.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "1", "true", "t", "yes", "y", "on":
		return true, true
	case "0", "false", "f", "no", "n", "off":
		return false, true
	}
	return false, false
}

// decodeBody reads the JSON body of r (see emukit.ReadJSON), validates it
// against the named component schema, fills in the documented defaults and
// decodes it into v. The errors are those of a FastAPI 422: a missing,
// malformed or non-JSON body, or every schema violation with its location.
func (s *schemas) decodeBody(r *http.Request, schema string, v any) []platform.ValidationError {
	body := []any{"body"}
	x, bodyErrs := emukit.ReadJSON(r)
	if bodyErrs != nil {
		out := make([]platform.ValidationError, len(bodyErrs))
		for i, e := range bodyErrs {
			out[i] = platform.ValidationError{Loc: e.Loc, Msg: e.Msg, Type: e.Type, Ctx: e.Ctx}
		}
		return out
	}
	if errs := s.validate(schema, x, body); len(errs) > 0 {
		return errs
	}
	filled, err := json.Marshal(s.withDefaults(s.defs[schema], x))
	if err == nil {
		err = json.Unmarshal(filled, v)
	}
	if err != nil {
		return []platform.ValidationError{fieldErr(body, "The request body could not be decoded: "+err.Error(), "value_error")}
	}
	return nil
}

// decodeBody decodes the body of r as a T valid against the named
// component schema (see schemas.decodeBody), or answers 422 and returns false.
func decodeBody[T any](s *Server, w http.ResponseWriter, r *http.Request, schema string) (T, bool) {
	var req T
	if errs := s.schemas.decodeBody(r, schema, &req); errs != nil {
		writeValidation(w, errs)
		return req, false
	}
	return req, true
}
