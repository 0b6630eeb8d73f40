package backend_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// demoToolID is the first of the two tools a fresh Classic emulator
// organization has (see pkg/classic/emulator's package doc).
const demoToolID = "000000000000000000000001"

// manifestDirs are the valid manifest directories of each dialect, from
// the repository root.
func manifestDirs(d spec.Dialect) []string {
	if d == spec.DialectClassic {
		return []string{"testdata/valid/classic-clinic"}
	}
	return []string{"examples/workspace", "testdata/valid/platform-minimal"}
}

// load validates a manifest directory of the repository.
func load(t *testing.T, dir string, d spec.Dialect) *spec.Bundle {
	t.Helper()
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags, err := v.ValidateDir(filepath.Join("..", "..", dir), spec.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load %s: %v %v", dir, err, diags)
	}
	if b.Dialect() != d {
		t.Fatalf("%s is for the %s dialect, not %s", dir, b.Dialect(), d)
	}
	return b
}

// TestRoundTrip creates every valid manifest through the backend, reads it
// back and compares it with the normalised manifest: no difference.
func TestRoundTrip(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, _ world) {
		for _, dir := range manifestDirs(d) {
			t.Run(filepath.Base(dir), func(t *testing.T) {
				w := map[spec.Dialect]func(*testing.T) world{spec.DialectClassic: startClassic, spec.DialectPlatform: startPlatform}[d](t)
				roundTrip(t, w.b, load(t, dir, d))
			})
		}
	})
}

func roundTrip(t *testing.T, b backend.Backend, bundle *spec.Bundle) {
	ctx := context.Background()
	norm := backend.NormalizerFor(b.Info().Dialect)
	if b.Info().Dialect == spec.DialectClassic {
		fitToClassicEmulator(t, b, bundle)
	}
	for _, a := range bundle.Agents {
		c, err := b.CreateContainer(ctx, spec.KindAgent, a.Name, a.Spec.Description)
		if err != nil {
			t.Fatal(err)
		}
		version := a.Spec
		version.Description = "" // the container's, set above
		if err := b.CreateVersion(ctx, c, 1, agentVersion(version), backend.Index{}); err != nil {
			t.Fatalf("agent %s: %v", a.Name, err)
		}
	}
	for _, g := range bundle.ContextGraphs {
		mustContainer(t, b, spec.KindContextGraph, g.Name)
	}
	idx := index(t, b)
	for _, g := range referencedFirst(bundle.ContextGraphs) {
		c := container(t, b, spec.KindContextGraph, g.Name)
		if err := b.CreateVersion(ctx, c, 1, graphVersion(g.Spec), idx); err != nil {
			t.Fatalf("context graph %s: %v", g.Name, err)
		}
	}
	for _, a := range bundle.Agents {
		c := container(t, b, spec.KindAgent, a.Name)
		got, err := readAgent(ctx, b, c, 1)
		if err != nil {
			t.Fatal(err)
		}
		if c.Description != a.Spec.Description {
			t.Errorf("agent %s: description %q, want %q", a.Name, c.Description, a.Spec.Description)
		}
		checkRead(t, "agent "+a.Name, normalizeAgent(norm)(a.Spec), got, normalizeAgent(norm))
	}
	for _, g := range bundle.ContextGraphs {
		got, err := readGraph(ctx, b, container(t, b, spec.KindContextGraph, g.Name), 1, idx)
		if err != nil {
			t.Fatal(err)
		}
		want := backend.ResolveReferences(normalizeGraph(norm)(g.Spec), idx)
		checkRead(t, "context graph "+g.Name, want, got, normalizeGraph(norm))
	}
	roundTripServices(t, b, bundle, idx)
}

