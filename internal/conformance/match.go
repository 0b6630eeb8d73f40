package conformance

import (
	"fmt"
	"strings"
)

// match finds the route whose template matches path. Segments are split on
// "/", so a trailing slash is a segment of its own and matters. A "{param}"
// segment matches any non-empty segment. Among matching templates, one that
// has an operation for method wins (a document may spell one path with
// different parameter names per method, as Classic's SHSM POST and DELETE
// do); then the one with a literal where the other has a parameter, leftmost
// first.
func (c *Checker) match(method, path string) (route, bool) {
	segs := strings.Split(path, "/")
	var best route
	found, bestHas := false, false
	for _, r := range c.routes {
		if !matches(r.segments, segs) {
			continue
		}
		_, has := r.ops[method]
		if !found || (has && !bestHas) || (has == bestHas && moreSpecific(r.segments, best.segments)) {
			best, found, bestHas = r, true, has
		}
	}
	return best, found
}

// matches reports whether template segments match path segments.
func matches(template, path []string) bool {
	if len(template) != len(path) {
		return false
	}
	for i, t := range template {
		if isParam(t) {
			if path[i] == "" {
				return false
			}
			continue
		}
		if t != path[i] {
			return false
		}
	}
	return true
}

// moreSpecific reports whether a has a literal segment where b has a
// parameter, at the first position where they differ in kind.
func moreSpecific(a, b []string) bool {
	for i := range a {
		if pa, pb := isParam(a[i]), isParam(b[i]); pa != pb {
			return !pa
		}
	}
	return false
}

// isParam reports whether a template segment is a "{param}".
func isParam(seg string) bool {
	return len(seg) > 2 && strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// Mismatch is a response that disagrees with the document.
type Mismatch struct {
	Doc      string // document file name
	Method   string // request method
	Path     string // request path, without the query
	Template string // matched path template, "" when none matched
	Status   int    // response status
	Problem  string // what disagrees, as a sentence
}

// Error describes the mismatch as "doc: METHOD path (template) → status: problem".
func (m *Mismatch) Error() string {
	where := m.Path
	if m.Template != "" && m.Template != m.Path {
		where += " (" + m.Template + ")"
	}
	return fmt.Sprintf("%s: %s %s → %d: %s", m.Doc, m.Method, where, m.Status, m.Problem)
}

// UndocumentedStatusError is a Mismatch whose status the operation does not
// document (for example an injected 503 where the document lists none).
type UndocumentedStatusError struct{ Mismatch }

// Unwrap returns the underlying Mismatch, so errors.As finds either type.
func (e *UndocumentedStatusError) Unwrap() error { return &e.Mismatch }
