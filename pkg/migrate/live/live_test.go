package live_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/migrate/migratetest"
)

func TestCheckWorkspace(t *testing.T) {
	tests := []struct {
		name    string
		ws      backend.Workspace
		wantErr string
	}{
		{"maps to the organization", backend.Workspace{ID: "w1", BackendOrgID: "clinic"}, ""},
		{"maps to another", backend.Workspace{ID: "w1", BackendOrgID: "other"}, `workspace w1 has backend_org_id "other", but the organization to migrate is "clinic"`},
		{"maps to none", backend.Workspace{ID: "w1"}, `workspace w1 has no backend_org_id, but the organization to migrate is "clinic"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := live.CheckWorkspace(tt.ws, "clinic")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var mismatch *live.OrgMismatchError
			if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "--force") {
				t.Errorf("CheckWorkspace: %v, want an *OrgMismatchError saying %q and --force", err, tt.wantErr)
			}
		})
	}
}

func TestPrepareDir(t *testing.T) {
	idmap := `{"format_version": 1, "entries": []}`
	tests := []struct {
		name    string
		dir     string // "": a fresh directory under t.TempDir
		files   map[string]string
		wantMap bool
		wantErr string
	}{
		{"an empty name is not the current directory", "-", nil, false, "the directory to write into is an empty name"},
		{"new", "", nil, false, ""},
		{"empty", "", map[string]string{}, false, ""},
		{"an earlier output", "", map[string]string{"idmap.json": idmap, "agents/a.yaml": "x"}, true, ""},
		{"someone else's", "", map[string]string{"notes.txt": "mine"}, false, "is not empty and holds no idmap.json"},
		{"a damaged id map", "", map[string]string{"idmap.json": `{"format_version": 7}`}, false, "idmap.json: read the id map: format_version 7 is not 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if tt.dir == "-" {
				dir = ""
			}
			if tt.files != nil {
				writeFiles(t, dir, tt.files)
			}
			m, err := live.PrepareDir(dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("PrepareDir: %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || (m != nil) != tt.wantMap {
				t.Errorf("PrepareDir: %v, %v; want an id map: %v", m, err, tt.wantMap)
			}
		})
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// clinic translates the seeded organization of pkg/migrate.
func clinic(t *testing.T) *migrate.Result {
	t.Helper()
	src, err := migratetest.LoadSource(os.DirFS(filepath.Join("..", "testdata", "clinic-org")), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := migrate.Translate(src, migrate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
