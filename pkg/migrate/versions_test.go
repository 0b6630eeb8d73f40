package migrate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// agentVersion is a Classic agent manifest whose background says n.
func agentVersion(name string, n int) string {
	return fmt.Sprintf(`apiVersion: amigosync/v1
kind: Agent
metadata:
  name: %s
spec:
  initials: AG
  identity:
    name: Ada
    role: Assistant
    developed_by: Example Clinic
    default_spoken_language: eng
    relationship_to_developer: {ownership: Example Clinic, type: assistant, conversation_visibility: visible, thought_visibility: hidden}
  background: Version %d.
  behaviors: []
  communication_patterns: []
`, name, n)
}

func service(name, agent, graph, sets string) string {
	return fmt.Sprintf(`apiVersion: amigosync/v1
kind: Service
metadata:
  name: %s
spec:
  agent: %s
  context_graph: %s
  description: Service %s.
  version_sets:
%s`, name, agent, graph, name, sets)
}

// fiveVersions is an agent with five versions and a one-version graph,
// used by a service whose release pins agent version 2.
func fiveVersions(t *testing.T) migrate.Source {
	files := map[string]string{
		"context-graphs/g/v1.yaml": graph("g", "start", "  states:\n"+endState("start")),
		"services/s.yaml":          service("s", "ag", "g", "    release: {agent: 2, context_graph: 1}\n    staging: {agent: latest, context_graph: latest}\n"),
	}
	for n := 1; n <= 5; n++ {
		files[fmt.Sprintf("agents/ag/v%d.yaml", n)] = agentVersion("ag", n)
	}
	return org(t, files)
}

func TestVersionSelection(t *testing.T) {
	tests := []struct {
		name        string
		all         bool
		versions    []migrate.VersionMapping
		notMigrated []int
		releaseAt   int
	}{
		{"pinned and latest", false, []migrate.VersionMapping{{Classic: 2, Platform: 1}, {Classic: 5, Platform: 2}}, []int{1, 3, 4}, 1},
		{"all versions", true, []migrate.VersionMapping{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := translate(t, fiveVersions(t), migrate.Options{AllVersions: tt.all})
			r := report(t, res, spec.KindAgent, "ag")
			if diff := cmp.Diff(tt.versions, r.Versions); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notMigrated, r.NotMigrated); diff != "" {
				t.Errorf("not migrated (-want +got):\n%s", diff)
			}
			m, err := res.Manifests(migrate.Ready)
			if err != nil {
				t.Fatal(err)
			}
			sets := m.Services[0].Spec.VersionSets
			want := map[string]spec.VersionSet{
				"release": {Agent: spec.Pin{Kind: spec.PinNumber, Number: tt.releaseAt}, ContextGraph: spec.Pin{Kind: spec.PinNumber, Number: 1}},
				"staging": {Agent: spec.Pin{Kind: spec.PinLatest}, ContextGraph: spec.Pin{Kind: spec.PinLatest}},
			}
			if diff := cmp.Diff(want, sets); diff != "" {
				t.Errorf("version sets (-want +got):\n%s", diff)
			}
			if got := len(res.Rounds()); got != len(tt.versions)-1 {
				t.Errorf("%d rounds, want %d", got, len(tt.versions)-1)
			}
		})
	}
}

// TestVersionProblems checks the versions that cannot be migrated: each
// blocks with a reason.
func TestVersionProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(*migrate.Source)
		kind   spec.Kind
		res    string
		field  string
		detail string
	}{
		{"latest not read", func(s *migrate.Source) { s.Agents[0].Latest = 6 }, spec.KindAgent, "ag", "versions", "the latest version, 6, was not read"},
		{"no versions", func(s *migrate.Source) { s.Agents[0].Latest, s.Agents[0].Versions = 0, nil }, spec.KindAgent, "ag", "versions", "no versions"},
		{"pinned version not read", func(s *migrate.Source) { delete(s.Agents[0].Versions, 2) }, spec.KindService, "s", "spec.version_sets.release.agent", "pins agent ag version 2, which was not read"},
		{"agent not read", func(s *migrate.Source) { s.Services[0].Spec.Agent = "gone" }, spec.KindService, "s", "spec.agent", "names agent gone, which is not in the organization read"},
		{"agent blocked", func(s *migrate.Source) { s.Agents[0].Latest = 6 }, spec.KindService, "s", "spec.agent", "agent ag cannot move yet"},
		{"fails a Platform check", func(s *migrate.Source) {
			a := s.Agents[0].Versions[5]
			a.Background = strings.Repeat("x", 10001)
			s.Agents[0].Versions[5] = a
		}, spec.KindAgent, "ag", "spec", "the translation fails a Platform check: spec.background: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fiveVersions(t)
			tt.change(&src)
			res := translate(t, src, migrate.Options{})
			r := report(t, res, tt.kind, tt.res)
			if r.Status != migrate.Blocked {
				t.Errorf("status = %s, want blocked", r.Status)
			}
			checkFinding(t, r, want{outcome: migrate.CannotMove, field: tt.field, blocking: true, detail: tt.detail})
			m, err := res.Manifests(migrate.Ready)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range m.Services {
				t.Errorf("service %s is ready, though %s", s.Name, tt.name)
			}
		})
	}
}

