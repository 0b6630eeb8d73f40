package conformance

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const petID = "0123456789abcdef01234567"

func loadPets(t *testing.T) *Checker {
	t.Helper()
	c, err := Load(filepath.Join("testdata", "pets-openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheck(t *testing.T) {
	c := loadPets(t)
	tests := []struct {
		name         string
		method, path string
		status       int
		body         string
		wantErr      string // "" = conforms
		undocumented bool
	}{
		{"list ok", "GET", "/v1/acme/pet/", 200, `{"pets":[{"id":"` + petID + `","name":"rex"}],"has_more":false,"continuation_token":null}`, "", false},
		{"query ignored", "GET", "/v1/acme/pet/?limit=5", 200, `{"pets":[],"has_more":true,"continuation_token":5}`, "", false},
		{"method lower case", "get", "/v1/acme/pet/", 200, `{"pets":[],"has_more":false}`, "", false},
		{"missing required", "GET", "/v1/acme/pet/", 200, `{"pets":[]}`, "does not match the response schema", false},
		{"nested ref violated", "GET", "/v1/acme/pet/", 200, `{"pets":[{"id":"xyz","name":"rex"}],"has_more":false}`, "does not match the response schema", false},
		{"wrong token type", "GET", "/v1/acme/pet/", 200, `{"pets":[],"has_more":false,"continuation_token":"5"}`, "does not match", false},
		{"not json", "GET", "/v1/acme/pet/", 200, `<html>`, "the body is not JSON", false},
		{"trailing data after the JSON value", "GET", "/v1/acme/pet/", 200, `{"pets":[],"has_more":false} {"pets":[]}`, "the body is not JSON", false},
		{"trailing newline", "GET", "/v1/acme/pet/", 200, "{\"pets\":[],\"has_more\":false}\n", "", false},
		{"4XX range", "GET", "/v1/acme/pet/", 404, `{"detail":"Organization not found."}`, "", false},
		{"4XX range body checked", "GET", "/v1/acme/pet/", 401, `{"message":"no"}`, "does not match", false},
		{"undocumented status", "GET", "/v1/acme/pet/", 503, `{"detail":"maintenance"}`, "status 503 is not documented for this operation (documented: 200, 4XX)", true},
		{"trailing slash matters", "GET", "/v1/acme/pet", 200, `{"pets":[],"has_more":false}`, "no path template", false},
		{"unknown method", "PUT", "/v1/acme/pet/", 200, `{}`, "no PUT operation", false},
		{"empty param", "GET", "/v1//pet/", 200, `{"pets":[],"has_more":false}`, "no path template", false},
		{"created", "POST", "/v1/acme/pet/", 201, `{"id":"` + petID + `","name":"rex","tags":["a"]}`, "", false},
		{"date-time format", "POST", "/v1/acme/pet/", 201, `{"id":"` + petID + `","name":"rex","born":"2026-11-25T19:00:00Z"}`, "", false},
		{"date-time format asserted", "POST", "/v1/acme/pet/", 201, `{"id":"` + petID + `","name":"rex","born":"yesterday"}`, "does not match", false},
		{"created empty body is null", "POST", "/v1/acme/pet/", 201, ``, "", false},
		{"created too long name", "POST", "/v1/acme/pet/", 201, `{"id":"` + petID + `","name":"abcdefghijk"}`, "does not match", false},
		{"documented without content", "POST", "/v1/acme/pet/", 409, `{"detail":"exists"}`, "", false},
		{"no content", "DELETE", "/v1/acme/pet/" + petID, 204, ``, "", false},
		{"default response", "DELETE", "/v1/acme/pet/" + petID, 500, `{"detail":"boom"}`, "", false},
		{"default response body checked", "DELETE", "/v1/acme/pet/" + petID, 500, `[]`, "does not match", false},
		{"same path, other parameter name: DELETE", "DELETE", "/v1/acme/pet/" + petID, 204, ``, "", false},
		{"same path, other parameter name: POST", "POST", "/v1/acme/pet/" + petID, 200, `{"id":"` + petID + `","name":"rex"}`, "", false},
		{"same path, other parameter name: POST body", "POST", "/v1/acme/pet/" + petID, 200, `{}`, "does not match", false},
		{"literal beats parameter", "GET", "/v1/acme/pet/count", 200, `3`, "", false},
		{"literal route schema", "GET", "/v1/acme/pet/count", 200, `-1`, "does not match", false},
		{"escaped template", "GET", "/v1/special~path/x", 200, `"` + petID + `"`, "", false},
		{"escaped template violated", "GET", "/v1/special~path/x", 200, `"nope"`, "does not match", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Check(tt.method, tt.path, tt.status, []byte(tt.body))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected mismatch: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			var m *Mismatch
			if !errors.As(err, &m) {
				t.Errorf("error %T is not a *Mismatch", err)
			}
			var u *UndocumentedStatusError
			if errors.As(err, &u) != tt.undocumented {
				t.Errorf("undocumented status = %v, want %v", !tt.undocumented, tt.undocumented)
			}
		})
	}
}

func TestMismatchMessage(t *testing.T) {
	err := loadPets(t).Check("DELETE", "/v1/acme/pet/x", 204, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = loadPets(t).Check("GET", "/v1/acme/pet/", 503, nil)
	want := "pets-openapi.json: GET /v1/acme/pet/ (/v1/{org}/pet/) → 503: status 503 is not documented for this operation (documented: 200, 4XX)"
	if err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.json"), "read OpenAPI document"},
		{"not json", write("bad.json", "{"), "parse OpenAPI document"},
		{"openapi 3.0", write("old.json", `{"openapi":"3.0.3","paths":{}}`), `openapi version "3.0.3" is not 3.1`},
		{"bad operation", write("op.json", `{"openapi":"3.1.0","paths":{"/a":{"get":{"responses":[]}}}}`), "parse GET /a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestBrokenSchemaRef(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ref.json")
	doc := `{"openapi":"3.1.0","paths":{"/a":{"get":{"responses":{"200":{"description":"x","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Missing"}}}}}}}}}`
	if err := os.WriteFile(p, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check("GET", "/a", 200, []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "compile the response schema") {
		t.Errorf("error %v, want a schema compile error", err)
	}
}
