package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// readBody reads the JSON body of r (see emukit.ReadJSON), checks it with rule and decodes the
// normalised value into out. Problems are recorded in e; it reports whether out was filled.
func readBody(r *http.Request, rl rule, out any, e *errs) bool {
	raw, bodyErrs := emukit.ReadJSON(r)
	if bodyErrs != nil {
		e.list = append(e.list, bodyErrs...)
		return false
	}
	n := len(e.list)
	norm := rl(raw, []any{"body"}, e)
	if len(e.list) > n {
		return false
	}
	b, err := json.Marshal(norm)
	if err == nil {
		err = json.Unmarshal(b, out)
	}
	if err != nil {
		e.add([]any{"body"}, "The request body could not be read: "+err.Error(), "value_error")
		return false
	}
	return true
}

// pathID checks a 24-hex id path parameter.
func pathID(r *http.Request, name string, e *errs) string {
	v := r.PathValue(name)
	if !hexIDPattern.MatchString(v) {
		e.add([]any{"path", name}, "String should match pattern '^[a-f0-9]{24}$'", "string_pattern_mismatch")
	}
	return v
}

// query reads the query parameters of a request, recording errors in e. A parameter given more
// than once takes its last value, as FastAPI does for single-valued parameters.
type query struct {
	v url.Values
	e *errs
}

// last returns the last value of name and whether it was given.
func (q query) last(name string) (string, bool) {
	vals, ok := q.v[name]
	if !ok || len(vals) == 0 {
		return "", false
	}
	return vals[len(vals)-1], true
}

// integer reads an integer parameter with a default and bounds (nil = unbounded).
func (q query) integer(name string, def int, gt, ge, le *int) int {
	s, ok := q.last(name)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	loc := []any{"query", name}
	switch {
	case err != nil:
		q.e.add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing")
	case gt != nil && n <= *gt:
		q.e.add(loc, fmt.Sprintf("Input should be greater than %d", *gt), "greater_than")
	case ge != nil && n < *ge:
		q.e.add(loc, fmt.Sprintf("Input should be greater than or equal to %d", *ge), "greater_than_equal")
	case le != nil && n > *le:
		q.e.add(loc, fmt.Sprintf("Input should be less than or equal to %d", *le), "less_than_equal")
	}
	return n
}

// intp returns a pointer to n, for bounds.
func intp(n int) *int { return &n }

// boolean reads an optional boolean parameter as pydantic does (true/false/1/0/yes/no/on/off).
func (q query) boolean(name string) *bool {
	s, ok := q.last(name)
	if !ok {
		return nil
	}
	var b bool
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on", "t", "y":
		b = true
	case "false", "0", "no", "off", "f", "n":
		b = false
	default:
		q.e.add([]any{"query", name}, "Input should be a valid boolean, unable to interpret input", "bool_parsing")
		return nil
	}
	return &b
}

// ids reads a repeated 24-hex id parameter; an empty result means no filter.
func (q query) ids(name string) map[string]bool {
	out := map[string]bool{}
	for i, v := range q.v[name] {
		if !hexIDPattern.MatchString(v) {
			q.e.add([]any{"query", name, i}, "String should match pattern '^[a-f0-9]{24}$'", "string_pattern_mismatch")
		}
		out[v] = true // a repeated id is no error: the service reads the parameter as a set
	}
	return out
}

// sortKey is one parsed sort_by entry.
type sortKey struct {
	field string
	desc  bool
}

// sortBy reads the repeated sort_by parameter; only the given fields are supported.
func (q query) sortBy(fields ...string) []sortKey {
	var out []sortKey
	for i, v := range q.v["sort_by"] {
		k := sortKey{field: v}
		switch {
		case strings.HasPrefix(v, "-"):
			k = sortKey{field: v[1:], desc: true}
		case strings.HasPrefix(v, "+"):
			k.field = v[1:]
		}
		if !contains(fields, k.field) {
			q.e.add([]any{"query", "sort_by", i}, "Unsupported sort field; supported fields are "+quoteList(fields), "value_error")
			continue
		}
		out = append(out, k)
	}
	return out
}

// tagFilter is one parsed `key:value` tag filter: any value when anyValue, no value when value is nil.
type tagFilter struct {
	key      string
	value    *string
	anyValue bool
}

// tags reads a repeated `key:value` tag filter parameter.
func (q query) tags(name string) []tagFilter {
	var out []tagFilter
	for i, v := range q.v[name] {
		key, val, ok := strings.Cut(v, ":")
		if !ok || key == "" {
			q.e.add([]any{"query", name, i}, "Value error, tags must be written as `key:value`", "value_error")
			continue
		}
		f := tagFilter{key: key}
		switch val {
		case "*":
			f.anyValue = true
		case "":
		default:
			f.value = &val
		}
		out = append(out, f)
	}
	return out
}

// page is one page of a list: items [start, end), and the token of the next page.
type page struct {
	start, end int
	hasMore    bool
	next       *int
}

// paginate cuts a list of total items at the integer continuation token (an offset). A limit of
// 0 (allowed only where the document's minimum is 0) means no limit, as in MongoDB.
func paginate(total, offset, limit int) page {
	start := min(max(offset, 0), total)
	end := total
	if limit > 0 {
		end = min(start+limit, total)
	}
	p := page{start: start, end: end, hasMore: end < total}
	if p.hasMore {
		p.next = &end
	}
	return p
}

// listParams reads limit (default def, at most maxLimit, above 0 unless allowZero) and
// continuation_token (an offset, not negative).
func (q query) listParams(def, maxLimit int, allowZero bool) (offset, limit int) {
	if allowZero {
		limit = q.integer("limit", def, nil, intp(0), intp(maxLimit))
	} else {
		limit = q.integer("limit", def, intp(0), nil, intp(maxLimit))
	}
	offset = q.integer("continuation_token", 0, nil, intp(0), nil)
	return offset, limit
}
