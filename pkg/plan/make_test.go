package plan_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestMakeGolden plans every case under testdata/cases with no API at all
// and compares each rendering with its golden file.
func TestMakeGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no plan cases found: %v", err)
	}
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			desired, live, opts := loadCase(t, file)
			p, diags := plan.Make(desired, live, opts)
			golden.Check(t, filepath.Join("testdata", "golden", name+".txt"), renderText(t, p, diags))
			var js bytes.Buffer
			if err := plan.WriteJSON(&js, p); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", name+".json"), js.Bytes())
			if !diags.HasErrors() {
				var md bytes.Buffer
				if err := plan.WriteMarkdown(&md, p, plan.MarkdownOptions{}); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "golden", name+".md"), md.Bytes())
			}
			assertOrdered(t, p)
		})
	}
}

// renderText is the text rendering with the diagnostics first, as the
// CLI prints them.
func renderText(t *testing.T, p *plan.Plan, diags spec.Diagnostics) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	if diags.HasErrors() {
		b.WriteString("(no plan: the errors above must be fixed first)\n")
		return b.Bytes()
	}
	if len(diags) > 0 {
		b.WriteString("\n")
	}
	if err := plan.WriteText(&b, p, plan.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// assertOrdered fails when a step comes before one it depends on, or
// depends on a step the plan does not have.
func assertOrdered(t *testing.T, p *plan.Plan) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range p.Steps {
		for _, d := range s.DependsOn {
			if !seen[d] {
				t.Errorf("step %s depends on %s, which does not come before it", s.ID, d)
			}
		}
		if seen[s.ID] {
			t.Errorf("step %s appears twice", s.ID)
		}
		seen[s.ID] = true
	}
}
