package emukit

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

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
	// Ctx is what FastAPI adds to some errors, e.g. {"error": reason} for json_invalid.
	Ctx map[string]any `json:"ctx,omitempty"`
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
