package plan_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// planCase is one testdata/cases/*.txtar: a base project copied into both
// desired/ and live/ (unless live is empty), files that override or add
// to either, and the live facts manifests cannot say.
type planCase struct {
	// Base is a project under testdata/base (classic or platform).
	Base string `json:"base"`
	// LiveEmpty starts the live side with nothing.
	LiveEmpty bool `json:"live_empty"`
	// Delete removes files ("desired/services/x.yaml", "live/...").
	Delete []string `json:"delete"`
	// Latest sets the latest version number of live containers
	// ("Agent/intake-agent": 3); the default is 1.
	Latest map[string]int `json:"latest"`
	// Deprecated marks live containers deprecated ("Agent/x").
	Deprecated []string `json:"deprecated"`
	// InactiveCopies adds inactive live services with the same name.
	InactiveCopies map[string]int `json:"inactive_copies"`
	Prune          bool           `json:"prune"`
	Only           []string       `json:"only"`
}

// loadCase reads a case and returns its desired bundle, its live state
// and the plan options.
func loadCase(t *testing.T, file string) (*spec.Bundle, *plan.Live, plan.Options) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c planCase
	files := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name == "case.json" {
			if err := json.Unmarshal(f.Data, &c); err != nil {
				t.Fatalf("%s: case.json: %v", file, err)
			}
		}
	}
	if c.Base != "" {
		copyBase(t, files, c.Base, "desired")
		if !c.LiveEmpty {
			copyBase(t, files, c.Base, "live")
		}
	}
	for _, f := range ar.Files {
		if f.Name != "case.json" {
			files[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	for _, d := range c.Delete {
		delete(files, d)
	}
	desired := validate(t, files, "desired")
	liveBundle := &spec.Bundle{Target: desired.Target}
	if !c.LiveEmpty {
		liveBundle = validate(t, files, "live")
	}
	opts := plan.Options{ToolVersion: "test", Prune: c.Prune}
	for _, o := range c.Only {
		sel, err := plan.ParseSelector(o)
		if err != nil {
			t.Fatal(err)
		}
		opts.Only = append(opts.Only, sel)
	}
	return desired, liveFrom(liveBundle, c), opts
}

func copyBase(t *testing.T, files fstest.MapFS, base, into string) {
	t.Helper()
	root := filepath.Join("testdata", "base", base)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[path.Join(into, filepath.ToSlash(rel))] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// validate checks one side of a case; a case's manifests must be valid.
func validate(t *testing.T, files fstest.MapFS, dir string) *spec.Bundle {
	t.Helper()
	sub, err := fs.Sub(files, dir)
	if err != nil {
		t.Fatal(err)
	}
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags := v.Validate(sub, spec.Options{Root: dir})
	if diags.HasErrors() {
		t.Fatalf("the %s manifests of the case are invalid:\n%v", dir, diags)
	}
	return b
}

// liveFrom builds the live state a server holding the live manifests
// would report.
func liveFrom(b *spec.Bundle, c planCase) *plan.Live {
	l := &plan.Live{
		Target:     plan.Target{Name: "local", Dialect: b.Dialect(), BaseURL: "https://api.example.test", Scope: "test-scope"},
		Containers: map[spec.Kind][]backend.Container{},
		Latest:     map[string]backend.Version{},
	}
	deprecated := map[string]bool{}
	for _, d := range c.Deprecated {
		deprecated[d] = true
	}
	latest := func(kind spec.Kind, name string) int {
		if n, ok := c.Latest[string(kind)+"/"+name]; ok {
			return n
		}
		return 1
	}
	addContainer := func(kind spec.Kind, name, desc string, v backend.Version) {
		ctr := backend.Container{Kind: kind, ID: idOf(kind, name), Name: name, Description: desc,
			Latest: latest(kind, name), Deprecated: deprecated[string(kind)+"/"+name]}
		l.Containers[kind] = append(l.Containers[kind], ctr)
		if ctr.Latest > 0 {
			l.Latest[ctr.ID] = v
		}
	}
	for _, a := range b.Agents {
		v := a.Spec
		v.Description = ""
		addContainer(spec.KindAgent, a.Name, a.Spec.Description, backend.Version{Agent: &v})
	}
	for _, g := range b.ContextGraphs {
		v := g.Spec
		addContainer(spec.KindContextGraph, g.Name, "", backend.Version{ContextGraph: &v})
	}
	for _, s := range b.Services {
		svc := backend.Service{ID: idOf(spec.KindService, s.Name), Name: s.Name,
			AgentID: idOf(spec.KindAgent, s.Spec.Agent), ContextGraphID: idOf(spec.KindContextGraph, s.Spec.ContextGraph), Spec: s.Spec}
		svc.Spec.VersionSets = map[string]spec.VersionSet{}
		for name, vs := range s.Spec.VersionSets {
			vs.Agent = livePin(vs.Agent, latest(spec.KindAgent, s.Spec.Agent))
			vs.ContextGraph = livePin(vs.ContextGraph, latest(spec.KindContextGraph, s.Spec.ContextGraph))
			svc.Spec.VersionSets[name] = vs
		}
		l.Services = append(l.Services, svc)
		for i := range c.InactiveCopies[s.Name] {
			cp := svc
			cp.ID = svc.ID + "-inactive-" + string(rune('a'+i))
			off := false
			cp.Spec.IsActive = &off
			l.Services = append(l.Services, cp)
		}
	}
	return l
}

// livePin is what a server holds for a manifest pin: `current` is a number.
func livePin(p spec.Pin, latest int) spec.Pin {
	if p.Kind == spec.PinCurrent {
		return spec.Pin{Kind: spec.PinNumber, Number: latest}
	}
	return p
}

func idOf(kind spec.Kind, name string) string {
	return strings.ToLower(string(kind)) + "-" + name
}
