package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"testing"
)

// TestCopyIsCurrent regenerates every output from ../shared/api and
// compares it with the file in the repository. The documents themselves
// are not part of the project, so in a clone without ../shared beside it
// this test (and no other) skips; everything else tests the copy.
func TestCopyIsCurrent(t *testing.T) {
	if _, err := os.Stat(sourceDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("upstream OpenAPI documents not beside the checkout (%s): the copy under testdata/openapi was not compared with them", sourceDir)
	}
	for _, o := range outputs(sourceDir) {
		want, err := reduced(o.source)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(o.path)
		if err != nil {
			t.Fatalf("%v; run go generate ./internal/openapigen", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the reduced %s; run go generate ./internal/openapigen", o.path, o.source)
		}
	}
}
