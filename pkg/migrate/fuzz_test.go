package migrate_test

import (
	"errors"
	"os"
	"testing"

	"github.com/amigosync/amigosync/pkg/migrate"
)

// FuzzParseMap checks that no mapping file makes the parser panic, and
// that every refusal is a list of located problems.
func FuzzParseMap(f *testing.F) {
	for _, seed := range []string{"format_version: 1\n", "format_version: 1\ntools: {a: b}\n",
		"format_version: 1\ncontext_graphs:\n  g:\n    states:\n      x: {annotate: {inner_thought: t, next_state: y}}\n",
		"&a [*a]\n", "format_version: 1\ncontext_graphs: &x {g: *x}\n"} {
		f.Add([]byte(seed))
	}
	if data, err := os.ReadFile("testdata/clinic-org/map.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := migrate.ParseMap("m.yaml", data)
		var errs migrate.MapErrors
		switch {
		case err == nil && m == nil:
			t.Fatal("ParseMap returned neither a map nor an error")
		case err != nil && (!errors.As(err, &errs) || len(errs) == 0):
			t.Fatalf("ParseMap error %v is not a list of problems", err)
		}
		for _, e := range errs {
			if e.Range.Start.Line < 1 {
				t.Fatalf("problem without a line: %v", e)
			}
		}
	})
}
