package emukit

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bodyErr is a one-error answer at loc ["body"].
func bodyErr(msg, typ string) []FieldError {
	return []FieldError{{Loc: []any{"body"}, Msg: msg, Type: typ}}
}

// invalidAt is a one-error json_invalid answer at character pos.
func invalidAt(pos int, reason string) []FieldError {
	return []FieldError{{Loc: []any{"body", pos}, Msg: "JSON decode error", Type: "json_invalid", Ctx: map[string]any{"error": reason}}}
}

func TestReadJSON(t *testing.T) {
	notModel := bodyErr("Input should be a valid dictionary or object to extract fields from", "model_attributes_type")
	missing := bodyErr("Field required", "missing")
	tests := []struct {
		name        string
		contentType string // "-" sends no body at all
		body        string
		want        any
		wantErrs    []FieldError
	}{
		{"json", "application/json", `{"name":"a","n":3}`, map[string]any{"name": "a", "n": json.Number("3")}, nil},
		{"json with charset", "application/json; charset=utf-8", `{"a":"é"}`, map[string]any{"a": "é"}, nil},
		{"json in capitals", "Application/JSON", `[1]`, []any{json.Number("1")}, nil},
		{"structured +json suffix", "application/merge-patch+json", `{}`, map[string]any{}, nil},
		{"no content type is json", "", `{"a":null}`, map[string]any{"a": nil}, nil},
		{"utf-8 byte order mark", "application/json", "\xef\xbb\xbf{}", map[string]any{}, nil},
		{"no body", "-", "", nil, missing},
		{"blank body", "application/json", " \n", nil, missing},
		{"empty text body", "text/plain", "", nil, missing},
		{"text/plain", "text/plain", `{"name":"a"}`, nil, notModel},
		{"text/plain; charset", "text/plain; charset=utf-8", `{}`, nil, notModel},
		{"form", "application/x-www-form-urlencoded", `name=a`, nil, notModel},
		{"text/json", "text/json", `{}`, nil, notModel},
		{"json as a parameter only", "text/plain; type=application/json", `{}`, nil, notModel},
		{"no subtype", "application", `{}`, nil, notModel},
		{"two slashes", "application/json/x", `{}`, nil, notModel},
		{"invalid utf-8 in a string", "application/json", "{\"name\":\"a\xffb\"}", nil,
			invalidAt(10, "the body is not valid UTF-8: byte 0xff at byte offset 10")},
		{"position counts characters", "application/json", "{\"é\":\"\xc3\"}", nil,
			invalidAt(6, "the body is not valid UTF-8: byte 0xc3 at byte offset 7")},
		{"encoded surrogate", "application/json", "\"\xed\xa0\x80\"", nil,
			invalidAt(1, "the body is not valid UTF-8: byte 0xed at byte offset 1")},
		{"text/plain wins over bad bytes", "text/plain", "\xff", nil, notModel},
		{"syntax error", "application/json", `{name: x}`, nil, invalidAt(1, "invalid character 'n' looking for beginning of object key string")},
		{"truncated", "application/json", `{"name":`, nil, invalidAt(8, "unexpected end of the JSON input")},
		{"extra data", "application/json", `{} {}`, nil, invalidAt(3, "Extra data")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			switch tt.contentType {
			case "-":
				r.Body = nil
			case "":
			default:
				r.Header.Set("Content-Type", tt.contentType)
			}
			got, errs := ReadJSON(r)
			if diff := cmp.Diff(tt.wantErrs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadJSONTooLarge(t *testing.T) {
	big := `{"name":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	_, errs := ReadJSON(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(big)))
	if len(errs) != 1 || errs[0].Type != "body_too_large" {
		t.Errorf("errors %v, want one body_too_large", errs)
	}
}
