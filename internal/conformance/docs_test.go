package conformance

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFindDocs(t *testing.T) {
	root := t.TempDir()
	module := filepath.Join(root, "main")
	deep := filepath.Join(module, "pkg", "x")
	api := filepath.Join(root, "shared", "api")
	other := filepath.Join(root, "elsewhere")
	for _, d := range []string{deep, api, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	touch := func(p string) {
		if err := os.WriteFile(p, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	touch(filepath.Join(module, "go.mod"))
	for _, d := range []string{api, other} {
		touch(filepath.Join(d, "classic-openapi.json"))
		touch(filepath.Join(d, "platform-openapi.json"))
	}
	noEnv := func(string) string { return "" }
	tests := []struct {
		name   string
		dir    string
		getenv func(string) string
		want   string // directory of the documents; "" = ErrNoDocs
	}{
		{"from a package dir", deep, noEnv, api},
		{"from the module root", module, noEnv, api},
		{"env overrides", deep, func(k string) string { return map[string]string{DocsEnv: other}[k] }, other},
		{"env dir without docs", deep, func(k string) string { return map[string]string{DocsEnv: module}[k] }, ""},
		{"no go.mod above", other, noEnv, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			classic, platform, err := findDocs(tt.dir, tt.getenv)
			if tt.want == "" {
				if !errors.Is(err, ErrNoDocs) {
					t.Fatalf("error %v, want ErrNoDocs", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Clean(classic) != filepath.Join(tt.want, "classic-openapi.json") || filepath.Clean(platform) != filepath.Join(tt.want, "platform-openapi.json") {
				t.Errorf("got %s, %s; want them in %s", classic, platform, tt.want)
			}
		})
	}
}
