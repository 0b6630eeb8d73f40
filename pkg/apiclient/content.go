package apiclient

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// SameContent reports whether what the server returned (got) carries the
// content that was sent: it compares their JSON forms, and every field of
// sent must be in got with an equal value. It is a subset check, not
// equality, because servers add to what they store: ids, version numbers,
// timestamps, the creator, defaults for fields left out. Precisely:
//
//   - objects: each key of sent must be in got with a matching value;
//     keys only in got are ignored; a null in sent matches an absent key or
//     a null, but not a value;
//   - arrays must have the same length and match element by element;
//   - numbers compare by value (2 matches 2.0); strings, booleans and null
//     compare exactly (no trimming).
//
// got may be a json.RawMessage of the server's answer. The clients use it
// after a write whose answer was lost, to tell "our write was applied"
// from "someone else wrote". It fails only when sent or got cannot be
// encoded as JSON.
func SameContent(sent, got any) (bool, error) {
	s, err := jsonValue(sent)
	if err != nil {
		return false, fmt.Errorf("encode the content sent: %w", err)
	}
	g, err := jsonValue(got)
	if err != nil {
		return false, fmt.Errorf("encode the content returned: %w", err)
	}
	return subsetEqual(s, g), nil
}

// jsonValue turns v into the generic JSON value it encodes to, with
// numbers kept as json.Number so that integers compare exactly.
func jsonValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// subsetEqual applies SameContent's rules to two generic JSON values.
func subsetEqual(sent, got any) bool {
	switch s := sent.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, sv := range s {
			gv, present := g[k]
			if sv == nil && !present {
				continue
			}
			if !present || !subsetEqual(sv, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(s) {
			return false
		}
		for i := range s {
			if !subsetEqual(s[i], g[i]) {
				return false
			}
		}
		return true
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		if s == g {
			return true
		}
		sf, err1 := s.Float64()
		gf, err2 := g.Float64()
		return err1 == nil && err2 == nil && sf == gf
	default:
		return sent == got
	}
}
