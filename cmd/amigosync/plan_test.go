package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// copyProject copies a project directory into a fresh temporary one, so
// that the embedded emulator's state (.amigosync/) starts empty.
func copyProject(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			if d.Name() == ".amigosync" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPlanEmbeddedExample plans the README's example on an empty embedded
// emulator, in every output form.
func TestPlanEmbeddedExample(t *testing.T) {
	dir := copyProject(t, filepath.Join(validateRepoRoot, "examples", "workspace"))
	code, out, errOut := runCLI(t, nil, "plan", dir)
	if code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", code, out, errOut)
	}
	golden.Check(t, filepath.Join("testdata", "plan", "example-empty.txt"), []byte(out))

	if code, _, _ := runCLI(t, nil, "plan", "--detailed-exitcode", dir); code != 2 {
		t.Errorf("--detailed-exitcode with changes: exit %d, want 2", code)
	}

	code, out, _ = runCLI(t, nil, "plan", "--output", "json", dir)
	var doc struct {
		FormatVersion string         `json:"format_version"`
		Changes       bool           `json:"changes"`
		Summary       map[string]int `json:"summary"`
		Steps         []plan.Step    `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("plan --output json: exit %d, %v\n%s", code, err, out)
	}
	if doc.FormatVersion != plan.FormatVersion || !doc.Changes || doc.Summary["new_version"] != 4 || len(doc.Steps) != 14 {
		t.Errorf("JSON plan: format %q, changes %v, summary %v, %d steps", doc.FormatVersion, doc.Changes, doc.Summary, len(doc.Steps))
	}

	code, out, _ = runCLI(t, nil, "plan", "--output", "markdown", dir)
	if code != 0 || !strings.HasPrefix(out, "**Plan: 6 to create, 4 new versions, 4 to update, 0 to remove.**") || !strings.Contains(out, "<details>") || !strings.Contains(out, "```mermaid\nflowchart") {
		t.Errorf("plan --output markdown: exit %d\n%s", code, out)
	}

	saved := filepath.Join(t.TempDir(), "plan.json")
	if code, out, errOut := runCLI(t, nil, "plan", "--out", saved, dir); code != 0 {
		t.Fatalf("plan --out: exit %d\n%s%s", code, out, errOut)
	}
	f, err := os.Open(saved)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := plan.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Target.Dialect != spec.DialectPlatform || len(p.Steps) != 14 || len(p.Reads) == 0 {
		t.Errorf("saved plan: target %+v, %d steps, %d reads", p.Target, len(p.Steps), len(p.Reads))
	}
}

// TestPlanInvalidManifests: invalid manifests print the validate
// diagnostics and exit 1 without touching the API (no emulator state is
// even created).
func TestPlanInvalidManifests(t *testing.T) {
	dir := copyProject(t, filepath.Join(validateRepoRoot, "testdata", "invalid", "next-state-unknown"))
	code, out, _ := runCLI(t, nil, "plan", dir)
	if code != 1 || !strings.Contains(out, "[next-state-unknown]") {
		t.Errorf("exit %d, want 1 with the validate diagnostic:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, ".amigosync")); !os.IsNotExist(err) {
		t.Errorf("the target was opened for invalid manifests: %v", err)
	}
}

// TestPlanOnlyUnknown: an --only that names no manifest is an error, not
// an empty plan.
func TestPlanOnlyUnknown(t *testing.T) {
	dir := copyProject(t, filepath.Join(validateRepoRoot, "examples", "workspace"))
	code, _, errOut := runCLI(t, nil, "plan", "--only", "Agent/nope", dir)
	if code != 1 || !strings.Contains(errOut, `no agent manifest is called "nope"`) {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, nil, "plan", "--only", "Widget/x", dir)
	if code != 1 || !strings.Contains(errOut, `unknown kind "Widget"`) {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}

// TestPlanServerValidate: on Classic, --server-validate sends the new
// version of an existing graph with dry_run=true, and the server's refusal
// (a tool that does not exist there) becomes an error at the manifest.
func TestPlanServerValidate(t *testing.T) {
	dir := copyProject(t, filepath.Join("testdata", "plan", "classic"))
	seed(t, dir, "billing", "payments")

	code, out, errOut := runCLI(t, nil, "plan", dir)
	if code != 0 {
		t.Fatalf("plan without --server-validate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, nil, "plan", "--server-validate", dir)
	if code != 1 {
		t.Fatalf("plan --server-validate: exit %d, want 1\n%s%s", code, out, errOut)
	}
	want := "graphs.yaml:6:1: ContextGraph/billing: the server refuses context graph billing v1: The tool 5f1e2d3c4b5a69788796a5b4 does not exist. [server-rejected]"
	if !strings.Contains(out, want) {
		t.Errorf("stdout does not contain\n%s\n%s", want, out)
	}
	if strings.Contains(out, "ContextGraph/payments: the server refuses") {
		t.Errorf("a graph the server accepts was reported:\n%s", out)
	}
}

// seed creates the context graph containers `empty` and the graphs
// `withV1`, holding their manifest as v1, in a project's embedded target.
func seed(t *testing.T, dir string, empty string, withV1 ...string) {
	t.Helper()
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	bundle, _, err := v.ValidateDir(dir, spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, closer, err := target.Open(context.Background(), target.Options{Dir: dir, Target: bundle.Target})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	ctx := context.Background()
	if _, err := b.CreateContainer(ctx, spec.KindContextGraph, empty, ""); err != nil {
		t.Fatal(err)
	}
	for _, n := range withV1 {
		c, err := b.CreateContainer(ctx, spec.KindContextGraph, n, "")
		if err != nil {
			t.Fatal(err)
		}
		g, _ := bundle.ContextGraph(n)
		if err := b.CreateVersion(ctx, c, 1, backend.Version{ContextGraph: &g.Spec}, backend.Index{}); err != nil {
			t.Fatal(err)
		}
	}
}
