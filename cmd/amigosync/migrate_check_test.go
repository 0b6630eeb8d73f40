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
		what := e.Kind.Noun() + " " + e.Classic.Name + " Classic v" + itoa(e.Classic.Version)
		if e.Kind == spec.KindAgent {
			compareVersions(t, w, what, documentedAgent(*cv.Agent), pv)
			continue
		}
		if !hasCannotMove(r) && len(cv.ContextGraph.References) == 0 {
			g := *cv.ContextGraph
			g.References = nil
			compareVersions(t, w, what, backend.Version{ContextGraph: &g}, pv)
			continue
		}
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
		p := ps[i].Spec
		if p.Agent != c.Spec.Agent || p.ContextGraph != c.Spec.ContextGraph || p.Description != c.Spec.Description || p.Active() != c.Spec.Active() ||
			!cmp.Equal(p.Keyterms, c.Spec.Keyterms, cmpopts.EquateEmpty()) || !cmp.Equal(p.Tags, c.Spec.Tags, cmpopts.EquateEmpty()) {
			t.Errorf("service %s differs: Platform %+v, Classic %+v", c.Name, p, c.Spec)
		}
		for name, vs := range c.Spec.VersionSets {
			if name == "edge" {
				continue
			}
			got := p.VersionSets[name]
			for _, pin := range []struct {
				kind      spec.Kind
				id        string
				want, got spec.Pin
			}{{spec.KindAgent, c.AgentID, vs.Agent, got.Agent}, {spec.KindContextGraph, c.ContextGraphID, vs.ContextGraph, got.ContextGraph}} {
				want := pin.want
				if want.Kind == spec.PinNumber {
					e, _ := idm.Lookup(pin.kind, pin.id, want.Number)
					want = spec.NumberPin(e.Platform.Version)
				}
				if pin.got != want {
					t.Errorf("service %s: version set %s: %s pins %s on Platform, want %s (Classic %s)", c.Name, name, pin.kind.Noun(), pin.got, want, pin.want)
				}
			}
		}
	}
}
