package classic

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// sameContent reports whether the version the server holds (got) carries
// the content of a create-version request (sent), by apiclient.SameContent:
// fields only in got (ids, created_at, creator, server defaults) are
// ignored. In Classic a top-level null means "leave unchanged"
// (voice_config), so such a field of sent matches anything and is left out
// of the comparison; sent must be a JSON object.
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
	return apiclient.SameContent(fields, got)
}