// TestSameContent checks that consecutive versions with the same Platform
// content become one Platform version, and pins to either map to it.
func TestSameContent(t *testing.T) {
	src := fiveVersions(t)
	src.Agents[0].Versions[4] = src.Agents[0].Versions[5]
	src.Services[0].Spec.VersionSets["release"] = spec.VersionSet{Agent: spec.Pin{Kind: spec.PinNumber, Number: 4}, ContextGraph: spec.Pin{Kind: spec.PinNumber, Number: 1}}
	res := translate(t, src, migrate.Options{})
	r := report(t, res, spec.KindAgent, "ag")
	if diff := cmp.Diff([]migrate.VersionMapping{{Classic: 4, Platform: 1}, {Classic: 5, Platform: 1}}, r.Versions); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "versions", detail: "the Platform content of version 5 is that of version 4, so both become Platform version 1"})
	if n := len(res.Agents[0].Versions); n != 1 {
		t.Errorf("%d Platform versions, want 1", n)
	}
}

// TestEdgeAndCurrent checks that the edge set is not copied and that a
// current pin maps to the latest migrated version.
func TestEdgeAndCurrent(t *testing.T) {
	src := fiveVersions(t)
	sets := src.Services[0].Spec.VersionSets
	sets["edge"] = spec.VersionSet{Agent: spec.Pin{Kind: spec.PinNumber, Number: 5}, ContextGraph: spec.Pin{Kind: spec.PinNumber, Number: 1}}
	sets["staging"] = spec.VersionSet{Agent: spec.Pin{Kind: spec.PinCurrent}, ContextGraph: spec.Pin{Kind: spec.PinLatest}}
	res := translate(t, src, migrate.Options{})
	r := report(t, res, spec.KindService, "s")
	checkFinding(t, r, want{outcome: migrate.Transformed, field: "spec.version_sets.edge", detail: "not copied"})
	m, err := res.Manifests(migrate.Ready)
	if err != nil {
		t.Fatal(err)
	}
	got := m.Services[0].Spec.VersionSets
	if _, ok := got["edge"]; ok {
		t.Error("the edge set was copied")
	}
	if p := got["staging"].Agent; p != (spec.Pin{Kind: spec.PinNumber, Number: 2}) {
		t.Errorf("staging agent pin = %v, want 2 (Classic 5, the latest)", p)
	}
}

// TestDuplicateNames checks that two resources of a kind with one name
// are refused: the name is the Platform identity.
func TestDuplicateNames(t *testing.T) {
	src := fiveVersions(t)
	src.Services = append(src.Services, src.Services[0])
	src.Services[1].ID = "66a000000000000000000e99"
	_, err := migrate.Translate(src, migrate.Options{Validator: newValidator(t)})
	if want := `the organization has two services called "s"; pass only the one to migrate (Platform names are unique)`; err == nil || err.Error() != want {
		t.Errorf("Translate error = %v, want %q", err, want)
	}
}

// TestRoundsSkipApplied: the versions an id map records as applied are
// not in the rounds, and a round they empty goes.
func TestRoundsSkipApplied(t *testing.T) {
	tests := []struct {
		name    string
		applied []int // Classic versions of ag recorded as applied
		want    []string
	}{
		{"none applied", nil, []string{"Version 1.", "Version 2.", "Version 3.", "Version 4."}},
		{"first two applied", []int{1, 2}, []string{"Version 3.", "Version 4."}},
		{"all older applied", []int{1, 2, 3, 4}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := translate(t, fiveVersions(t), migrate.Options{AllVersions: true})
			for _, n := range tt.applied {
				if err := res.IDMap.Record(spec.KindAgent, res.Agents[0].ClassicID, n, "p-ag", n); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, r := range res.Rounds() {
				for _, a := range r.Agents {
					got = append(got, a.Spec.Background)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("round versions (-want +got):\n%s", diff)
			}
		})
	}
}
