// Package golden compares test output with golden files under testdata/
// and rewrites them when the tests run with -update.
//
// Importing it registers the -update flag in the test binary. Every package
// with tests imports it (a blank import where it has no golden files), so
// that `go test ./... -update` is accepted everywhere instead of failing with
// "flag provided but not defined" in the packages that have none.
//
// It is for tests only.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag. A package-level flag is the one global this
// package has: the testing framework parses flags into it before tests run.
var update = flag.Bool("update", false, "rewrite golden files under testdata/ with the output the tests produce")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path. With -update it first
// writes got there (creating directories). A missing file is an error that
// says how to create it; a difference is reported as a -want +got diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("create the directory of golden file %s: %v", path, err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("write golden file %s: %v", path, err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run the test with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from golden file %s (-want +got):\n%s", path, diff)
	}
}
