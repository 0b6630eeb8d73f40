package migrate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/migratetest"
	"github.com/amigosync/amigosync/pkg/spec"
)

// org loads an organization from Classic manifests given by path
// (context-graphs/NAME/vN.yaml, ...). Without an org.yaml, one is made
// with the id of each resource being its name padded to 24 characters
// with zeros (graph g is 00000000000000000000000g... in hex: see id).
func org(t *testing.T, files map[string]string) migrate.Source {
	t.Helper()
	fsys := fstest.MapFS{}
	ids := map[string]map[string]bool{}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(data)}
		parts := strings.Split(p, "/")
		if len(parts) >= 2 {
			name := strings.TrimSuffix(parts[1], ".yaml")
			if ids[parts[0]] == nil {
				ids[parts[0]] = map[string]bool{}
			}
			ids[parts[0]][name] = true
		}
	}
	if _, ok := files["org.yaml"]; !ok {
		var b strings.Builder
		b.WriteString("organization: test\nids:\n")
		for _, k := range []struct{ dir, key string }{{"agents", "agents"}, {"context-graphs", "context_graphs"}, {"services", "services"}} {
			fmt.Fprintf(&b, "  %s:\n", k.key)
			names := make([]string, 0, len(ids[k.dir]))
			for n := range ids[k.dir] {
				names = append(names, n)
			}
			slices.Sort(names)
			for _, n := range names {
				fmt.Fprintf(&b, "    %s: %s\n", n, id(n))
			}
		}
		fsys["org.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	src, err := migratetest.LoadSource(fsys, newValidator(t))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// id is the live id org gives a resource: its name in hex, padded.
func id(name string) string {
	h := fmt.Sprintf("%x", name)
	if len(h) > 24 {
		return h[:24]
	}
	return strings.Repeat("0", 24-len(h)) + h
}

// graph is a Classic context graph manifest; states and the rest of the
// spec are YAML indented by two spaces under spec.
func graph(name, terminal, specYAML string) string {
	return graphFrom(name, "start", terminal, specYAML)
}

// graphFrom is graph with another initial state.
func graphFrom(name, initial, terminal, specYAML string) string {
	return fmt.Sprintf(`apiVersion: amigosync/v1
kind: ContextGraph
metadata:
  name: %s
spec:
  description: Graph %s.
  new_user_initial_state: %s
  returning_user_initial_state: %s
  terminal_state: %s
%s`, name, name, initial, initial, terminal, specYAML)
}

// endState is an action state called name that ends a graph.
func endState(name string) string {
	return fmt.Sprintf(`    - type: action
      name: %s
      objective: End.
      actions: [Say goodbye.]
`, name)
}

// translate runs Translate with the shared validator.
func translate(t *testing.T, src migrate.Source, opts migrate.Options) *migrate.Result {
	t.Helper()
	opts.Validator = newValidator(t)
	res, err := migrate.Translate(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func parseMap(t *testing.T, data string) *migrate.Map {
	t.Helper()
	m, err := migrate.ParseMap("map.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// report returns the report about one resource.
func report(t *testing.T, res *migrate.Result, k spec.Kind, name string) *migrate.ResourceReport {
	t.Helper()
	r, ok := res.Report.Resource(k, name)
	if !ok {
		t.Fatalf("the report has no %s %s", k.Noun(), name)
	}
	return r
}

// finding returns the finding about field with the outcome, or fails.
func finding(t *testing.T, r *migrate.ResourceReport, o migrate.Outcome, field string) migrate.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Outcome == o && f.Field == field {
			return f
		}
	}
	var have []string
	for _, f := range r.Findings {
		have = append(have, string(f.Outcome)+" "+f.Field)
	}
	t.Fatalf("%s %s has no %s finding about %s; it has:\n%s", r.Kind.Noun(), r.Name, o, field, strings.Join(have, "\n"))
	return migrate.Finding{}
}

// lastGraph returns the newest translated version of a graph.
func lastGraph(t *testing.T, res *migrate.Result, name string) spec.ContextGraphSpec {
	t.Helper()
	for _, g := range res.ContextGraphs {
		if g.Name == name {
			if v, ok := g.Last(); ok {
				return v.Spec
			}
		}
	}
	t.Fatalf("no translated context graph %s", name)
	return spec.ContextGraphSpec{}
}

// toolCallState is a Classic tool-call state called call that leads to end.
const toolCallState = `    - type: tool-call
      name: call
      next_state: end
      designated_tool:
        tool_id: 5f1e2d3c4b5a69788796a5b5
        version_constraint: ">=1"
        additional_instruction: Look it up.
        audio_filler_triggered_after: 1
        result_persistence: ephemeral
      designated_tool_call_params_generation_audio_filler_triggered_after: 1
      designated_tool_call_objective: Look it up.
      designated_tool_call_context: None.
`
