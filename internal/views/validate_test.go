package views

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/spec"
)

// validateCases are validated projects whose views are kept as golden
// files: from the repository's testdata/invalid (a warning, a problem
// without a position, invalid UTF-8 and NUL bytes shown escaped, a forged
// line, YAML syntax) and testdata/snippets here (long lines cut around the
// problem, accented characters and a tab before it).
var validateCases = []struct{ name, dir string }{
	{"next-state-unknown", "../../testdata/invalid/next-state-unknown"},
	{"state-unreachable", "../../testdata/invalid/state-unreachable"},
	{"no-manifests", "../../testdata/invalid/no-manifests"},
	{"yaml-syntax", "../../testdata/invalid/yaml-syntax"},
	{"file-binary", "../../testdata/invalid/file-binary"},
	{"file-binary--invalid-utf8", "../../testdata/invalid/file-binary--invalid-utf8"},
	{"bad-name--forged-line", "../../testdata/invalid/bad-name--forged-line"},
	{"duplicate-name", "../../testdata/invalid/duplicate-name"},
	{"yaml-syntax--control-character", "../../testdata/invalid/yaml-syntax--control-character"},
	{"snippets", "testdata/snippets"},
}

// TestValidateGolden renders each case with the snippet, compact and JSON
// views and compares them with testdata/validate/<case>.{txt,compact.txt,json}
// (stdout, then stderr after a "-- stderr --" line).
func TestValidateGolden(t *testing.T) {
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			b, diags := v.Validate(os.DirFS(tc.dir), spec.Options{Root: filepath.ToSlash(strings.TrimPrefix(tc.dir, "../../"))})
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			for _, view := range []struct {
				ext     string
				format  Format
				compact bool
			}{{".txt", FormatText, false}, {".compact.txt", FormatText, true}, {".json", FormatJSON, false}} {
				var stdout, stderr bytes.Buffer
				if err := NewValidate(view.format, view.compact, &View{Stdout: &stdout, Stderr: &stderr}).Results(b, diags); err != nil {
					t.Fatal(err)
				}
				got := stdout.String()
				if stderr.Len() > 0 {
					got += "-- stderr --\n" + stderr.String()
				}
				golden.Check(t, filepath.Join("testdata", "validate", tc.name+view.ext), []byte(got))
			}
		})
	}
}

// TestValidateCompactIsSpecText: --compact prints exactly spec.WriteText,
// today's one line per problem.
func TestValidateCompactIsSpecText(t *testing.T) {
	ds := spec.Diagnostics{{Severity: spec.SeverityError, Code: "c", Summary: "s", Range: spec.Range{File: "f.yaml", Start: spec.Pos{Line: 1, Col: 1}}}}
	var want, got, stderr bytes.Buffer
	if err := spec.WriteText(&want, ds); err != nil {
		t.Fatal(err)
	}
	b := &spec.Bundle{Sources: *spec.NewSources(map[string][]byte{"f.yaml": []byte("x: 1\n")})}
	if err := NewValidate(FormatText, true, &View{Stdout: &got, Stderr: &stderr}).Results(b, ds); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("compact output %q, want %q", got.String(), want.String())
	}
}

func TestValidateJSONValidAndFailed(t *testing.T) {
	var out bytes.Buffer
	view := NewValidate(FormatJSON, false, &View{Stdout: &out, Stderr: failWriter{}})
	if err := view.Results(&spec.Bundle{}, nil); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"format_version\": \"1.0\",\n  \"valid\": true,\n  \"error_count\": 0,\n  \"warning_count\": 0,\n  \"diagnostics\": []\n}\n"
	if out.String() != want {
		t.Errorf("valid project:\n%s\nwant:\n%s", out.String(), want)
	}

	out.Reset()
	cause := errors.New("read manifest directory: stat nope: no such file or directory")
	err := view.Failed(cause)
	var shown *ShownError
	if !errors.As(err, &shown) || !errors.Is(err, cause) || shown.ExitCode() != 1 {
		t.Errorf("Failed returned %#v, want a ShownError wrapping the cause", err)
	}
	var doc ValidateOutput
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out.String())
	}
	if doc.Valid || doc.ErrorCount != 1 || len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Summary != cause.Error() || doc.Diagnostics[0].Code != "" {
		t.Errorf("failed document %+v", doc)
	}

	human := NewValidate(FormatText, false, &View{Stdout: failWriter{}, Stderr: failWriter{}})
	if err := human.Failed(cause); err != cause {
		t.Errorf("human Failed returned %v, want the cause itself for main to print", err)
	}
}

// failWriter fails every write, so a test sees output it did not expect.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("unexpected write") }

// TestValidateHumanForgeries: the forgeries (a manifest name and a
// file name that hold a newline, a fake diagnostic and a colour code, a
// value with a colour code) give, in the snippet view too, one line per
// problem plus its two snippet lines and no control character.
func TestValidateHumanForgeries(t *testing.T) {
	const forged = "evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED"
	fsys := fstest.MapFS{forged + ".yaml": {Data: []byte("apiVersion: amigosync/v1\nkind: Agent\n" +
		`metadata: {name: "evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\e[31mRED"}` + "\nspec:\n" +
		"  identity: {name: Ava, role: R, developed_by: C, default_spoken_language: eng}\n  colour: \"\\e[31m\"\n")}}
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags := v.Validate(fsys, spec.Options{Root: "p"})
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2 (bad-name, unknown-field): %v", len(diags), diags)
	}
	var stdout, stderr bytes.Buffer
	if err := NewValidate(FormatText, false, &View{Stdout: &stdout, Stderr: &stderr}).Results(b, diags); err != nil {
		t.Fatal(err)
	}
	out := stdout.String() + stderr.String()
	if strings.ContainsAny(out, "\x1b\r") {
		t.Errorf("output holds a terminal code: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	// Each problem: its line, the source line, the marker; a blank line between.
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 7:\n%s", len(lines), stdout.String())
	}
	for _, i := range []int{0, 4} {
		if !strings.HasPrefix(lines[i], `"p/evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED.yaml":`) ||
			!strings.Contains(lines[i], `: Agent/"evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED": `) {
			t.Errorf("line %d does not quote the file and manifest names: %s", i+1, lines[i])
		}
	}
}
