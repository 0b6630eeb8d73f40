package main

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// exportSources are the projects the export tests apply, per dialect:
// the Classic one has two graphs, one referring to the other by name, and
// version sets pinning numbers, latest and current.
var exportSources = map[spec.Dialect]string{
	spec.DialectClassic:  filepath.Join(validateRepoRoot, "pkg", "plan", "testdata", "base", "classic"),
	spec.DialectPlatform: filepath.Join(validateRepoRoot, "examples", "workspace"),
}

// seedExport applies the project of dialect d, plus an agent full of text
// YAML would not read back plainly, to a fresh embedded emulator with
// scaled rate limits, then applies a second version of that agent. It
// returns the project directory, whose .amigosync/ holds the state.
func seedExport(t *testing.T, d spec.Dialect) string {
	t.Helper()
	dir := copyProject(t, exportSources[d])
	project, err := os.ReadFile(filepath.Join(dir, spec.ProjectFile))
	if err != nil {
		t.Fatal(err)
	}
	scaled := strings.Replace(string(project), "embedded: true", "embedded: true\n    rate_window: 10ms", 1)
	// The Classic project's tool-call state needs a tool the emulator has.
	scaled = strings.ReplaceAll(scaled, "5f1e2d3c4b5a69788796a5b4", `"000000000000000000000001"`)
	writeFile(t, filepath.Join(dir, spec.ProjectFile), scaled)
	tricky, err := os.ReadFile(filepath.Join("testdata", "export", "tricky-agent.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, version := range []string{"1", "2"} {
		writeFile(t, filepath.Join(dir, "tricky-agent.yaml"), strings.ReplaceAll(string(tricky), "VERSION", version))
		if code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", dir); code != 0 {
			t.Fatalf("seed %s: apply: exit %d\n%s%s", d, code, out, errOut)
		}
	}
	return dir
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// withState makes a new directory holding only the project file and the
// emulator state of the seeded project from: the normal place to export
// the embedded target into.
func withState(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		inState := rel == ".amigosync" || strings.HasPrefix(rel, ".amigosync"+string(filepath.Separator))
		switch {
		case d.IsDir() && (rel == "." || inState):
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case d.IsDir():
			return filepath.SkipDir
		case rel != spec.ProjectFile && !inState:
			return nil
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

// manifestTree reads every manifest under dir (not the project file, not
// hidden files) by relative path.
func manifestTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() || rel == spec.ProjectFile {
			return nil
		}
		b, err := os.ReadFile(p)
		tree[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// normalize replaces a temporary directory in output by DIR.
func normalize(out, dir string) string { return strings.ReplaceAll(out, dir, "DIR") }

// TestExportRoundTrip is the round trip on both dialects: export of a
// seeded target, then plan reports no changes; a second export, over the
// first or into another directory, writes the same bytes; a directory that
// already holds manifests is refused without --force.
func TestExportRoundTrip(t *testing.T) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			seeded := seedExport(t, d)
			dir := withState(t, seeded)
			code, out, errOut := runCLI(t, nil, "export", "--dir", dir)
			if code != 0 {
				t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
			}
			golden.Check(t, filepath.Join("testdata", "export", string(d)+".txt"), []byte(normalize(out+errOut, dir)))
			first := manifestTree(t, dir)
			for path, data := range first {
				golden.Check(t, filepath.Join("testdata", "export", string(d), filepath.FromSlash(path)), []byte(data))
			}
			if code, out, errOut := runCLI(t, nil, "plan", "--detailed-exitcode", dir); code != 0 || out != "No changes. Live state matches the manifests.\n" {
				t.Fatalf("plan after export: exit %d\n%s%s", code, out, errOut)
			}

			code, out, errOut = runCLI(t, nil, "export", "--dir", dir)
			if want := "amigosync: directory " + dir + " is not empty (it holds agents, context-graphs, services); export writes into an empty or new directory, or one holding only its amigosync.yaml, unless --force\n"; code != 1 || out != "" || errOut != want {
				t.Errorf("export into a directory of manifests: exit %d\n%s%s\nwant exit 1 and %q", code, out, errOut, want)
			}
			if code, out, errOut := runCLI(t, nil, "export", "--force", "--dir", dir); code != 0 {
				t.Fatalf("export --force: exit %d\n%s%s", code, out, errOut)
			}
			if diff := cmp.Diff(first, manifestTree(t, dir)); diff != "" {
				t.Errorf("a second export over the first wrote other bytes (-first +second):\n%s", diff)
			}
			other := withState(t, seeded)
			if code, out, errOut := runCLI(t, nil, "export", "--refresh", "--dir", other); code != 0 {
				t.Fatalf("export into another directory: exit %d\n%s%s", code, out, errOut)
			}
			if diff := cmp.Diff(first, manifestTree(t, other)); diff != "" {
				t.Errorf("an export into another directory wrote other bytes (-first +second):\n%s", diff)
			}
			// A manifest export does not write is left in place, and named.
			writeFile(t, filepath.Join(other, "agents", "gone.yaml"), "# an earlier export's\n")
			code, out, errOut = runCLI(t, nil, "export", "--force", "--dir", other)
			if want := "\nLeft in place (not written by this export; plan reads them): agents/gone.yaml\n"; code != 0 || !strings.Contains(out, want) {
				t.Errorf("export --force beside a stale manifest: exit %d, stdout does not contain %q:\n%s%s", code, want, out, errOut)
			}
		})
	}
}

