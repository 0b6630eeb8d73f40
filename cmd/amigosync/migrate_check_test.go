package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// outputs reads the report and the id map migrate wrote to OUT.
func (w *migrateWorld) outputs(t *testing.T) (*migrate.Report, *migrate.IDMap) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.project, "out", "idmap.json"))
	if err != nil {
		t.Fatal(err)
	}
	idm, err := migrate.ParseIDMap(data)
	if err != nil {
		t.Fatal(err)
	}
	return readReport(t, filepath.Join(w.project, "out", "migration-report.json")), idm
}

// sides are both APIs' containers, indexed, for reading versions.
type sides struct {
	classic, platform       map[string]backend.Container // by id
	classicIdx, platformIdx backend.Index
}

func (w *migrateWorld) sides(t *testing.T) sides {
	t.Helper()
	s := sides{classic: map[string]backend.Container{}, platform: map[string]backend.Container{}}
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		for _, side := range []struct {
			b   backend.Backend
			m   map[string]backend.Container
			idx *backend.Index
		}{{w.classic, s.classic, &s.classicIdx}, {w.plat, s.platform, &s.platformIdx}} {
			cs, err := side.b.Containers(context.Background(), k)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				side.m[c.ID] = c
			}
			side.idx.Add(cs...)
		}
	}
	return s
}

// checkIDMap checks that the id map holds every version and service the
// report says is ready, applied, and that no ready container has a
// Platform version the migration did not make (no duplicates).
func checkIDMap(t *testing.T, w *migrateWorld, rep *migrate.Report, idm *migrate.IDMap) {
	t.Helper()
	s := w.sides(t)
	for _, r := range rep.Resources {
		if r.Status != migrate.Ready {
			continue
		}
		if r.Kind == spec.KindService {
			if e, ok := idm.Lookup(spec.KindService, r.ClassicID, 0); !ok || !e.Applied || e.Platform.ID == "" {
				t.Errorf("id map: service %s: %+v, %v; want it applied with its Platform id", r.Name, e, ok)
			}
			continue
		}
		platformVersions := map[int]bool{}
		var platformID string
		for _, v := range r.Versions {
			e, ok := idm.Lookup(r.Kind, r.ClassicID, v.Classic)
			if !ok || !e.Applied || e.Platform.ID == "" {
				t.Errorf("id map: %s %s v%d: %+v, %v; want it applied with its Platform id", r.Kind.Noun(), r.Name, v.Classic, e, ok)
				continue
			}
			platformVersions[e.Platform.Version], platformID = true, e.Platform.ID
		}
		if c := s.platform[platformID]; c.Latest != len(platformVersions) {
			t.Errorf("%s %s has %d Platform versions, want %d (one per migrated version, no duplicates)", r.Kind.Noun(), r.Name, c.Latest, len(platformVersions))
		}
	}
}

// checkSemantics reads every Classic version the id map holds and the
// Platform version it maps to, and compares them after the documented
// transforms: a voice gains tts_provider cartesia; a graph with no
// reference and no finding that cannot move is equal as a whole
// (Classic-only fields are normalised away); in any other graph, every Classic state no
// finding transforms or reports as unable to move is on Platform as it
// was, and every Platform state is a
// Classic one or an inlined copy (REF__JUMPBACK__STATE).
func checkSemantics(t *testing.T, w *migrateWorld, rep *migrate.Report, idm *migrate.IDMap) {
	t.Helper()
	ctx := context.Background()
	s := w.sides(t)
	for _, e := range idm.Entries {
		if e.Kind == spec.KindService || !e.Applied {
			continue
		}
		cv, err := w.classic.ReadVersion(ctx, s.classic[e.Classic.ID], e.Classic.Version, s.classicIdx)
		if err != nil {
			t.Fatal(err)
		}
		pv, err := w.plat.ReadVersion(ctx, s.platform[e.Platform.ID], e.Platform.Version, s.platformIdx)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := rep.Resource(e.Kind, e.Classic.Name)
		compareMigrated(t, w, e.Kind.Noun()+" "+e.Classic.Name+" Classic v"+itoa(e.Classic.Version), r, cv, pv)
	}
}

