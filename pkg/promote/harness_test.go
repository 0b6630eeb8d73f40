package promote_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/promote"
	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// world is a project applied to its own embedded emulator.
type world struct {
	dir  string
	b    backend.Backend
	side promote.Side
}

// newWorld writes a project into a new directory (`amigosync init`'s of
// dialect d, or a copy of the directory from), opens its embedded target
// and applies the project to it.
func newWorld(t *testing.T, d spec.Dialect, from string) *world {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	if from == "" {
		if _, err := scaffold.Write(dir, d); err != nil {
			t.Fatal(err)
		}
	} else {
		copyDir(t, from, dir)
	}
	w := &world{dir: dir}
	bundle := w.bundle(t)
	b, closer, err := target.Open(context.Background(), target.Options{Dir: dir, Target: bundle.Target})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closer.Close() })
	w.b = b
	w.side = promote.Side{Name: bundle.Target.Name, Backend: b, Cache: cache.New(filepath.Join(dir, cache.Dir))}
	w.apply(t)
	return w
}

// bundle validates the project.
func (w *world) bundle(t *testing.T) *spec.Bundle {
	t.Helper()
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	bundle, diags, err := v.ValidateDir(w.dir, spec.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("validate %s: %v %v", w.dir, err, diags)
	}
	return bundle
}

// apply plans the project and applies the plan.
func (w *world) apply(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	bundle := w.bundle(t)
	live, err := plan.ReadLive(ctx, w.b, bundle, plan.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, diags := plan.Make(bundle, live, plan.Options{})
	if diags.HasErrors() {
		t.Fatalf("plan: %v", diags)
	}
	w.run(t, p, live)
}

// run applies p and fails the test unless every step was done.
func (w *world) run(t *testing.T, p *plan.Plan, live *plan.Live) *apply.Report {
	t.Helper()
	rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Complete() {
		t.Fatalf("apply: %s", rep.Summary())
	}
	return rep
}

// edit replaces old with new in a file of the project.
func (w *world) edit(t *testing.T, file, old, new string) {
	t.Helper()
	p := filepath.Join(w.dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s holds no %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// set reads version set name of service svc live.
func (w *world) set(t *testing.T, svc, name string) (spec.VersionSet, bool) {
	t.Helper()
	st, err := promote.Read(context.Background(), w.side, svc)
	if err != nil {
		t.Fatal(err)
	}
	vs, ok := st.Service.Spec.VersionSets[name]
	return vs, ok
}

// copyDir copies the files under src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// bothDialects runs test for each dialect, in parallel.
func bothDialects(t *testing.T, test func(t *testing.T, d spec.Dialect)) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			test(t, d)
		})
	}
}