// exportJSON runs export --output json and decodes its document.
func exportJSON(t *testing.T, args ...string) (int, views.ExportOutput) {
	t.Helper()
	code, out, errOut := runCLI(t, nil, append([]string{"export", "--output", "json"}, args...)...)
	var doc views.ExportOutput
	if err := json.Unmarshal([]byte(out), &doc); err != nil || errOut != "" {
		t.Fatalf("export --output json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	return code, doc
}

func writtenPaths(doc views.ExportOutput) []string {
	var paths []string
	for _, w := range doc.Written {
		paths = append(paths, w.Path+" "+w.NeededBy)
	}
	return paths
}

// TestExportOnlyAndProjectFile exports one service with what it needs, and
// writes a project file into a directory that has none.
func TestExportOnlyAndProjectFile(t *testing.T) {
	seeded := seedExport(t, spec.DialectClassic)
	code, doc := exportJSON(t, "--dir", withState(t, seeded), "--only", "service/billing-line")
	want := []string{"agents/billing-agent.yaml Service/billing-line", "context-graphs/billing.yaml Service/billing-line",
		"context-graphs/payments.yaml Service/billing-line", "services/billing-line.yaml "}
	if diff := cmp.Diff(want, writtenPaths(doc)); code != 0 || diff != "" {
		t.Errorf("export --only Service/billing-line: exit %d (-want +got):\n%s", code, diff)
	}
	if doc.FormatVersion != "1.0" || doc.Summary["written"] != 4 || doc.Summary["context-graphs"] != 2 || doc.ProjectFile != "" {
		t.Errorf("JSON document: %+v", doc)
	}

	code, doc = exportJSON(t, "--dir", withState(t, seeded), "--only", "Agent/nobody")
	if want := `--only Agent/nobody: target "local" has no agent called "nobody"`; code != 1 || doc.Error != want || len(doc.Written) != 0 {
		t.Errorf("export --only Agent/nobody: exit %d, error %q, want %q", code, doc.Error, want)
	}

	// From the seeded project's directory into a new one: the target comes
	// from the current directory's project file and a project file is
	// written beside the manifests.
	t.Chdir(seeded)
	out := filepath.Join(t.TempDir(), "out")
	code, doc = exportJSON(t, "--dir", out)
	if code != 0 || doc.ProjectFile != spec.ProjectFile || len(doc.Written) != 5 {
		t.Fatalf("export into a new directory: exit %d, %+v", code, doc)
	}
	project, err := os.ReadFile(filepath.Join(out, spec.ProjectFile))
	if err != nil || !strings.Contains(string(project), "default_target: local\ntargets:\n  local:\n    api: classic\n    embedded: true\n    rate_window: 10ms\n") {
		t.Errorf("project file written: %v\n%s", err, project)
	}
	if code, _, errOut := runCLI(t, nil, "validate", "--strict", out); code != 0 {
		t.Errorf("validate the exported directory: exit %d\n%s", code, errOut)
	}
}

// TestExportUnwritable exports a target holding resources no manifest can
// describe: each is reported by name with the reason, the others are
// written, the exit status is 1, and plan on what was written reports no
// changes (the resources left out are unmanaged).
func TestExportUnwritable(t *testing.T) {
	tests := []struct {
		dialect spec.Dialect
		seed    func(t *testing.T, b backend.Backend)
		want    []string
	}{
		{spec.DialectClassic, seedUnwritableClassic, []string{
			"Not exported: Agent/draft-agent: it has no version yet, and a manifest holds the content of a version",
			`Not exported: Agent/"tab\tname": the manifest does not validate: metadata.name: names are 1 to 256 characters, without control characters or leading or trailing spaces`,
			"Not exported: Service/retired-line: its agent (id ",
			") is not a live agent (deprecated or deleted), and a Service manifest names its agent by manifest name",
			"Exported 5 manifests (2 agents, 2 context graphs, 1 service); 3 resources could not be exported.\n"}},
		{spec.DialectPlatform, seedUnwritablePlatform, []string{
			"Not exported: Agent/draft-agent: it has no version yet, and a manifest holds the content of a version",
			`Not exported: ContextGraph/"padded ": the manifest does not validate: metadata.name: names are 1 to 256 characters`,
			"Exported 7 manifests (3 agents, 2 context graphs, 2 services); 2 resources could not be exported.\n"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.dialect), func(t *testing.T) {
			dir := withState(t, seedExport(t, tt.dialect))
			b, closer, err := target.Open(context.Background(), target.Options{Dir: dir, Target: projectTargetOf(t, dir)})
			if err != nil {
				t.Fatal(err)
			}
			tt.seed(t, b)
			if err := closer.Close(); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, nil, "export", "--dir", dir)
			if code != 1 {
				t.Errorf("export: exit %d, want 1\n%s%s", code, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, errOut)
				}
			}
			if code, out, errOut := runCLI(t, nil, "plan", "--detailed-exitcode", dir); code != 0 {
				t.Errorf("plan after a partial export: exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}

func projectTargetOf(t *testing.T, dir string) spec.Target {
	t.Helper()
	tg, err := projectTarget(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// seedUnwritableClassic adds an agent without versions, an agent whose name
// has a tab, and an inactive service whose agent was deprecated.
func seedUnwritableClassic(t *testing.T, b backend.Backend) {
	ctx := context.Background()
	mustContainer(t, b, "draft-agent")
	tab := mustContainer(t, b, "tab\tname")
	agent := spec.AgentSpec{Initials: "RA", Identity: spec.Identity{Name: "Rae", Role: "r", DevelopedBy: "d", DefaultSpokenLanguage: "eng",
		RelationshipToDeveloper: &spec.RelationshipToDeveloper{Ownership: "o", Type: "t", ConversationVisibility: "c", ThoughtVisibility: "v"}},
		Background: "b", Behaviors: []string{"x"}, CommunicationPatterns: []string{"y"}}
	retired := mustContainer(t, b, "retired-agent")
	idx := liveIndex(t, b)
	for _, c := range []backend.Container{tab, retired} {
		if err := b.CreateVersion(ctx, c, 1, backend.Version{Agent: &agent}, idx); err != nil {
			t.Fatal(err)
		}
	}
	off := false
	if _, err := b.CreateService(ctx, "retired-line", spec.ServiceSpec{Agent: "retired-agent", ContextGraph: "billing", Description: "Retired.", IsActive: &off}, idx); err != nil {
		t.Fatal(err)
	}
	retired.Latest = 1
	if err := b.RemoveContainer(ctx, retired); err != nil {
		t.Fatal(err)
	}
}

// seedUnwritablePlatform adds an agent without versions and a context
// graph whose name ends with a space.
func seedUnwritablePlatform(t *testing.T, b backend.Backend) {
	mustContainer(t, b, "draft-agent")
	ctx := context.Background()
	c, err := b.CreateContainer(ctx, spec.KindContextGraph, "padded ", "")
	if err != nil {
		t.Fatal(err)
	}
	g := spec.ContextGraphSpec{Description: "d", NewUserInitialState: "s", ReturningUserInitialState: "s", TerminalState: "s",
		States: []spec.State{{Type: spec.StateAction, Name: "s", Objective: "o", Actions: []spec.Action{{Description: "a"}}}}}
	if err := b.CreateVersion(ctx, c, 1, backend.Version{ContextGraph: &g}, liveIndex(t, b)); err != nil {
		t.Fatal(err)
	}
}

func mustContainer(t *testing.T, b backend.Backend, name string) backend.Container {
	t.Helper()
	c, err := b.CreateContainer(context.Background(), spec.KindAgent, name, "")
	if err != nil {
		t.Fatalf("create agent %q: %v", name, err)
	}
	return c
}

func liveIndex(t *testing.T, b backend.Backend) backend.Index {
	t.Helper()
	var all []backend.Container
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		cs, err := b.Containers(context.Background(), k)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return backend.NewIndex(all...)
}
