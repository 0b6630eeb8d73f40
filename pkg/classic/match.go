package classic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// sameContent reports whether the version the server holds (got) carries
// the content of a create-version request (sent), by apiclient.SameContent:
// fields only in got (ids, created_at, creator, server defaults) are
// ignored. In Classic a top-level null means "leave unchanged"
// (voice_config), so such a field of sent matches anything and is left out
// of the comparison; sent must be a JSON object. Strings compare without
// their surrounding white space on both sides: the API stores its
// "stripped" strings trimmed (a YAML block scalar's final newline does not
// come back), so what it holds may differ from what was sent by exactly that.
//
// It is used after a guarded retry got 409, to tell "our first attempt was
// committed before the connection dropped" from "someone else created it".
func sameContent(sent, got any) (bool, error) {
	raw, err := json.Marshal(sent)
	if err != nil {
		return false, fmt.Errorf("encode the sent version: %w", err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return false, errors.New("the sent version is not a JSON object")
	}
	for k, v := range fields {
		if bytes.Equal(v, []byte("null")) {
			delete(fields, k)
		}
	}
	s, err := trimmedJSON(fields)
	if err != nil {
		return false, fmt.Errorf("encode the sent version: %w", err)
	}
	g, err := trimmedJSON(got)
	if err != nil {
		return false, fmt.Errorf("encode the stored version: %w", err)
	}
	return apiclient.SameContent(s, g)
}

// trimmedJSON returns v as generic JSON (numbers kept exact) with every
// string trimmed of surrounding white space.
func trimmedJSON(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return trimStrings(out), nil
}

// trimStrings trims every string of a generic JSON value, in place.
func trimStrings(v any) any {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		for k, e := range t {
			t[k] = trimStrings(e)
		}
	case []any:
		for i, e := range t {
			t[i] = trimStrings(e)
		}
	}
	return v
}
