// Package emukittest holds what the tests of both emulators share about
// request bodies that emukit.ReadJSON refuses, so that the Classic and the
// Platform emulator are checked against one list. It is for tests only.
package emukittest

import (
	"bytes"
	"fmt"
)

// RefusedBody is one way of sending an otherwise valid body that an
// emulator must answer with one 422 error at Loc of Type.
type RefusedBody struct {
	Name        string // for test messages
	ContentType string // the Content-Type header; "" sends none
	NotUTF8     bool   // send the body with a first field holding the byte 0xff
	Loc, Type   string // the one error expected, its loc written "body.9"
}

// RefusedBodies are the media types FastAPI does not read as JSON, and
// bytes that are not UTF-8 with and without a Content-Type.
func RefusedBodies() []RefusedBody {
	return []RefusedBody{
		{"text/plain", "text/plain", false, "body", "model_attributes_type"},
		{"text/plain with charset", "text/plain; charset=utf-8", false, "body", "model_attributes_type"},
		{"form", "application/x-www-form-urlencoded", false, "body", "model_attributes_type"},
		{"not UTF-8", "application/json", true, "body.9", "json_invalid"},
		{"not UTF-8 without a content type", "", true, "body.9", "json_invalid"},
	}
}

// Body is the body to send for r, from the JSON object data: data itself,
// or data with a first field "note" whose string value is the byte 0xff,
// which is not UTF-8, at character 9 (the Loc of those cases).
func (r RefusedBody) Body(data []byte) (string, error) {
	if !r.NotUTF8 {
		return string(data), nil
	}
	if !bytes.HasPrefix(data, []byte("{")) {
		return "", fmt.Errorf("refused body %q: %.20q is not a JSON object", r.Name, data)
	}
	return "{\"note\":\"\xff\"," + string(data[1:]), nil
}

// AcceptedBody is a way of sending a JSON body that an emulator must read
// as JSON, with a name (of an agent, say) that must come back unchanged.
type AcceptedBody struct {
	Name        string // for test messages
	ContentType string // the Content-Type header; "" sends none
	Text        string // the name to send and read back
}

// AcceptedBodies are no Content-Type (FastAPI reads JSON then), a
// structured +json media type, and non-ASCII text in UTF-8.
func AcceptedBodies() []AcceptedBody {
	return []AcceptedBody{
		{"no content type", "", "sans-type"},
		{"structured suffix", "application/vnd.amigo+json", "suffixed"},
		{"non-ASCII name", "application/json", "Zoë 東京"},
	}
}
