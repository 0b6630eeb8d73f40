package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
)

// newProject writes `amigosync init`'s project of dialect d (an embedded
// target) and extra more agents like its assistant, and returns its
// directory.
func newProject(t *testing.T, d spec.Dialect, extra int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	if _, err := scaffold.Write(dir, d); err != nil {
		t.Fatal(err)
	}
	agent, err := os.ReadFile(filepath.Join(dir, "agents", "assistant.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range extra {
		name := "assistant-" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		doc := strings.Replace(string(agent), "name: assistant\n", "name: "+name+"\n", 1)
		if err := os.WriteFile(filepath.Join(dir, "agents", name+".yaml"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editFile replaces old with new in a file of dir.
func editFile(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s holds no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bothDialects runs test for a new project of each dialect, in parallel.
func bothDialects(t *testing.T, extra int, test func(t *testing.T, dir string)) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			test(t, newProject(t, d, extra))
		})
	}
}

// noChanges fails the test unless a plan right now has no step.
func noChanges(t *testing.T, dir string) {
	t.Helper()
	if code, out, errOut := runCLI(t, nil, "plan", "--detailed-exitcode", dir); code != 0 {
		t.Fatalf("plan right after apply: exit %d, want 0 (no changes)\n%s%s", code, out, errOut)
	}
}

func TestApplyCommand(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", dir)
		if code != 0 || !strings.Contains(out, "\nApply complete: 3 created, 2 new versions, 2 updated, 0 removed in ") {
			t.Fatalf("apply to an empty target: exit %d\n%s%s", code, out, errOut)
		}
		noChanges(t, dir)

		code, out, _ = runCLI(t, nil, "apply", "--auto-approve", dir)
		if code != 0 || !strings.HasPrefix(out, "No changes.") || strings.Contains(out, "Applying") {
			t.Errorf("a second apply: exit %d\n%s", code, out)
		}

		editFile(t, dir, "agents/assistant.yaml", "knows its opening hours", "knows its opening hours by heart")
		code, out, _ = runCLI(t, nil, "apply", "--auto-approve", dir)
		if code != 0 || !strings.Contains(out, "Apply complete: 0 created, 1 new version, 2 updated, 0 removed") {
			t.Errorf("apply of one changed agent: exit %d\n%s", code, out)
		}
		noChanges(t, dir)
	})
}

func TestApplyWithoutATerminalNeedsAutoApprove(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		code, out, errOut := runCLI(t, nil, "apply", dir)
		if code != 1 || !strings.Contains(errOut, "--auto-approve") || !strings.Contains(out, "Plan: 3 to create") {
			t.Fatalf("apply without a terminal: exit %d\n%s%s", code, out, errOut)
		}
		if code, _, _ := runCLI(t, nil, "plan", "--detailed-exitcode", dir); code != 2 {
			t.Errorf("after a refused apply, plan: exit %d, want 2 (the changes are still to make)", code)
		}
	})
}

func TestApplySavedPlan(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		saved := filepath.Join(t.TempDir(), "plan.json")
		if code, out, errOut := runCLI(t, nil, "plan", "--out", saved, dir); code != 0 {
			t.Fatalf("plan --out: exit %d\n%s%s", code, out, errOut)
		}
		if code, _, errOut := runCLI(t, nil, "apply", "--prune", "--project", dir, saved); code != 1 || !strings.Contains(errOut, "applied exactly as it was saved") {
			t.Errorf("a saved plan with --prune: exit %d, %s", code, errOut)
		}
		code, out, errOut := runCLI(t, nil, "apply", "--project", dir, saved)
		if code != 0 || !strings.Contains(out, "Apply complete: 3 created") {
			t.Fatalf("apply the saved plan: exit %d\n%s%s", code, out, errOut)
		}
		noChanges(t, dir)
		// Applied once, the plan is stale: what it found absent exists.
		code, _, errOut = runCLI(t, nil, "apply", "--project", dir, saved)
		if code != 1 || !strings.Contains(errOut, "stale plan: agent assistant was created (") || !strings.Contains(errOut, "; run plan again") {
			t.Errorf("apply a stale plan: exit %d, %s", code, errOut)
		}
		noChanges(t, dir)
	})
}

func TestApplyJSONLines(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", "--output", "json", dir)
		if code != 0 || errOut != "" {
			t.Fatalf("apply --output json: exit %d\n%s%s", code, out, errOut)
		}
		var types []string
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			var keys map[string]json.RawMessage
			if err := json.Unmarshal(sc.Bytes(), &keys); err != nil {
				t.Fatalf("not one JSON object per line: %v\n%s", err, sc.Text())
			}
			var l views.ApplyLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil || l.FormatVersion != views.ApplyFormatVersion || len(keys) != 13 {
				t.Fatalf("line %s: %v, format %q, %d keys", sc.Text(), err, l.FormatVersion, len(keys))
			}
			types = append(types, l.Type)
		}
		if len(types) != 2+2*7 || types[0] != "plan" || types[len(types)-1] != "summary" {
			t.Errorf("line types %v, want plan, a start and a done per step, summary", types)
		}
	})
}

// TestReadmeSetUpApplyThenPlan runs the README's first set-up command on
// a copy of the example workspace: apply it, then a plan says no changes.
func TestReadmeSetUpApplyThenPlan(t *testing.T) {
	dir := copyProject(t, filepath.Join(validateRepoRoot, "examples", "workspace"))
	if code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", dir); code != 0 || !strings.Contains(out, "Apply complete: 6 created, 4 new versions, 4 updated, 0 removed in ") {
		t.Fatalf("apply --auto-approve examples/workspace: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, nil, "plan", dir)
	if code != 0 || out != "No changes. Live state matches the manifests.\n" {
		t.Errorf("plan after apply: exit %d\n%s%s", code, out, errOut)
	}
}
