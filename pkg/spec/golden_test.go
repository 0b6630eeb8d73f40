package spec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
)

// repoTestdata is the top-level testdata directory, seen from this package.
const repoTestdata = "../../testdata"

// caseOptions are the optional per-case options (options.json).
type caseOptions struct {
	Target string `json:"target"`
	Strict bool   `json:"strict"`
	// Also lists the codes besides the directory's that the case
	// expects, each at least once: a problem that must not hide the
	// others reported beside it.
	Also []string `json:"also"`
}

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestInvalidGolden validates every testdata/invalid/<code>[--variant]
// directory, compares the text output with expected.txt and checks that
// only the rule the directory is named after fired.
func TestInvalidGolden(t *testing.T) {
	v := newTestValidator(t)
	dirs, err := filepath.Glob(filepath.Join(repoTestdata, "invalid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 30 {
		t.Fatalf("found %d invalid cases, want at least 30", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			var opts caseOptions
			if b, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
				if err := json.Unmarshal(b, &opts); err != nil {
					t.Fatalf("options.json: %v", err)
				}
			}
			_, diags := v.Validate(os.DirFS(dir), Options{Root: "testdata/invalid/" + name, Target: opts.Target, Strict: opts.Strict})
			var out strings.Builder
			if err := WriteText(&out, diags); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "expected.txt"), []byte(out.String()))
			code, _, _ := strings.Cut(name, "--")
			if !diags.HasErrors() && !strings.Contains(name, "unreachable") {
				t.Errorf("no errors reported")
			}
			if len(diags) == 0 {
				t.Fatalf("no diagnostics")
			}
			want := map[string]bool{code: false}
			for _, c := range opts.Also {
				want[c] = false
			}
			for _, d := range diags {
				if _, ok := want[d.Code]; !ok {
					t.Errorf("diagnostic %q has code %s; this case tests only %s (and options.json's also)", d, d.Code, code)
				}
				want[d.Code] = true
			}
			for c, seen := range want {
				if !seen {
					t.Errorf("no diagnostic with code %s", c)
				}
			}
		})
	}
}

// TestValidManifests checks that the valid testdata and the example
// workspace produce no diagnostics at all, not even warnings.
func TestValidManifests(t *testing.T) {
	v := newTestValidator(t)
	dirs, err := filepath.Glob(filepath.Join(repoTestdata, "valid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, filepath.Join("..", "..", "examples", "workspace"))
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, diags := v.Validate(os.DirFS(dir), Options{Root: dir, Strict: true})
			for _, d := range diags {
				t.Errorf("unexpected diagnostic: %s", d)
			}
			if b.Manifests == 0 || len(b.Agents)+len(b.ContextGraphs)+len(b.Services) != b.Manifests {
				t.Errorf("read %d manifests, typed %d agents, %d graphs, %d services",
					b.Manifests, len(b.Agents), len(b.ContextGraphs), len(b.Services))
			}
		})
	}
}
