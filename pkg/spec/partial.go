package spec

import (
	"errors"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// A document with problems is still checked as far as it can be: the
// values its checks refused are taken out, what is left is decoded, and
// the later rules (the context-graph rules, references between
// manifests, version sets) run on it, so that one wrong type does not
// hide the rest. A refused value is simply absent for those rules; a
// rule that needs it is skipped rather than reporting its absence too.

// brokenPaths are the paths (keys and list indexes from the document's
// top) of the values the checks of one document refused or found
// missing.
type brokenPaths [][]string

// covers reports whether path is a refused value or lies inside one.
func (b brokenPaths) covers(path []string) bool {
	for _, p := range b {
		if isPrefix(p, path) {
			return true
		}
	}
	return false
}

// touches reports whether a refused value lies at, inside or around path.
func (b brokenPaths) touches(path []string) bool {
	for _, p := range b {
		if isPrefix(p, path) || isPrefix(path, p) {
			return true
		}
	}
	return false
}

func isPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i, tok := range prefix {
		if path[i] != tok {
			return false
		}
	}
	return true
}

// nodeBroken returns the paths of the values the converter or the
// variable substitution refused. A key's problem is not one: the value
// holds the mapping without that entry (a duplicate key's first
// definition stays), which the later checks read. When the alias budget
// ran out, the whole document is (the empty path).
func nodeBroken(problems []nodeProblem, paths map[*yaml.Node][]string) brokenPaths {
	var out brokenPaths
	for _, p := range problems {
		if p.whole {
			return brokenPaths{{}}
		}
		if p.key {
			continue
		}
		if path, ok := paths[p.node]; ok {
			out = append(out, path)
		}
	}
	return out
}

// reportSchema reports the schema problems of doc, but for those about a
// value the converter already refused (their consequence), and records
// the values they refuse.
func (r *run) reportSchema(doc *document, problems []schemaProblem) {
	converted := doc.broken
	for _, p := range problems {
		if converted.covers(p.path) {
			continue
		}
		r.diags.Append(r.schemaDiag(doc, p))
		doc.broken = append(doc.broken, p.brokenPath())
	}
}

// brokenPath is the path a schema problem makes absent for the later
// rules: the value it refused, or the field it found missing.
func (p schemaProblem) brokenPath() []string {
	if p.missing != "" {
		return append(append([]string{}, p.path...), p.missing)
	}
	return p.path
}

// prune takes the value at path out of v: a key of a mapping is deleted,
// an item of a list becomes null (so the other items keep their index).
// Pruning the whole value (an empty path) is left to the caller.
func prune(v any, path []string) {
	if len(path) == 0 {
		return
	}
	parent := valueAt(v, path[:len(path)-1])
	last := path[len(path)-1]
	switch c := parent.(type) {
	case map[string]any:
		delete(c, last)
	case []any:
		if i, err := strconv.Atoi(last); err == nil && i >= 0 && i < len(c) {
			c[i] = nil
		}
	}
}

// maxDecodeRetries bounds how many values the typed decoder may refuse in
// one document (each is reported, taken out and the decoding retried).
const maxDecodeRetries = 100

// decodePartial decodes what is left of a document once its refused
// values are taken out. Each value the typed model cannot hold (an
// integer beyond int64) is reported, taken out too, and the decoding
// tried again. It reports whether the document was decoded.
func (r *run) decodePartial(doc *document) bool {
	for _, p := range doc.broken {
		prune(doc.value, p)
	}
	for range maxDecodeRetries {
		err := r.decode(doc)
		if err == nil {
			return true
		}
		r.diags.Append(r.decodeDiag(doc, err))
		var pe *pathError
		if !errors.As(err, &pe) {
			return false
		}
		p := append([]string{"spec"}, pe.path...)
		doc.broken = append(doc.broken, p)
		prune(doc.value, p)
	}
	return false
}

// graphFields are the fields of the graph the rules inside a context
// graph read, and stateFields those of its states: a refused value there
// would make those rules report consequences of a problem already
// reported (a state without its name, a transition to nowhere).
var (
	graphFields = []string{"states", "new_user_initial_state", "returning_user_initial_state", "terminal_state", "references"}
	stateFields = map[string]bool{"name": true, "type": true, "actions": true, "exit_conditions": true,
		"next_state": true, "on_complete": true, "queries": true, "requested_information": true}
)

// graphRulesApply reports whether the rules inside a graph can run on
// doc: no refused value is, holds or lies in what they read. A refused
// value elsewhere (a description, an objective, one action's text, an
// exit condition's description) does not stop them.
func graphRulesApply(doc *document) bool {
	for _, p := range doc.broken {
		if len(p) < 2 || p[0] != "spec" {
			return false // the spec itself, or the whole document
		}
		if !slices.Contains(graphFields, p[1]) {
			continue
		}
		if p[1] != "states" || len(p) < 4 {
			return false // a whole field, the state list or a whole state
		}
		field := p[3] // spec, states, N, field, ...
		switch {
		case !stateFields[field]:
		case field == "actions" && len(p) > 4:
			// One action refused: the state still has as many.
		case field == "exit_conditions" && len(p) > 5 && p[5] != "next_state":
			// An exit condition's other field.
		default:
			return false
		}
	}
	return true
}
