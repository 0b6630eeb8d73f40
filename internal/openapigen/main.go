// Command openapigen writes the copy of the two OpenAPI documents that the
// tests use: the documents of ../shared/api reduced to their facts (paths,
// parameters, request and response schemas, status codes, limits), under
// testdata/openapi/, and the Platform one again where the Platform emulator
// embeds it. The project carries the copy so that a clone without
// ../shared beside it runs every conformance test; TestCopyIsCurrent fails
// when the copy falls behind the documents.
//
// Run it with `go generate ./internal/openapigen` from the module root.
package main

//go:generate go run .

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Where the documents come from and go, relative to this directory (go
// generate and go test both run here).
const (
	sourceDir   = "../../../shared/api"
	testdataDir = "../../testdata/openapi"
	embedDir    = "../../pkg/platform/emulator/openapi"
)

// output is one file the generator writes: the reduced form of source.
type output struct {
	source, path string
}

// outputs lists every file the generator writes, from the documents in src.
func outputs(src string) []output {
	return []output{
		{filepath.Join(src, "classic-openapi.json"), filepath.Join(testdataDir, "classic-openapi.json")},
		{filepath.Join(src, "platform-openapi.json"), filepath.Join(testdataDir, "platform-openapi.json")},
		{filepath.Join(src, "platform-openapi.json"), filepath.Join(embedDir, "platform-openapi.json")},
	}
}

func main() {
	src := flag.String("from", sourceDir, "the directory holding classic-openapi.json and platform-openapi.json")
	flag.Parse()
	if err := generate(*src); err != nil {
		fmt.Fprintln(os.Stderr, "openapigen:", err)
		os.Exit(1)
	}
}

// generate writes every output from the documents in src.
func generate(src string) error {
	for _, o := range outputs(src) {
		data, err := reduced(o.source)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(o.path), 0o755); err != nil {
			return fmt.Errorf("create the directory of %s: %w", o.path, err)
		}
		if err := os.WriteFile(o.path, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", o.path, err)
		}
	}
	return nil
}

// reduced reads the document at path and reduces it.
func reduced(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the OpenAPI document: %w", err)
	}
	return Reduce(filepath.Base(path), data)
}
