package emukit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type decodeTarget struct {
	Name   string            `json:"name"`
	Count  *int              `json:"count"`
	Tags   []string          `json:"tags"`
	Nested struct{ On bool } `json:"nested"`
	Ratio  float64           `json:"ratio"`
	Labels map[string]string `json:"labels"`
}

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name string
		body string
		nil_ bool
		want []FieldError
	}{
		{"ok", `{"name":"a","count":3,"tags":["x"],"unknown":1}`, false, nil},
		{"no body", "", true, []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}},
		{"blank body", "  \n", false, []FieldError{{Loc: []any{"body"}, Msg: "Field required", Type: "missing"}}},
		{"invalid", `{"name":`, false, []FieldError{{Loc: []any{"body"}, Msg: "JSON decode error: unexpected EOF", Type: "json_invalid"}}},
		{"trailing data", `{} {}`, false, []FieldError{{Loc: []any{"body"}, Msg: "JSON decode error: extra data after the JSON value", Type: "json_invalid"}}},
		{"not an object", `[1]`, false, []FieldError{{Loc: []any{"body"}, Msg: "Input should be a valid dictionary or object to extract fields from", Type: "model_attributes_type"}}},
		{"string expected", `{"name":1}`, false, []FieldError{{Loc: []any{"body", "name"}, Msg: "Input should be a valid string", Type: "string_type"}}},
		{"int expected", `{"count":"x"}`, false, []FieldError{{Loc: []any{"body", "count"}, Msg: "Input should be a valid integer", Type: "int_type"}}},
		{"list expected", `{"tags":"x"}`, false, []FieldError{{Loc: []any{"body", "tags"}, Msg: "Input should be a valid list", Type: "list_type"}}},
		{"nested bool", `{"nested":{"On":"yes"}}`, false, []FieldError{{Loc: []any{"body", "nested", "On"}, Msg: "Input should be a valid boolean", Type: "bool_type"}}},
		{"number expected", `{"ratio":true}`, false, []FieldError{{Loc: []any{"body", "ratio"}, Msg: "Input should be a valid number", Type: "float_type"}}},
		{"dict expected", `{"labels":[]}`, false, []FieldError{{Loc: []any{"body", "labels"}, Msg: "Input should be a valid dictionary", Type: "dict_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			if tt.nil_ {
				r.Body = nil
			}
			var v decodeTarget
			got := DecodeJSON(r, &v)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeJSON (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeJSONTooLarge(t *testing.T) {
	big := `{"name":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	var v decodeTarget
	errs := DecodeJSON(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(big)), &v)
	if len(errs) != 1 || errs[0].Type != "body_too_large" {
		t.Errorf("errors %v, want one body_too_large", errs)
	}
}

func TestWriters(t *testing.T) {
	tests := []struct {
		name       string
		write      func(w http.ResponseWriter)
		wantStatus int
		wantBody   string
		wantType   string
	}{
		{"json", func(w http.ResponseWriter) { WriteJSON(w, 201, map[string]string{"id": "x"}) }, 201, `{"id":"x"}` + "\n", "application/json"},
		{"no content", func(w http.ResponseWriter) { WriteJSON(w, 204, nil) }, 204, "", ""},
		{"error", func(w http.ResponseWriter) { WriteError(w, 404, "Agent not found.") }, 404, `{"detail":"Agent not found."}` + "\n", "application/json"},
		{"validation", func(w http.ResponseWriter) {
			WriteValidation(w, []FieldError{{Loc: []any{"query", "limit"}, Msg: "Input should be less than or equal to 20", Type: "less_than_equal"}})
		}, 422, `{"detail":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 20","type":"less_than_equal"}]}` + "\n", "application/json"},
		{"validation nil", func(w http.ResponseWriter) { WriteValidation(w, nil) }, 422, `{"detail":[]}` + "\n", "application/json"},
		{"unencodable", func(w http.ResponseWriter) { WriteJSON(w, 200, func() {}) }, 500, `{"detail":"Internal server error: the response could not be encoded."}` + "\n", "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tt.write(rec)
			if rec.Code != tt.wantStatus || rec.Body.String() != tt.wantBody || rec.Header().Get("Content-Type") != tt.wantType {
				t.Errorf("got %d %q %q, want %d %q %q", rec.Code, rec.Body.String(), rec.Header().Get("Content-Type"), tt.wantStatus, tt.wantBody, tt.wantType)
			}
		})
	}
}

func TestFieldErrorString(t *testing.T) {
	e := FieldError{Loc: []any{"body", "states", 0}, Msg: "bad"}
	if got := e.Error(); got != "body.states.0: bad" {
		t.Errorf("Error() = %q", got)
	}
}
