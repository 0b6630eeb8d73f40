package export

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// liveOf makes the live state that holds the manifests of a project dir
// as the latest versions of its containers, as plan.ReadLive would read it
// with All and ReferencesByID: ids from idOf, references by id.
func liveOf(t *testing.T, v *spec.Validator, dir string) *plan.Live {
	t.Helper()
	b, diags, err := v.ValidateDir(filepath.Join("..", "..", dir), spec.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("%s: %v %v", dir, err, diags)
	}
	live := &plan.Live{Target: plan.Target{Name: "t", Dialect: b.Dialect()}, Containers: map[spec.Kind][]backend.Container{},
		Latest: map[string]backend.Version{}}
	for _, a := range b.Agents {
		c := backend.Container{Kind: spec.KindAgent, ID: idOf(spec.KindAgent, a.Name), Name: a.Name, Description: a.Spec.Description, Latest: 3}
		s := a.Spec
		s.Description = ""
		live.Containers[c.Kind] = append(live.Containers[c.Kind], c)
		live.Latest[c.ID] = backend.Version{Agent: &s}
	}
	for _, g := range b.ContextGraphs {
		c := backend.Container{Kind: spec.KindContextGraph, ID: idOf(spec.KindContextGraph, g.Name), Name: g.Name, Latest: 2}
		s := g.Spec
		s.References = map[string]spec.Reference{}
		for name, r := range g.Spec.References {
			if r.Graph != "" {
				r = spec.Reference{ID: idOf(spec.KindContextGraph, r.Graph), Version: spec.NumberPin(2)}
			}
			s.References[name] = r
		}
		live.Containers[c.Kind] = append(live.Containers[c.Kind], c)
		live.Latest[c.ID] = backend.Version{ContextGraph: &s}
	}
	for _, svc := range b.Services {
		s := svc.Spec
		for name, set := range s.VersionSets {
			if set.ContextGraph.Kind == spec.PinCurrent {
				set.ContextGraph = spec.NumberPin(2)
			}
			if set.Agent.Kind == spec.PinCurrent {
				set.Agent = spec.NumberPin(3)
			}
			s.VersionSets[name] = set
		}
		live.Services = append(live.Services, backend.Service{ID: idOf(spec.KindService, svc.Name), Name: svc.Name,
			AgentID: idOf(spec.KindAgent, s.Agent), ContextGraphID: idOf(spec.KindContextGraph, s.ContextGraph), Spec: s})
	}
	return live
}

// summary is what a test checks of a Result: the paths written (with
// NeededBy after "<"), every note and every problem.
func summary(r *Result) []string {
	var out []string
	for _, w := range r.Written {
		line := w.Path
		if w.NeededBy != "" {
			line += " < " + w.NeededBy
		}
		out = append(out, line)
		for _, n := range w.Notes {
			out = append(out, "  note: "+n)
		}
	}
	for _, n := range r.Notes {
		out = append(out, "note: "+n)
	}
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("problem: %s/%s: %s", p.Kind, p.Name, p.Reason))
	}
	return out
}

