package views

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestMigrateView covers the lines the end-to-end goldens do not: a
// forced workspace, dropped id map entries, files left alone, an empty
// Later, names that need quoting.
func TestMigrateView(t *testing.T) {
	blocked := &migrate.Report{Summary: migrate.Summary{Resources: 2, Ready: 1, Blocked: 1}, Resources: []migrate.ResourceReport{
		{Kind: spec.KindContextGraph, Name: "g\x1b", Status: migrate.Blocked, Findings: []migrate.Finding{
			{Outcome: migrate.CannotMove, Field: "spec.states[r]", Detail: "Platform has no recall states", Blocking: true},
			{Outcome: migrate.CannotMove, Field: "spec.references.x", Detail: "jumps", Blocking: true}}},
		{Kind: spec.KindService, Name: "s", Status: migrate.Blocked},
	}}
	tests := []struct {
		name string
		show func(m *Migrate) error
		want string
	}{
		{"forced", func(m *Migrate) error {
			return m.Read(MigrateRead{Organization: "org", Agents: 1, Versions: 2, Workspace: "w", BackendOrgID: "other", Forced: true})
		}, "Read Classic organization org: 1 agent, 0 context graphs, 0 services (2 versions).\nWorkspace w has backend_org_id other, not this organization: migrating anyway (--force).\n"},
		{"blocked", func(m *Migrate) error { return m.Translated(blocked) },
			"Translated 2 resources: 1 ready, 1 blocked.\n  blocked context graph \"g\\x1b\": spec.states[r]: Platform has no recall states (and 1 more)\n  blocked service s: it needs a blocked resource\n"},
		{"dropped", func(m *Migrate) error { return m.Resumed(1, 0, []string{"idmap.json maps ..., but gone"}) },
			"Already in the workspace: 1 Classic version (1 from idmap.json, 0 found by content).\n  idmap.json maps ..., but gone\n"},
		{"nothing resumed", func(m *Migrate) error { return m.Resumed(0, 0, nil) }, ""},
		{"kept", func(m *Migrate) error { return m.Wrote("out", 1, 0, []string{"agents/mine.yaml"}) },
			"Wrote out: 1 manifest, amigosync.yaml, migration-report.md, migration-report.json, idmap.json.\n  left alone (not written by migrate): agents/mine.yaml\n"},
		{"no later rounds", func(m *Migrate) error { return m.Later(0) }, ""},
		{"done, nothing to apply", func(m *Migrate) error { return m.Done("out", false) },
			"\nNothing to apply: the workspace holds the migration; out/idmap.json holds the Platform ids and versions.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := tt.show(NewMigrate(&View{Stdout: &stdout, Stderr: &stderr})); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, stdout.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
		})
	}
}