// roundTripServices creates each service and its version sets, with pins
// to versions that exist: every manifest here has version 1 only.
func roundTripServices(t *testing.T, b backend.Backend, bundle *spec.Bundle, idx backend.Index) {
	ctx := context.Background()
	norm := backend.NormalizerFor(b.Info().Dialect)
	for _, s := range bundle.Services {
		want := s.Spec
		want.VersionSets = map[string]spec.VersionSet{}
		for name, vs := range s.Spec.VersionSets {
			vs.Agent, vs.ContextGraph = existingPin(vs.Agent), existingPin(vs.ContextGraph)
			want.VersionSets[name] = vs
		}
		svc, err := b.CreateService(ctx, s.Name, want, idx)
		if err != nil {
			t.Fatalf("service %s: %v", s.Name, err)
		}
		for name, vs := range want.VersionSets {
			if err := b.UpsertVersionSet(ctx, svc, name, vs); err != nil {
				t.Fatalf("service %s: %v", s.Name, err)
			}
		}
		listed, err := b.Services(ctx, idx)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := findService(listed, s.Name)
		if !ok {
			t.Fatalf("service %s is not listed", s.Name)
		}
		if b.Info().Dialect == spec.DialectClassic {
			if _, ok := want.VersionSets["release"]; !ok {
				// Classic gives every service a release set equal to edge.
				want.VersionSets["release"] = spec.VersionSet{Agent: spec.Pin{Kind: spec.PinLatest}, ContextGraph: spec.Pin{Kind: spec.PinLatest}}
			}
		}
		checkRead(t, "service "+s.Name, norm.NormalizeService(want), got.Spec, norm.NormalizeService)
	}
}

// checkRead compares a read with the normalised manifest, and checks that
// normalising the read changes nothing.
func checkRead[T any](t *testing.T, what string, want, got T, normalize func(T) T) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-normalised manifest +read back):\n%s", what, diff)
	}
	if diff := cmp.Diff(got, normalize(got)); diff != "" {
		t.Errorf("%s: normalising the read changes it (-read +normalised):\n%s", what, diff)
	}
}

// existingPin maps a pin to one that exists after the round trip.
func existingPin(p spec.Pin) spec.Pin {
	if p.Kind == spec.PinLatest {
		return p
	}
	return spec.Pin{Kind: spec.PinNumber, Number: 1}
}

// fitToClassicEmulator replaces the ids of a real organization that the
// Classic manifests name (a tool, a legacy graph) with ids that exist in
// the emulator: a graph created here, and its demo tool. It also drops
// what the API refuses but pkg/spec lets through (see below).
func fitToClassicEmulator(t *testing.T, b backend.Backend, bundle *spec.Bundle) {
	t.Helper()
	legacy := mustContainer(t, b, spec.KindContextGraph, "legacy-graph")
	if err := b.CreateVersion(context.Background(), legacy, 1, graphVersion(testGraph("Legacy.")), backend.Index{}); err != nil {
		t.Fatal(err)
	}
	for gi := range bundle.ContextGraphs {
		g := &bundle.ContextGraphs[gi].Spec
		for name, r := range g.References {
			if r.ID != "" {
				g.References[name] = spec.Reference{ID: legacy.ID, Version: number(1)}
			}
		}
		for si := range g.States {
			s := &g.States[si]
			if s.DesignatedTool != nil {
				s.DesignatedTool.ToolID = demoToolID
			}
		}
	}
}

// referencedFirst orders graphs so that a graph comes after those it
// references by name (the manifests here have no cycles).
func referencedFirst(graphs []spec.ContextGraph) []spec.ContextGraph {
	var out []spec.ContextGraph
	done := map[string]bool{}
	for len(out) < len(graphs) {
		for _, g := range graphs {
			ready := !done[g.Name]
			for _, r := range g.Spec.References {
				if r.Graph != "" && !done[r.Graph] {
					ready = false
				}
			}
			if ready {
				done[g.Name] = true
				out = append(out, g)
			}
		}
	}
	return out
}

func container(t *testing.T, b backend.Backend, kind spec.Kind, name string) backend.Container {
	t.Helper()
	cs, err := b.Containers(context.Background(), kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("%s %s is not listed", kind, name)
	return backend.Container{}
}

func findService(list []backend.Service, name string) (backend.Service, bool) {
	for _, s := range list {
		if s.Name == name {
			return s, true
		}
	}
	return backend.Service{}, false
}
