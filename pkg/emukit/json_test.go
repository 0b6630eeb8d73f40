package emukit

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

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