// compareMigrated compares one Classic version with the Platform version
// it became, after the documented transforms (see checkSemantics).
func compareMigrated(t *testing.T, w *migrateWorld, what string, r *migrate.ResourceReport, cv, pv backend.Version) {
	t.Helper()
	switch {
	case cv.Agent != nil:
		compareVersions(t, w, what, documentedAgent(*cv.Agent), pv)
	case pv.ContextGraph == nil:
		t.Errorf("%s: no context graph on Platform", what)
	case !hasCannotMove(r) && len(cv.ContextGraph.References) == 0:
		g := *cv.ContextGraph
		g.References = nil
		compareVersions(t, w, what, backend.Version{ContextGraph: &g}, pv)
	default:
		compareStates(t, what, r, *cv.ContextGraph, *pv.ContextGraph)
	}
}

func compareVersions(t *testing.T, w *migrateWorld, what string, want, got backend.Version) {
	t.Helper()
	kind := want.Kind()
	if diff := cmp.Diff(w.plat.NormalizeVersion(kind, want), w.plat.NormalizeVersion(kind, got), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s on Platform differs from Classic after the documented transforms (-want +got):\n%s", what, diff)
	}
}

// documentedAgent is a Classic agent version as Platform holds it.
func documentedAgent(a spec.AgentSpec) backend.Version {
	if a.VoiceConfig != nil && a.VoiceConfig.TTSProvider == nil {
		vc := *a.VoiceConfig
		provider := "cartesia"
		vc.TTSProvider = &provider
		a.VoiceConfig = &vc
	}
	return backend.Version{Agent: &a}
}

func hasCannotMove(r *migrate.ResourceReport) bool {
	return r != nil && slices.ContainsFunc(r.Findings, func(f migrate.Finding) bool { return f.Outcome == migrate.CannotMove })
}

// compareStates checks a graph whose findings say some of it cannot move.
func compareStates(t *testing.T, what string, r *migrate.ResourceReport, classic, platform spec.ContextGraphSpec) {
	t.Helper()
	named := func(state string) bool {
		return slices.ContainsFunc(r.Findings, func(f migrate.Finding) bool {
			return f.Outcome != migrate.Carried && f.Field == "spec.states["+state+"]"
		})
	}
	onPlatform := map[string]spec.State{}
	for _, st := range platform.States {
		onPlatform[st.Name] = st
	}
	for _, st := range classic.States {
		got, ok := onPlatform[st.Name]
		switch {
		case named(st.Name):
			continue
		case !ok:
			t.Errorf("%s: state %s, which no finding names, is not on Platform", what, st.Name)
		case got.Type != st.Type || got.Objective != st.Objective || !cmp.Equal(got.Actions, st.Actions, cmpopts.EquateEmpty()):
			t.Errorf("%s: state %s, which no finding names, changed on Platform: %s %q %v, want %s %q %v", what, st.Name, got.Type, got.Objective, got.Actions, st.Type, st.Objective, st.Actions)
		}
	}
	for name := range onPlatform {
		inClassic := slices.ContainsFunc(classic.States, func(s spec.State) bool { return s.Name == name })
		if !inClassic && !strings.Contains(name, "__") {
			t.Errorf("%s: Platform state %s is neither a Classic state nor an inlined copy", what, name)
		}
	}
}

// checkServices compares every ready service on both sides: the fields
// carried over, and each version set (edge aside) pinning the Platform
// number the id map holds for the Classic version it pinned.
func checkServices(t *testing.T, w *migrateWorld, rep *migrate.Report, idm *migrate.IDMap) {
	t.Helper()
	ctx := context.Background()
	s := w.sides(t)
	cs, err := w.classic.Services(ctx, s.classicIdx)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := w.plat.Services(ctx, s.platformIdx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		r, ok := rep.Resource(spec.KindService, c.Name)
		if !ok || r.Status != migrate.Ready {
			continue
		}
		i := slices.IndexFunc(ps, func(p backend.Service) bool { return p.Name == c.Name })
		if i < 0 {
			t.Errorf("ready service %s is not on Platform", c.Name)
			continue
		}
		compareService(t, c.Name, c.Spec, ps[i].Spec, idm, c.AgentID, c.ContextGraphID)
	}
}

