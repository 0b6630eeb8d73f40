package conformance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNoDocs means the OpenAPI documents are not where FindDocs looks; tests
// skip on it.
var ErrNoDocs = errors.New("the OpenAPI documents were not found")

// DocsEnv names the environment variable that points at the directory
// holding classic-openapi.json and platform-openapi.json.
const DocsEnv = "AMIGOSYNC_API_DOCS"

// FindDocs returns the paths of the Classic and Platform OpenAPI documents:
// in the directory named by $AMIGOSYNC_API_DOCS when set, otherwise in
// ../shared/api beside the module root (the directory holding go.mod, found
// by walking up from the working directory).
func FindDocs() (classic, platform string, err error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", "", fmt.Errorf("find the OpenAPI documents: %w", err)
	}
	return findDocs(wd, os.Getenv)
}

// findDocs is FindDocs from dir with an injected environment.
func findDocs(dir string, getenv func(string) string) (classic, platform string, err error) {
	docs := getenv(DocsEnv)
	if docs == "" {
		root, err := moduleRoot(dir)
		if err != nil {
			return "", "", err
		}
		docs = filepath.Join(root, "..", "shared", "api")
	}
	classic = filepath.Join(docs, "classic-openapi.json")
	platform = filepath.Join(docs, "platform-openapi.json")
	for _, p := range []string{classic, platform} {
		if _, err := os.Stat(p); err != nil {
			return "", "", fmt.Errorf("%w: %s is missing (set %s to the directory holding them)", ErrNoDocs, filepath.Clean(p), DocsEnv)
		}
	}
	return classic, platform, nil
}

// moduleRoot walks up from dir to the first directory holding go.mod.
func moduleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: no go.mod above the working directory (set %s)", ErrNoDocs, DocsEnv)
		}
		dir = parent
	}
}
