package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindDocs(t *testing.T) {
	root := t.TempDir()
	module := filepath.Join(root, "main")
	deep := filepath.Join(module, "pkg", "x")
	docs := filepath.Join(module, "testdata", "openapi")
	half := filepath.Join(root, "half")
	bare := filepath.Join(root, "bare")
	for _, d := range []string{deep, docs, filepath.Join(half, "testdata", "openapi"), bare} {
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
	touch(filepath.Join(docs, "classic-openapi.json"))
	touch(filepath.Join(docs, "platform-openapi.json"))
	touch(filepath.Join(half, "go.mod"))
	touch(filepath.Join(half, "testdata", "openapi", "classic-openapi.json"))
	tests := []struct {
		name string
		dir  string
		want string // directory of the documents, or a part of the error
		ok   bool
	}{
		{"from a package dir", deep, docs, true},
		{"from the module root", module, docs, true},
		{"a document missing", half, "platform-openapi.json: no such file or directory (regenerate the copy with go generate ./internal/openapigen)", false},
		{"no go.mod above", bare, "no go.mod in " + bare + " or above it", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			classic, platform, err := findDocs(tt.dir)
			if !tt.ok {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want it to contain %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if classic != filepath.Join(tt.want, "classic-openapi.json") || platform != filepath.Join(tt.want, "platform-openapi.json") {
				t.Errorf("got %s, %s; want them in %s", classic, platform, tt.want)
			}
		})
	}
}
