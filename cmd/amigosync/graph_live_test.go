package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// liveProject is a project copied into a temporary directory with its
// embedded target open, for seeding through the Backend API.
type liveProject struct {
	dir     string
	bundle  *spec.Bundle
	backend backend.Backend
	closer  io.Closer
	index   backend.Index
}

// done closes the target, so that the state is saved and the CLI can open
// it.
func (p *liveProject) done(t *testing.T) {
	t.Helper()
	if err := p.closer.Close(); err != nil {
		t.Fatal(err)
	}
}

// openLive copies the project from and opens its (empty) embedded target;
// close it with done before the CLI reads it.
func openLive(t *testing.T, from string) *liveProject {
	t.Helper()
	dir := copyProject(t, from)
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	bundle, diags, err := v.ValidateDir(dir, spec.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("validate %s: %v %v", from, err, diags)
	}
	b, closer, err := target.Open(context.Background(), target.Options{Dir: dir, Target: bundle.Target})
	if err != nil {
		t.Fatal(err)
	}
	return &liveProject{dir: dir, bundle: bundle, backend: b, closer: closer}
}

// create makes the context graph name with the given versions, in order.
func (p *liveProject) create(t *testing.T, name string, versions ...spec.ContextGraphSpec) {
	t.Helper()
	ctx := context.Background()
	c, err := p.backend.CreateContainer(ctx, spec.KindContextGraph, name, "")
	if err != nil {
		t.Fatal(err)
	}
	p.index.Add(c)
	for i, g := range versions {
		if err := p.backend.CreateVersion(ctx, c, i+1, backend.Version{ContextGraph: &g}, p.index); err != nil {
			t.Fatalf("create %s v%d: %v", name, i+1, err)
		}
	}
}

// graphSpec returns the manifest of the context graph name.
func (p *liveProject) graphSpec(t *testing.T, name string) spec.ContextGraphSpec {
	t.Helper()
	g, ok := p.bundle.ContextGraph(name)
	if !ok {
		t.Fatalf("no context graph %s", name)
	}
	return g.Spec
}

// seedable returns the billing graph without what the emulator cannot
// hold without more seeding: the reference to a graph by id it does not
// have (and the transition using it), and the tool-call state, whose tool
// it does not know (the recall state before it goes on to its successor).
func seedable(g spec.ContextGraphSpec) spec.ContextGraphSpec {
	refs := map[string]spec.Reference{}
	for k, r := range g.References {
		if k != "legacy" {
			refs[k] = r
		}
	}
	g.References = refs
	var states []spec.State
	for _, s := range g.States {
		if s.Type == spec.StateToolCall {
			continue
		}
		var exits []spec.ExitCondition
		for _, ec := range s.ExitConditions {
			if ref, _ := ec.NextState.Reference(); ref != "legacy" {
				exits = append(exits, ec)
			}
		}
		s.ExitConditions = exits
		if s.NextState != nil && s.NextState.State == "lookup_balance" {
			s.NextState = &spec.NextState{State: "explain"}
		}
		states = append(states, s)
	}
	g.States = states
	return g
}

// TestGraphLive seeds the embedded emulator of each dialect through the
// Backend API and draws its latest versions with graph --live: the same
// picture as the content seeded, titled with the live version.
func TestGraphLive(t *testing.T) {
	classic := openLive(t, filepath.Join(validateRepoRoot, "testdata", "valid", "classic-clinic"))
	payments := classic.graphSpec(t, "payments")
	billing := seedable(classic.graphSpec(t, "billing"))
	payments2 := payments
	payments2.States = append([]spec.State{{Type: spec.StateAction, Name: "confirm_amount", Objective: "Confirm the amount.",
		Actions:        []spec.Action{{Description: "Read the amount back."}},
		ExitConditions: []spec.ExitCondition{{Description: "The caller agrees.", NextState: spec.NextState{State: "start"}}}}},
		payments.States...)
	payments2.NewUserInitialState, payments2.ReturningUserInitialState = "confirm_amount", "confirm_amount"
	classic.create(t, "payments", payments, payments2)
	classic.create(t, "billing", billing)
	classic.done(t)

	platform := openLive(t, filepath.Join(validateRepoRoot, "examples", "workspace"))
	intake := platform.graphSpec(t, "patient-intake")
	platform.create(t, "patient-intake", intake)
	platform.done(t)

	tests := []struct {
		name    string
		dir     string
		graph   string
		format  string
		want    spec.ContextGraphSpec
		title   string
		mention string // a line the picture must hold
	}{
		{"classic references by name", classic.dir, "billing", "mermaid", billing, "billing (live v1)", `  j_payments_start_done[/"payments.start<br>graph payments, version 1"\]`},
		{"classic latest of two versions", classic.dir, "payments", "dot", payments2, "payments (live v2)", `  "s_confirm_amount" [label="confirm_amount", shape=box, style="rounded"];`},
		{"platform", platform.dir, "patient-intake", "mermaid", intake, "patient-intake (live v1)", `  s_verify_identity[/"verify_identity"/]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, "graph", tt.graph, tt.dir, "--live", "--format", tt.format)
			if code != 0 {
				t.Fatalf("graph --live: exit %d\n%s\n%s", code, out, errOut)
			}
			p := draw.From(tt.want)
			p.Title = tt.title
			want := draw.Mermaid(p)
			if tt.format == "dot" {
				want = draw.DOT(p)
			}
			if diff := cmp.Diff(want, out); diff != "" {
				t.Errorf("live picture differs from the seeded content's (-want +got):\n%s", diff)
			}
			if !strings.Contains(out, "\n"+tt.mention+"\n") {
				t.Errorf("the picture has no line %q:\n%s", tt.mention, out)
			}
		})
	}
}

// TestGraphLiveMissing: a graph the target lacks, or one without a version,
// is an error that says so and lists the graphs there are.
func TestGraphLiveMissing(t *testing.T) {
	p := openLive(t, filepath.Join(validateRepoRoot, "examples", "workspace"))
	empty := openLive(t, filepath.Join(validateRepoRoot, "testdata", "valid", "platform-minimal"))
	p.create(t, "patient-intake", p.graphSpec(t, "patient-intake"))
	p.create(t, "drafts")
	p.done(t)
	empty.done(t)
	tests := []struct{ name, dir, graph, want string }{
		{"unknown", p.dir, "billing", `amigosync: context graph "billing" does not exist on target "local" (context graphs there: drafts, patient-intake)` + "\n"},
		{"no version", p.dir, "drafts", `amigosync: context graph "drafts" on target "local" has no version yet` + "\n"},
		{"empty target", empty.dir, "triage", `amigosync: context graph "triage" does not exist on target "default", which has no context graphs` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, "graph", tt.graph, tt.dir, "--live")
			if code != 1 || out != "" {
				t.Fatalf("exit %d, want 1 and nothing on stdout\n%s", code, out)
			}
			if diff := cmp.Diff(tt.want, errOut); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}
