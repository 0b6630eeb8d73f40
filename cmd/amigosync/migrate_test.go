package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/spec"
)

func itoa(n int) string { return strconv.Itoa(n) }

func readReport(t *testing.T, file string) *migrate.Report {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var r migrate.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &r
}

// checkGolden compares the run's output and OUT's report with the golden
// files under testdata/migrate/NAME/.
func (w *migrateWorld) checkGolden(t *testing.T, name, out string) {
	t.Helper()
	dir := filepath.Join(w.cwd, "testdata", "migrate", name)
	golden.Check(t, filepath.Join(dir, "output.txt"), []byte(scrub(out)))
	for _, f := range []string{"migration-report.md", "migration-report.json"} {
		data, err := os.ReadFile(filepath.Join(w.project, "out", f))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join(dir, f), data)
	}
}

// TestMigrate is the end-to-end migration of the seeded clinic
// organization (pkg/migrate/testdata/clinic-org: agents with voices,
// graphs with every Classic state type and references between them,
// services whose release and staging sets pin older versions) to a
// Platform workspace: first without --apply (nothing written to the
// workspace), then applied as it is (the blocked resources stay out),
// then completed with the mapping file and --inline-references (no
// duplicates), then once more (no changes, nothing created).
func TestMigrate(t *testing.T) {
	w := newMigrateWorld(t)
	steps := []struct {
		name string
		args []string
		// ready is the number of ready resources the report gives.
		ready int
		// writes says whether the run may change the workspace.
		writes bool
	}{
		{"default", nil, 5, false},
		{"default-apply", []string{"--apply", "--auto-approve"}, 5, true},
		{"resolved-apply", []string{"--apply", "--auto-approve", "--inline-references", "--map", "map.yaml"}, 10, true},
		{"again", []string{"--apply", "--auto-approve", "--inline-references", "--map", "map.yaml"}, 10, false},
	}
	for _, st := range steps {
		before := w.writes()
		code, out, errOut := w.migrate(t, append([]string{"--to", "workspace", "--parallelism", "1"}, st.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", st.name, code, out, errOut)
		}
		if wrote := w.writes() - before; (wrote > 0) != st.writes {
			t.Errorf("%s: %d requests changed the workspace; want changes: %v", st.name, wrote, st.writes)
		}
		w.checkGolden(t, st.name, out)
		rep, idm := w.outputs(t)
		if rep.Summary.Ready != st.ready {
			t.Errorf("%s: %d ready resources, want %d", st.name, rep.Summary.Ready, st.ready)
		}
		checkBlocked(t, w, rep)
		if code, out, errOut := runCLI(t, nil, "validate", "out"); code != 0 {
			t.Errorf("%s: validate OUT: exit %d\n%s%s", st.name, code, out, errOut)
		}
		if st.writes || st.name == "again" {
			checkIDMap(t, w, rep, idm)
			checkSemantics(t, w, rep, idm)
			checkServices(t, w, rep, idm)
			checkExports(t, w, rep, idm)
		}
	}
	if code, out, errOut := runCLI(t, w.env, "plan", "--detailed-exitcode", filepath.Join(w.project, "out")); code != 0 {
		t.Errorf("plan OUT after the migration: exit %d, want 0 (no changes)\n%s%s", code, out, errOut)
	}
}

// checkBlocked checks that every resource still blocked is explained (a
// blocking finding with its fix, or a blocked resource it needs), is
// written to OUT commented out, and is not in the workspace.
func checkBlocked(t *testing.T, w *migrateWorld, rep *migrate.Report) {
	t.Helper()
	s := w.sides(t)
	for _, r := range rep.Resources {
		if r.Status != migrate.Blocked {
			continue
		}
		for _, f := range r.Blocking() {
			if f.Detail == "" || f.Fix == "" {
				t.Errorf("%s %s: blocking finding %s has no reason or no fix", r.Kind.Noun(), r.Name, f.Field)
			}
		}
		if len(r.Blocking()) == 0 {
			t.Errorf("%s %s is blocked without a blocking finding", r.Kind.Noun(), r.Name)
		}
		if _, ok := s.platformIdx.ID(r.Kind, r.Name); ok {
			t.Errorf("blocked %s %s is in the workspace", r.Kind.Noun(), r.Name)
		}
		file := filepath.Join(w.project, "out", exportPath(r.Kind, r.Name)+live.BlockedSuffix)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("blocked %s %s: %v", r.Kind.Noun(), r.Name, err)
			continue
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if !strings.HasPrefix(line, "#") {
				t.Errorf("%s: line %q is not commented out", file, line)
				break
			}
		}
	}
}

