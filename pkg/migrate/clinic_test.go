package migrate_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/migratetest"
	"github.com/amigosync/amigosync/pkg/spec"
)

// validator is compiled once for the package's tests.
var validator = sync.OnceValues(spec.NewValidator)

func newValidator(t testing.TB) *spec.Validator {
	t.Helper()
	v, err := validator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// clinic loads the seeded organization of testdata/clinic-org.
func clinic(t testing.TB) migrate.Source {
	t.Helper()
	src, err := migratetest.LoadSource(os.DirFS("testdata/clinic-org"), newValidator(t))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func clinicMap(t testing.TB) *migrate.Map {
	t.Helper()
	data, err := os.ReadFile("testdata/clinic-org/map.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := migrate.ParseMap("map.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestClinicReport checks the reports of the seeded organization against
// golden files: as it is, and resolved with the mapping file and inlining.
func TestClinicReport(t *testing.T) {
	tests := []struct {
		name string
		opts func(t *testing.T) migrate.Options
	}{
		{"default", func(t *testing.T) migrate.Options { return migrate.Options{} }},
		{"resolved", func(t *testing.T) migrate.Options {
			return migrate.Options{InlineReferences: true, Map: clinicMap(t)}
		}},
		{"all-versions", func(t *testing.T) migrate.Options {
			return migrate.Options{AllVersions: true, InlineReferences: true, Map: clinicMap(t)}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts(t)
			opts.Validator = newValidator(t)
			res, err := migrate.Translate(clinic(t), opts)
			if err != nil {
				t.Fatal(err)
			}
			var md, js bytes.Buffer
			if err := res.Report.WriteMarkdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := res.Report.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", tt.name, "migration-report.md"), md.Bytes())
			golden.Check(t, filepath.Join("testdata", "golden", tt.name, "migration-report.json"), js.Bytes())
		})
	}
}
