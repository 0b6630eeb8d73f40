package classic

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// sameContent reports whether the version the server holds (got) carries
// the content of a create-version request (sent). It compares the JSON forms:
// every field present and non-null in sent must be present in got with an
// equal value; fields only in got (ids, created_at, creator, server defaults)
// are ignored. A top-level null in sent means "leave unchanged" in Classic
// (voice_config), so it matches anything.
//
// It is used after a guarded retry got 409, to tell "our first attempt was
// committed before the connection dropped" from "someone else created it".
func sameContent(sent, got any) (bool, error) {
	s, err := toJSONValue(sent)
	if err != nil {
		return false, fmt.Errorf("encode the sent version: %w", err)
	}
	g, err := toJSONValue(got)
	if err != nil {
		return false, fmt.Errorf("decode the stored version: %w", err)
	}
	sm, ok := s.(map[string]any)
	if !ok {
		return false, fmt.Errorf("the sent version is not a JSON object")
	}
	gm, ok := g.(map[string]any)
	if !ok {
		return false, nil
	}
	for k, sv := range sm {
		if sv == nil {
			continue
		}
		if !subsetEqual(sv, gm[k]) {
			return false, nil
		}
	}
	return true, nil
}

// toJSONValue turns v into the generic JSON value it encodes to, with
// numbers kept as json.Number so that integers compare exactly.
func toJSONValue(v any) (any, error) {
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

// subsetEqual reports whether got holds everything sent holds: objects may
// carry extra keys in got (and a null in sent matches an absent key),
// arrays must match element by element, scalars must be equal.
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
			if !subsetEqual(sv, gv) {
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
