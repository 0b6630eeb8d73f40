package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// consoleExample is one "$ amigosync ..." line of a ```console block in the
// README with the lines it shows after it.
type consoleExample struct {
	line int
	args []string
	want string
}

// readmeExamples extracts the console examples of the blocks opened by
// fence ("```console": run from the repository root) from the README.
func readmeExamples(t *testing.T, readme, fence string) []consoleExample {
	t.Helper()
	var out []consoleExample
	inConsole := false
	for i, l := range strings.Split(readme, "\n") {
		switch {
		case l == fence:
			inConsole = true
		case strings.HasPrefix(l, "```"):
			inConsole = false
		case inConsole && strings.HasPrefix(l, "$ amigosync "):
			out = append(out, consoleExample{line: i + 1, args: strings.Fields(strings.TrimPrefix(l, "$ amigosync "))})
		case inConsole && len(out) > 0:
			out[len(out)-1].want += l + "\n"
		}
	}
	return out
}

// TestReadmeConsoleExamples runs every console example of the README from
// the repository root and checks that it prints what the README shows
// (stdout, then stderr), so the documentation cannot drift from the tool.
func TestReadmeConsoleExamples(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(readme), "```console")
	if len(examples) == 0 {
		t.Fatal("README.md has no ```console example starting with \"$ amigosync\"")
	}
	t.Chdir(root)
	for _, ex := range examples {
		t.Run(strings.Join(ex.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			run(context.Background(), ex.args, &IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
			got := stdout.String() + stderr.String()
			if diff := cmp.Diff(ex.want, got); diff != "" {
				t.Errorf("README.md:%d shows output that the command does not print (-README +actual):\n%s", ex.line, diff)
			}
		})
	}
}
