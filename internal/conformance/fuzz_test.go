package conformance

import (
	"path/filepath"
	"testing"
)

// FuzzCheck checks that no method, path, status or body makes Check panic.
func FuzzCheck(f *testing.F) {
	c, err := Load(filepath.Join("testdata", "pets-openapi.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("GET", "/v1/acme/pet/", 200, `{"pets":[],"has_more":false}`)
	f.Add("DELETE", "/v1/a/pet/x?y", 204, ``)
	f.Add("get", "//", 0, `{`)
	f.Fuzz(func(t *testing.T, method, path string, status int, body string) {
		_ = c.Check(method, path, status, []byte(body))
	})
}
