package draw_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/pkg/spec"
)

// exampleGraphs are the committed example projects whose graphs have golden
// pictures: the Platform workspace and the Classic clinic.
var exampleGraphs = []struct{ dir, graph string }{
	{"examples/workspace", "patient-intake"},
	{"examples/workspace", "appointment-scheduling"},
	{"testdata/valid/classic-clinic", "billing"},
	{"testdata/valid/classic-clinic", "payments"},
}

// validator compiles the schemas once for all tests of the package.
var validator = sync.OnceValues(spec.NewValidator)

// loadGraph validates a project of the repository and returns one of its
// context graphs.
func loadGraph(t *testing.T, dir, name string) spec.ContextGraphSpec {
	t.Helper()
	v, err := validator()
	if err != nil {
		t.Fatal(err)
	}
	b, diags, err := v.ValidateDir(filepath.Join("..", "..", dir), spec.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("%s does not validate:\n%v", dir, diags)
	}
	g, ok := b.ContextGraph(name)
	if !ok {
		t.Fatalf("%s has no context graph %q", dir, name)
	}
	return g.Spec
}
