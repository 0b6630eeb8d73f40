package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeMigrateExample runs the README's worked migration example
// (the "```console migrate" blocks) in a copy of examples/migrate and
// checks that each command prints what the README shows: a "..." line
// there stands for any lines, and elapsed times may differ.
func TestReadmeMigrateExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(validateRepoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(readme), "```console migrate")
	if len(examples) < 3 {
		t.Fatalf("README.md has %d migrate example commands, want the worked example", len(examples))
	}
	dir := copyProject(t, filepath.Join(validateRepoRoot, "examples", "migrate"))
	if err := os.RemoveAll(filepath.Join(dir, "out")); err != nil { // a local run's output
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, ex := range examples {
		var stdout, stderr bytes.Buffer
		run(context.Background(), ex.args, &IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
		got := strings.Split(scrub(stdout.String()+stderr.String()), "\n")
		if want := strings.Split(scrub(ex.want), "\n"); !linesMatch(want, got) {
			t.Errorf("README.md:%d: amigosync %s prints what the README does not show:\n%s", ex.line, strings.Join(ex.args, " "), strings.Join(got, "\n"))
		}
	}
}

// linesMatch reports whether got matches want, where a "..." line of want
// matches any run of lines (none too).
func linesMatch(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for i := 0; i <= len(got); i++ {
			if linesMatch(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && got[0] == want[0] && linesMatch(want[1:], got[1:])
}

func TestLinesMatch(t *testing.T) {
	tests := []struct {
		want, got string
		match     bool
	}{
		{"a\nb", "a\nb", true},
		{"a\nb", "a\nc", false},
		{"a\n...\nd", "a\nb\nc\nd", true},
		{"a\n...\nd", "a\nd", true},
		{"a\n...\nd", "a\nb\nc", false},
		{"...", "", true},
		{"a", "a\nb", false},
	}
	for _, tt := range tests {
		if got := linesMatch(strings.Split(tt.want, "\n"), strings.Split(tt.got, "\n")); got != tt.match {
			t.Errorf("linesMatch(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.match)
		}
	}
}
