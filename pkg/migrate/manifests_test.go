package migrate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// doc is a manifest as a file holds it (JSON is YAML).
type doc struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec any `json:"spec"`
}

func newDoc(kind spec.Kind, name string, s any) doc {
	d := doc{APIVersion: spec.APIVersion, Kind: string(kind), Spec: s}
	d.Metadata.Name = name
	return d
}

// docs lists the manifests of m in kind order.
func docs(m migrate.Manifests) []doc {
	var out []doc
	for _, a := range m.Agents {
		out = append(out, newDoc(spec.KindAgent, a.Name, a.Spec))
	}
	for _, g := range m.ContextGraphs {
		out = append(out, newDoc(spec.KindContextGraph, g.Name, g.Spec))
	}
	for _, s := range m.Services {
		out = append(out, newDoc(spec.KindService, s.Name, s.Spec))
	}
	return out
}

// platformCheck validates manifests as one project with no project file,
// which is a Platform target, and fails on any error or warning.
func platformCheck(t *testing.T, what string, m migrate.Manifests) {
	t.Helper()
	fsys := fstest.MapFS{}
	for i, d := range docs(m) {
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		fsys[fmt.Sprintf("%02d-%s.yaml", i, d.Metadata.Name)] = &fstest.MapFile{Data: data}
	}
	b, diags := newValidator(t).Validate(fsys, spec.Options{})
	if b.Dialect() != spec.DialectPlatform {
		t.Fatalf("%s: validated as %s, want platform", what, b.Dialect())
	}
	for _, d := range diags {
		t.Errorf("%s: %s", what, d)
	}
	if n := len(m.Agents) + len(m.ContextGraphs) + len(m.Services); b.Manifests != n {
		t.Errorf("%s: the validator read %d manifests, want %d", what, b.Manifests, n)
	}
}

// TestClinicManifests checks that the resolved clinic organization
// translates to Platform manifests that pass every Platform check, round
// by round and as a whole, and compares them and the id map with golden
// files.
func TestClinicManifests(t *testing.T) {
	for _, all := range []bool{false, true} {
		name := "resolved"
		if all {
			name = "all-versions"
		}
		t.Run(name, func(t *testing.T) {
			res, err := migrate.Translate(clinic(t), migrate.Options{AllVersions: all, InlineReferences: true, Map: clinicMap(t), Validator: newValidator(t)})
			if err != nil {
				t.Fatal(err)
			}
			final, err := res.Manifests(migrate.Ready)
			if err != nil {
				t.Fatal(err)
			}
			rounds := res.Rounds()
			for i, r := range rounds {
				platformCheck(t, fmt.Sprintf("round %d", i+1), r)
			}
			platformCheck(t, "final manifests", final)
			out := struct {
				Rounds [][]doc `json:"rounds"`
				Final  []doc   `json:"final"`
			}{Final: docs(final)}
			for _, r := range rounds {
				out.Rounds = append(out.Rounds, docs(r))
			}
			golden.Check(t, filepath.Join("testdata", "golden", name, "manifests.json"), indentJSON(t, out))
			golden.Check(t, filepath.Join("testdata", "golden", name, "idmap.json"), indentJSON(t, res.IDMap))
		})
	}
}

func indentJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