func TestFromLive(t *testing.T) {
	v := validator(t)
	tests := []struct {
		name   string
		dir    string
		change func(l *plan.Live)
		only   []plan.Selector
		want   []string
	}{
		{name: "platform workspace", dir: "examples/workspace", want: []string{
			"agents/intake-agent.yaml", "agents/scheduling-agent.yaml",
			"context-graphs/appointment-scheduling.yaml", "context-graphs/patient-intake.yaml",
			"services/appointment-scheduling.yaml", "services/patient-intake.yaml"}},
		{name: "classic references by name and by id", dir: "testdata/valid/classic-clinic", want: []string{
			"agents/billing-agent.yaml", "context-graphs/billing.yaml",
			"  note: reference legacy keeps graph id 65a1b2c3d4e5f60718293a4b (v7): no live context graph has that id (deprecated or deleted)",
			"context-graphs/payments.yaml", "services/billing-line.yaml"}},
		{name: "deprecated containers are left out", dir: "testdata/valid/classic-current-reference", change: func(l *plan.Live) {
			l.Containers[spec.KindContextGraph] = append(l.Containers[spec.KindContextGraph],
				backend.Container{Kind: spec.KindContextGraph, ID: "old", Name: "triage", Deprecated: true, Latest: 9})
		}, want: []string{"context-graphs/intake.yaml", "context-graphs/triage.yaml", "note: 1 deprecated context graph not exported (export treats deprecated as removed)"}},
		{name: "a reference to a deprecated graph keeps its id", dir: "testdata/valid/classic-current-reference", change: func(l *plan.Live) {
			deprecate(l, spec.KindContextGraph, "triage")
		}, want: []string{"context-graphs/intake.yaml",
			"  note: reference triage keeps graph id " + idOf(spec.KindContextGraph, "triage") + " (v2): no live context graph has that id (deprecated or deleted)",
			"note: 1 deprecated context graph not exported (export treats deprecated as removed)"}},
		{name: "a graph's container description has no manifest field", dir: "examples/workspace", change: func(l *plan.Live) {
			for i, c := range l.Containers[spec.KindContextGraph] {
				if c.Name == "patient-intake" {
					l.Containers[spec.KindContextGraph][i].Description = "set in the dashboard"
				}
			}
		}, only: []plan.Selector{sel(spec.KindContextGraph, "patient-intake")},
			want: []string{"context-graphs/patient-intake.yaml", "  note: its container description in the API has no manifest field: plan will propose to clear it"}},
		{name: "only a service brings its agent and graph", dir: "examples/workspace", only: []plan.Selector{sel(spec.KindService, "patient-intake")},
			want: []string{"agents/intake-agent.yaml < Service/patient-intake", "context-graphs/patient-intake.yaml < Service/patient-intake", "services/patient-intake.yaml"}},
		{name: "only a graph brings the graphs it refers to", dir: "testdata/valid/classic-current-reference", only: []plan.Selector{sel(spec.KindContextGraph, "intake")},
			want: []string{"context-graphs/intake.yaml", "context-graphs/triage.yaml < ContextGraph/intake"}},
		{name: "only an agent", dir: "examples/workspace", only: []plan.Selector{sel(spec.KindAgent, "intake-agent"), sel(spec.KindAgent, "intake-agent")},
			want: []string{"agents/intake-agent.yaml"}},
		{name: "a container without versions", dir: "examples/workspace", change: func(l *plan.Live) {
			l.Containers[spec.KindAgent] = append(l.Containers[spec.KindAgent], backend.Container{Kind: spec.KindAgent, ID: "e", Name: "empty"})
		}, only: []plan.Selector{sel(spec.KindAgent, "empty"), sel(spec.KindAgent, "intake-agent")},
			want: []string{"agents/intake-agent.yaml", "problem: Agent/empty: it has no version yet, and a manifest holds the content of a version"}},
		{name: "a service whose agent is deprecated", dir: "testdata/valid/classic-clinic", change: func(l *plan.Live) {
			deprecate(l, spec.KindAgent, "billing-agent")
			l.Services[0].Spec.IsActive = new(bool)
		}, want: []string{"context-graphs/billing.yaml", "  note: reference legacy keeps graph id 65a1b2c3d4e5f60718293a4b (v7): no live context graph has that id (deprecated or deleted)",
			"context-graphs/payments.yaml", "note: 1 deprecated agent not exported (export treats deprecated as removed)",
			"problem: Service/billing-line: its agent (id " + idOf(spec.KindAgent, "billing-agent") + ") is not a live agent (deprecated or deleted), and a Service manifest names its agent by manifest name"}},
		{name: "a name no manifest can have, and what needs it", dir: "examples/workspace", change: func(l *plan.Live) {
			rename(l, spec.KindAgent, "intake-agent", " intake agent ")
		}, want: []string{"agents/scheduling-agent.yaml", "context-graphs/appointment-scheduling.yaml", "context-graphs/patient-intake.yaml",
			"services/appointment-scheduling.yaml",
			"problem: Agent/ intake agent : the manifest does not validate: metadata.name: names are 1 to 256 characters, without control characters or leading or trailing spaces (got \" intake agent \")",
			"problem: Service/patient-intake: its agent  intake agent  cannot be exported, and a Service manifest names its agent by manifest name"}},
		{name: "an invalid graph is referred to by id", dir: "testdata/valid/classic-current-reference", change: func(l *plan.Live) {
			l.Latest[idOf(spec.KindContextGraph, "triage")].ContextGraph.TerminalState = "nowhere"
		}, want: []string{"context-graphs/intake.yaml",
			"  note: reference triage keeps graph id " + idOf(spec.KindContextGraph, "triage") + " (v2): context graph triage cannot be exported",
			`problem: ContextGraph/triage: the manifest does not validate: terminal_state "nowhere" is not a state of this graph`}},
		{name: "text YAML cannot hold", dir: "examples/workspace", change: func(l *plan.Live) {
			l.Latest[idOf(spec.KindAgent, "intake-agent")].Agent.Background = "bad \xff byte"
		}, only: []plan.Selector{sel(spec.KindAgent, "intake-agent"), sel(spec.KindAgent, "scheduling-agent")},
			want: []string{"agents/scheduling-agent.yaml", "problem: Agent/intake-agent: it cannot be written as YAML: spec.background is not valid UTF-8 text, which a manifest cannot hold"}},
		{name: "names equal but for case", dir: "examples/workspace", change: func(l *plan.Live) {
			c := l.Containers[spec.KindAgent][0]
			c.ID, c.Name = "upper", "Intake-Agent"
			l.Containers[spec.KindAgent] = append(l.Containers[spec.KindAgent], c)
			l.Latest["upper"] = l.Latest[l.Containers[spec.KindAgent][0].ID]
		}, only: []plan.Selector{sel(spec.KindAgent, "intake-agent"), sel(spec.KindAgent, "Intake-Agent")},
			want: []string{"agents/Intake-Agent.yaml", "agents/intake-agent~2.yaml"}},
		{name: "several services of one name", dir: "testdata/valid/classic-clinic", change: func(l *plan.Live) {
			dup := l.Services[0]
			dup.ID, dup.Spec.IsActive = "service-2", new(bool)
			l.Services = append(l.Services, dup)
			l.Services[0].Spec.IsActive = new(bool)
		}, only: []plan.Selector{sel(spec.KindAgent, "billing-agent"), sel(spec.KindService, "billing-line")},
			want: []string{"agents/billing-agent.yaml",
				"problem: Service/billing-line: 2 services are called billing-line: " + idOf(spec.KindService, "billing-line") + " (inactive), service-2 (inactive); amigosync manages the active one, or the only one (rename the others or activate the one you mean)"}},
		{name: "inactive services beside the active one", dir: "testdata/valid/classic-clinic", change: func(l *plan.Live) {
			dup := l.Services[0]
			dup.ID, dup.Spec.IsActive = "service-2", new(bool)
			l.Services = append(l.Services, dup)
		}, only: []plan.Selector{sel(spec.KindService, "billing-line"), sel(spec.KindContextGraph, "payments")},
			want: []string{"agents/billing-agent.yaml < Service/billing-line", "context-graphs/billing.yaml < Service/billing-line",
				"  note: reference legacy keeps graph id 65a1b2c3d4e5f60718293a4b (v7): no live context graph has that id (deprecated or deleted)",
				"context-graphs/payments.yaml", "services/billing-line.yaml", "note: 1 inactive service called billing-line not exported (amigosync manages the active one)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			live := liveOf(t, v, tt.dir)
			if tt.change != nil {
				tt.change(live)
			}
			res, err := FromLive(v, live, tt.only)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(res); !slices.Equal(got, tt.want) {
				t.Errorf("FromLive:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// idOf is the id of a test resource: 24 hex digits, like a Classic id.
func idOf(kind spec.Kind, name string) string {
	return fmt.Sprintf("%x", sha256.Sum256([]byte(string(kind)+"/"+name)))[:24]
}

func deprecate(l *plan.Live, kind spec.Kind, name string) {
	for i, c := range l.Containers[kind] {
		if c.Name == name {
			l.Containers[kind][i].Deprecated = true
		}
	}
}

func rename(l *plan.Live, kind spec.Kind, from, to string) {
	for i, c := range l.Containers[kind] {
		if c.Name == from {
			l.Containers[kind][i].Name = to
		}
	}
}

func TestFromLiveOnlyUnknown(t *testing.T) {
	v := validator(t)
	_, err := FromLive(v, liveOf(t, v, "examples/workspace"), []plan.Selector{sel(spec.KindAgent, "nobody")})
	if want := `--only Agent/nobody: target "t" has no agent called "nobody"`; err == nil || err.Error() != want {
		t.Errorf("FromLive error = %v, want %q", err, want)
	}
}

// TestFromLiveRoundTrip checks that what FromLive writes loads back into
// the live content (references by name where the graph is exported).
func TestFromLiveRoundTrip(t *testing.T) {
	v := validator(t)
	for _, dir := range []string{"examples/workspace", "testdata/valid/classic-clinic", "testdata/valid/classic-current-reference"} {
		t.Run(dir, func(t *testing.T) {
			live := liveOf(t, v, dir)
			res, err := FromLive(v, live, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := reload(t, v, live.Target.Dialect, res.Files())
			idx := live.Index()
			for _, g := range got.ContextGraphs {
				c, _ := idx.ID(spec.KindContextGraph, g.Name)
				want := backend.ResolveReferences(*live.Latest[c].ContextGraph, idx)
				if diff := cmpDiff(want, g.Spec); diff != "" {
					t.Errorf("context graph %s differs (-live +manifest):\n%s", g.Name, diff)
				}
			}
			if len(got.Agents)+len(got.ContextGraphs)+len(got.Services) != len(res.Written) {
				t.Errorf("read back %d manifests, wrote %d", len(got.Agents)+len(got.ContextGraphs)+len(got.Services), len(res.Written))
			}
		})
	}
}

func cmpDiff(want, got any) string { return cmp.Diff(want, got, cmpopts.EquateEmpty()) }

func sel(kind spec.Kind, name string) plan.Selector { return plan.Selector{Kind: kind, Name: name} }
