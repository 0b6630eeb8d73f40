package conformance

import (
	"fmt"
	"os"
	"path/filepath"
)

// DocsDir is where the project keeps its copy of the two OpenAPI documents,
// relative to the module root: the published documents reduced to their
// facts by internal/openapigen (`go generate ./internal/openapigen`).
const DocsDir = "testdata/openapi"

// FindDocs returns the paths of the Classic and Platform OpenAPI documents
// of the project's copy, found under the module root (the directory holding
// go.mod, found by walking up from the working directory). A missing
// document is an error: the copy is part of the project, and a test that
// cannot check its responses must fail, not skip.
func FindDocs() (classic, platform string, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", "", fmt.Errorf("find the OpenAPI documents: %w", err)
	}
	return findDocs(wd)
}

// LoadDocs loads a Checker for each document FindDocs returns.
func LoadDocs() (classic, platform *Checker, err error) {
	classicPath, platformPath, err := FindDocs()
	if err != nil {
		return nil, nil, err
	}
	if classic, err = Load(classicPath); err != nil {
		return nil, nil, err
	}
	if platform, err = Load(platformPath); err != nil {
		return nil, nil, err
	}
	return classic, platform, nil
}

// findDocs is FindDocs from dir.
func findDocs(dir string) (classic, platform string, err error) {
	root, err := moduleRoot(dir)
	if err != nil {
		return "", "", err
	}
	docs := filepath.Join(root, filepath.FromSlash(DocsDir))
	classic = filepath.Join(docs, "classic-openapi.json")
	platform = filepath.Join(docs, "platform-openapi.json")
	for _, p := range []string{classic, platform} {
		if _, err := os.Stat(p); err != nil {
			return "", "", fmt.Errorf("find the OpenAPI documents: %w (regenerate the copy with go generate ./internal/openapigen)", err)
		}
	}
	return classic, platform, nil
}

// moduleRoot walks up from dir to the first directory holding go.mod.
func moduleRoot(dir string) (string, error) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	for dir = start; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("find the OpenAPI documents: no go.mod in %s or above it", start)
		}
		dir = parent
	}
}