// TestMigrateRefusals: migrate refuses, changing nothing, a workspace
// whose backend_org_id names another organization (saying both ids), an
// output directory that is not its own, targets of the wrong APIs, and
// --apply without confirmation when stdin is not a terminal.
func TestMigrateRefusals(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, w *migrateWorld)
		args    []string
		wantErr []string
	}{
		{"another organization", nil, []string{"--to", "stranger"}, []string{
			`workspace 7e57c11c-0000-4000-8000-000000005752 has backend_org_id "another-org", but the organization to migrate is "example-clinic"`, "--force"}},
		{"a directory not migrate's", func(t *testing.T, w *migrateWorld) {
			if err := os.MkdirAll(filepath.Join(w.project, "out"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(w.project, "out", "notes.txt"), []byte("mine\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"--to", "workspace"}, []string{"directory out is not empty and holds no idmap.json"}},
		{"from a platform target", nil, []string{"--to", "workspace", "--from", "stranger"}, []string{
			`target "stranger" is on the platform API and target "workspace" on the platform API`}},
		{"no terminal to confirm", nil, []string{"--to", "workspace", "--apply"}, []string{"migrate cannot ask for confirmation", "--auto-approve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newMigrateWorld(t)
			if tt.prepare != nil {
				tt.prepare(t, w)
			}
			code, out, errOut := w.migrate(t, tt.args...)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr does not say %q:\n%s", want, errOut)
				}
			}
			if n := w.writes(); n != 0 {
				t.Errorf("%d requests changed the workspace", n)
			}
		})
	}
}

// TestMigrateForce: --force migrates into a workspace that maps to another
// organization, and the report says it was forced.
func TestMigrateForce(t *testing.T) {
	w := newMigrateWorld(t)
	code, out, errOut := w.migrate(t, "--to", "stranger", "--force")
	if code != 0 || !strings.Contains(out, `has backend_org_id another-org, not this organization: migrating anyway (--force)`) {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	rep, _ := w.outputs(t)
	if rep.Workspace == nil || !rep.Workspace.Forced || rep.Workspace.BackendOrgID != "another-org" {
		t.Errorf("report workspace %+v, want forced with backend_org_id another-org", rep.Workspace)
	}
	md, err := os.ReadFile(filepath.Join(w.project, "out", "migration-report.md"))
	if err != nil || !strings.Contains(string(md), "**Forced** (`--force`): the workspace's backend_org_id is `another-org`") {
		t.Errorf("migration-report.md does not say it was forced (%v):\n%.400s", err, md)
	}
}

// TestMigrateResumesByContent: without the id map (a new output
// directory), a second migrate finds every version by content: no
// changes, nothing created, and the id map is complete again.
func TestMigrateResumesByContent(t *testing.T) {
	w := newMigrateWorld(t)
	if code, out, errOut := w.migrate(t, "--to", "workspace", "--apply", "--auto-approve"); code != 0 {
		t.Fatalf("first migrate: exit %d\n%s%s", code, out, errOut)
	}
	before := w.writes()
	t.Chdir(w.project)
	code, out, errOut := runCLI(t, w.env, "migrate", "--from", "clinic", "--to", "workspace", "--dir", "elsewhere", "--apply", "--auto-approve")
	if code != 0 || !strings.Contains(out, "(0 from idmap.json, 8 found by content)") || !strings.Contains(out, "No changes.") {
		t.Fatalf("second migrate into a new directory: exit %d\n%s%s", code, out, errOut)
	}
	if n := w.writes() - before; n != 0 {
		t.Errorf("the second migrate made %d writes, want none", n)
	}
	data, err := os.ReadFile(filepath.Join(w.project, "elsewhere", "idmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	idm, err := migrate.ParseIDMap(data)
	if err != nil {
		t.Fatal(err)
	}
	checkIDMap(t, w, readReport(t, filepath.Join(w.project, "elsewhere", "migration-report.json")), idm)
}

// TestMigrateInterrupted: a migration whose applies keep failing (the
// workspace answers 503, or drops connections before or after acting)
// is run again until it completes; every run keeps what it did, and the
// end state has every version once, as a migration without faults would.
func TestMigrateInterrupted(t *testing.T) {
	w := newMigrateWorld(t)
	w.platformFaults(emukit.Faults{Rate503: 0.1, DropBefore: 0.1, DropAfter: 0.15, Seed: 7})
	args := []string{"--to", "workspace", "--apply", "--auto-approve", "--inline-references", "--map", "map.yaml"}
	failed := 0
	for ; failed < 60; failed++ {
		if code, _, _ := w.migrate(t, args...); code == 0 {
			break
		}
	}
	if failed == 0 || failed == 60 {
		t.Fatalf("%d runs failed before one completed; want some, then one that completes", failed)
	}
	w.platformFaults(emukit.Faults{})
	before := w.writes()
	code, out, errOut := w.migrate(t, args...)
	if code != 0 || !strings.Contains(out, "Nothing to apply: the workspace holds the migration") {
		t.Fatalf("after %d interrupted runs, one more: exit %d\n%s%s", failed, code, out, errOut)
	}
	if n := w.writes() - before; n != 0 {
		t.Errorf("the run after the migration made %d writes, want none", n)
	}
	rep, idm := w.outputs(t)
	checkIDMap(t, w, rep, idm)
	checkSemantics(t, w, rep, idm)
	checkServices(t, w, rep, idm)
	t.Logf("%d runs were interrupted before the migration completed", failed)
}

// TestMigrateIntoExistingContainers: when the workspace already has an
// agent of the same name with a version of its own, the migrated versions
// follow it, and the services pin the numbers they really got (front-line's
// staging pins front-desk Classic v1, Platform v2 here).
func TestMigrateIntoExistingContainers(t *testing.T) {
	w := newMigrateWorld(t)
	ctx := context.Background()
	ct, err := w.plat.CreateContainer(ctx, spec.KindAgent, "front-desk", "")
	if err != nil {
		t.Fatal(err)
	}
	own := w.src.Agents[1].Versions[1] // front-desk
	own.Background = "A Platform-only draft."
	if err := w.plat.CreateVersion(ctx, ct, 1, backend.Version{Agent: &own}, backend.Index{}); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := w.migrate(t, "--to", "workspace", "--apply", "--auto-approve"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	rep, idm := w.outputs(t)
	agent, _ := rep.Resource(spec.KindAgent, "front-desk")
	for classic, want := range map[int]int{1: 2, 2: 3} {
		if e, _ := idm.Lookup(spec.KindAgent, agent.ClassicID, classic); e.Platform.Version != want || !e.Applied {
			t.Errorf("front-desk Classic v%d is Platform v%d (applied %v), want v%d", classic, e.Platform.Version, e.Applied, want)
		}
	}
	checkSemantics(t, w, rep, idm)
	checkServices(t, w, rep, idm)
}
