package migrate_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
)

// TestTranslateIsPure checks that Translate leaves its Source as it was
// (inlining and the mapping file rewrite copies) and gives the same result
// every time.
func TestTranslateIsPure(t *testing.T) {
	opts := migrate.Options{InlineReferences: true, Map: clinicMap(t)}
	src := clinic(t)
	before := clinic(t)
	first := translate(t, src, opts)
	if diff := cmp.Diff(before, src); diff != "" {
		t.Fatalf("Translate changed its Source (-before +after):\n%s", diff)
	}
	second := translate(t, src, opts)
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("two translations differ (-first +second):\n%s", diff)
	}
	var a, b bytes.Buffer
	if err := first.Report.WriteMarkdown(&a); err != nil {
		t.Fatal(err)
	}
	if err := second.Report.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two reports of the same translation differ")
	}
}