// compareService compares a Classic service c with the Platform service p
// it became: the fields carried over, and each version set (edge aside)
// pinning the Platform number the id map holds for the Classic version of
// agentID or graphID it pinned.
func compareService(t *testing.T, name string, c, p spec.ServiceSpec, idm *migrate.IDMap, agentID, graphID string) {
	t.Helper()
	if p.Agent != c.Agent || p.ContextGraph != c.ContextGraph || p.Description != c.Description || p.Active() != c.Active() ||
		!cmp.Equal(p.Keyterms, c.Keyterms, cmpopts.EquateEmpty()) || !cmp.Equal(p.Tags, c.Tags, cmpopts.EquateEmpty()) {
		t.Errorf("service %s differs: Platform %+v, Classic %+v", name, p, c)
	}
	for set, vs := range c.VersionSets {
		if set == "edge" {
			continue
		}
		got := p.VersionSets[set]
		for _, pin := range []struct {
			kind      spec.Kind
			id        string
			want, got spec.Pin
		}{{spec.KindAgent, agentID, vs.Agent, got.Agent}, {spec.KindContextGraph, graphID, vs.ContextGraph, got.ContextGraph}} {
			want := pin.want
			if want.Kind == spec.PinNumber {
				e, _ := idm.Lookup(pin.kind, pin.id, want.Number)
				want = spec.NumberPin(e.Platform.Version)
			}
			if pin.got != want {
				t.Errorf("service %s: version set %s: %s pins %s on Platform, want %s (Classic %s)", name, set, pin.kind.Noun(), pin.got, want, pin.want)
			}
		}
	}
}

// checkExports exports both sides with `amigosync export` and compares
// every ready resource's manifests after the documented transforms: the
// latest versions as compareMigrated does, the services as
// compareService does.
func checkExports(t *testing.T, w *migrateWorld, rep *migrate.Report, idm *migrate.IDMap) {
	t.Helper()
	bundles := map[string]*spec.Bundle{}
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{"clinic", "workspace"} {
		dir := filepath.Join(t.TempDir(), side)
		if code, out, errOut := runCLI(t, w.env, "export", "--target", side, "--dir", dir); code != 0 {
			t.Fatalf("export %s: exit %d\n%s%s", side, code, out, errOut)
		}
		b, diags, err := v.ValidateDir(dir, spec.Options{})
		if err != nil || diags.HasErrors() {
			t.Fatalf("the export of %s does not validate: %v %v", side, err, diags)
		}
		bundles[side] = b
	}
	classic, platform := bundles["clinic"], bundles["workspace"]
	for i := range rep.Resources {
		r := &rep.Resources[i]
		if r.Status != migrate.Ready {
			continue
		}
		what := "exported " + r.Kind.Noun() + " " + r.Name
		switch r.Kind {
		case spec.KindAgent:
			if c, p, ok := inBoth(t, what, classic.Agent, platform.Agent, r.Name); ok {
				compareMigrated(t, w, what, r, backend.Version{Agent: &c.Spec}, backend.Version{Agent: &p.Spec})
			}
		case spec.KindContextGraph:
			if c, p, ok := inBoth(t, what, classic.ContextGraph, platform.ContextGraph, r.Name); ok {
				compareMigrated(t, w, what, r, backend.Version{ContextGraph: &c.Spec}, backend.Version{ContextGraph: &p.Spec})
			}
		case spec.KindService:
			if c, p, ok := inBoth(t, what, classic.Service, platform.Service, r.Name); ok {
				agent, _ := rep.Resource(spec.KindAgent, c.Spec.Agent)
				graph, _ := rep.Resource(spec.KindContextGraph, c.Spec.ContextGraph)
				compareService(t, r.Name, c.Spec, p.Spec, idm, agent.ClassicID, graph.ClassicID)
			}
		}
	}
}

// inBoth finds the manifest called name in both exports, or fails the test.
func inBoth[T any](t *testing.T, what string, classic, platform func(string) (*T, bool), name string) (*T, *T, bool) {
	t.Helper()
	c, okc := classic(name)
	p, okp := platform(name)
	if !okc || !okp {
		t.Errorf("%s: in the Classic export %v, in the Platform export %v", what, okc, okp)
	}
	return c, p, okc && okp
}
