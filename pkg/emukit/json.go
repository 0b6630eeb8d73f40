package emukit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// MaxBodyBytes is the largest request body DecodeJSON reads.
const MaxBodyBytes = 8 << 20

// WriteJSON answers status with v as JSON. Statuses that carry no body
// (1xx, 204, 304) are answered without one.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	if status == http.StatusNoContent || status == http.StatusNotModified || status < 200 {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"detail":"Internal server error: the response could not be encoded."}`)
	}
	b = append(b, '\n')
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b) // the client has gone; nothing useful to do
}

// WriteError answers status with the FastAPI error body {"detail": msg}.
func WriteError(w http.ResponseWriter, status int, msg string) {
	WriteJSON(w, status, map[string]string{"detail": msg})
}

// FieldError is one entry of a FastAPI 422 body: where (loc, starting with
// "body", "query", "path" or "header"), what (msg) and a machine type.
type FieldError struct {
	Loc  []any  `json:"loc"`  // path to the field: "body", then names and indexes
	Msg  string `json:"msg"`  // pydantic's message, e.g. "Field required"
	Type string `json:"type"` // pydantic's error type, e.g. "missing"
}

// Error returns the error as "body.field: msg", so a FieldError can travel as an error.
func (e FieldError) Error() string {
	parts := make([]string, len(e.Loc))
	for i, l := range e.Loc {
		parts[i] = fmt.Sprint(l)
	}
	return strings.Join(parts, ".") + ": " + e.Msg
}

// WriteValidation answers 422 {"detail": errs}.
func WriteValidation(w http.ResponseWriter, errs []FieldError) {
	if errs == nil {
		errs = []FieldError{}
	}
	WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"detail": errs})
}

// DecodeJSON decodes the request body (at most MaxBodyBytes) into v and
// reports problems as FastAPI would: a missing body or invalid JSON is one
// FieldError at loc ["body"], a value of the wrong type is one at the path of
// the field (["body", "states", "start", "actions"]). Unknown fields are
// ignored, as pydantic does by default. nil means v was filled.
func DecodeJSON(r *http.Request, v any) []FieldError {
	if r.Body == nil {
		return []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return []FieldError{{Loc: []any{"body"}, Msg: "The request body could not be read.", Type: "body_read"}}
	}
	if len(data) > MaxBodyBytes {
		return []FieldError{{Loc: []any{"body"}, Msg: fmt.Sprintf("The request body is larger than %d bytes.", MaxBodyBytes), Type: "body_too_large"}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return []FieldError{decodeError(err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return []FieldError{{Loc: []any{"body"}, Msg: "JSON decode error: extra data after the JSON value", Type: "json_invalid"}}
	}
	return nil
}

// decodeError turns an encoding/json error into a FieldError.
func decodeError(err error) FieldError {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) {
		return FieldError{Loc: []any{"body"}, Msg: "JSON decode error: " + err.Error(), Type: "json_invalid"}
	}
	loc := []any{"body"}
	if typeErr.Field != "" {
		for _, p := range strings.Split(typeErr.Field, ".") {
			loc = append(loc, p)
		}
	}
	msg, typ := "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"
	if typeErr.Field != "" || typeErr.Type == nil || typeErr.Type.Kind() != reflect.Struct {
		msg, typ = typeMessage(typeErr.Type)
	}
	return FieldError{Loc: loc, Msg: msg, Type: typ}
}

// typeMessage is pydantic's message and type for a value that is not a t.
func typeMessage(t reflect.Type) (msg, typ string) {
	if t == nil {
		return "Input has the wrong type", "type_error"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "Input should be a valid string", "string_type"
	case reflect.Bool:
		return "Input should be a valid boolean", "bool_type"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "Input should be a valid integer", "int_type"
	case reflect.Float32, reflect.Float64:
		return "Input should be a valid number", "float_type"
	case reflect.Slice, reflect.Array:
		return "Input should be a valid list", "list_type"
	case reflect.Map, reflect.Struct:
		return "Input should be a valid dictionary", "dict_type"
	}
	return "Input has the wrong type", "type_error"
}
