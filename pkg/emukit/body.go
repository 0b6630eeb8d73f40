package emukit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// MaxBodyBytes is the largest request body ReadJSON reads.
const MaxBodyBytes = 8 << 20

// utf8BOM is the byte order mark Python's json.loads skips (it decodes
// with utf-8-sig when a body starts with it).
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadJSON reads the body of r (at most MaxBodyBytes) as the one JSON value
// a FastAPI endpoint with a model body accepts, with numbers as json.Number,
// and reports problems with the errors FastAPI gives before validating the
// value against the model:
//
//   - no body, or only white space: "missing" at ["body"];
//   - a body whose Content-Type is not JSON (application/json or
//     application/*+json, any parameters): FastAPI hands the raw bytes to
//     the model, so "model_attributes_type" at ["body"]; a request without
//     a Content-Type is read as JSON, as FastAPI does;
//   - bytes that are not UTF-8, or text that is not one JSON value:
//     "json_invalid" at ["body", position], the position in characters as
//     Python counts them, and the reason in ctx.error.
//
// Undecodable bytes are refused rather than stored as U+FFFD. (FastAPI itself
// answers 400 "There was an error parsing the body" there, a status the
// documents do not list for these endpoints, so the emulators keep to their
// 422 and its HTTPValidationError body.) nil errors means the value was read.
func ReadJSON(r *http.Request) (any, []FieldError) {
	data, errs := readBody(r)
	if errs != nil {
		return nil, errs
	}
	if !IsJSONContentType(r.Header.Get("Content-Type")) {
		return nil, []FieldError{{Loc: []any{"body"}, Msg: "Input should be a valid dictionary or object to extract fields from", Type: "model_attributes_type"}}
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		at := invalidUTF8(data)
		return nil, []FieldError{jsonInvalid(data, at, fmt.Sprintf("the body is not valid UTF-8: byte 0x%02x at byte offset %d", data[at], at))}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		at, reason := syntaxOffset(data, err)
		return nil, []FieldError{jsonInvalid(data, at, reason)}
	}
	end := int(dec.InputOffset())
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		// Python's json reports the index where the extra data starts.
		rest := data[end:]
		end += len(rest) - len(bytes.TrimLeft(rest, " \t\r\n"))
		return nil, []FieldError{jsonInvalid(data, end, "Extra data")}
	}
	return v, nil
}

// readBody reads the whole body of r, refusing a missing, unreadable or too
// large one.
func readBody(r *http.Request) ([]byte, []FieldError) {
	if r.Body == nil {
		return nil, []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	switch {
	case err != nil:
		return nil, []FieldError{{Loc: []any{"body"}, Msg: "The request body could not be read.", Type: "body_read"}}
	case len(data) > MaxBodyBytes:
		return nil, []FieldError{{Loc: []any{"body"}, Msg: fmt.Sprintf("The request body is larger than %d bytes.", MaxBodyBytes), Type: "body_too_large"}}
	case len(bytes.TrimSpace(data)) == 0:
		return nil, []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}
	}
	return data, nil
}

// IsJSONContentType reports whether FastAPI reads a body with this
// Content-Type header as JSON: when there is none, or when its media type
// is application/json or application/*+json, whatever its parameters. It
// follows Python's email.message: the media type is the part before the
// first ";", trimmed and lower-cased, and one without exactly one "/" is
// text/plain.
func IsJSONContentType(header string) bool {
	if header == "" {
		return true
	}
	media, _, _ := strings.Cut(header, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	if strings.Count(media, "/") != 1 {
		return false
	}
	typ, sub, _ := strings.Cut(media, "/")
	return typ == "application" && (sub == "json" || strings.HasSuffix(sub, "+json"))
}

// invalidUTF8 returns the byte offset of the first byte of data that does
// not start a valid UTF-8 sequence.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// syntaxOffset returns the byte offset at which decoding data failed with
// err, and the reason.
func syntaxOffset(data []byte, err error) (int, string) {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		// Go counts the bytes read, Python the offending character's index.
		return max(int(syn.Offset)-1, 0), syn.Error()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return len(data), "unexpected end of the JSON input"
	}
	return 0, err.Error()
}

// jsonInvalid is FastAPI's error for a body that is not JSON, at byte offset
// at of data, given as Python's character index.
func jsonInvalid(data []byte, at int, reason string) FieldError {
	pos := utf8.RuneCount(data[:min(at, len(data))])
	return FieldError{Loc: []any{"body", pos}, Msg: "JSON decode error", Type: "json_invalid", Ctx: map[string]any{"error": reason}}
}
