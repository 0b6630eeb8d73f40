package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the amigosync binary, so the
// scripts under testdata/script run the real command line in a process of
// its own (flags, exit status, stdout and stderr as a user sees them).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"amigosync": func() {
			os.Exit(run(context.Background(), os.Args[1:], &IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
		},
	})
}

// TestScripts runs every testdata/script/*.txtar. $REPO is the repository
// root, for scripts that use the committed examples.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return nil
		},
	})
}
