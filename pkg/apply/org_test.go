package apply_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
)

// orgSize is the shape of a generated organization: agents, context
// graphs of states states each, and services (each on the agent and the
// graph of its own number).
type orgSize struct {
	agents, graphs, states, services int
}

// managed is how many containers a plan of the org reads a version of.
func (s orgSize) managed() int { return s.agents + s.graphs }

// writeOrg writes a project of dialect d with the shape of size into dir
// (emptied first): init's project file and agent, renamed; generated
// context graphs, a chain of action states; services pinning `current`.
func writeOrg(t testing.TB, dir string, d spec.Dialect, size orgSize) {
	t.Helper()
	if size.services > min(size.agents, size.graphs) || size.states < 2 {
		t.Fatalf("org %+v: each service needs its own agent and graph, and a graph two states", size)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := scaffold.Write(dir, d); err != nil {
		t.Fatal(err)
	}
	agent := readFile(t, filepath.Join(dir, "agents", "assistant.yaml"))
	for _, f := range []string{"agents/assistant.yaml", "context-graphs/front-desk.yaml", "services/front-desk.yaml"} {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{}
	for i := range size.agents {
		files[filepath.Join("agents", agentName(i)+".yaml")] = strings.Replace(agent, "name: assistant\n", "name: "+agentName(i)+"\n", 1)
	}
	for i := range size.graphs {
		files[filepath.Join("context-graphs", graphName(i)+".yaml")] = graphManifest(d, i, size.states)
	}
	for i := range size.services {
		files[filepath.Join("services", fmt.Sprintf("service-%03d.yaml", i))] = serviceManifest(i)
	}
	for name, doc := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func agentName(i int) string { return fmt.Sprintf("agent-%03d", i) }
func graphName(i int) string { return fmt.Sprintf("graph-%03d", i) }

// readFile returns a file's content; a missing file fails the test.
func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// graphManifest is context graph number n of dialect d: states action
// states s00 → s01 → … , the last one terminal (one action, no exit).
func graphManifest(d spec.Dialect, n, states int) string {
	var b strings.Builder
	last := states - 1
	fmt.Fprintf(&b, `apiVersion: amigosync/v1
kind: ContextGraph
metadata:
  name: %s
spec:
  description: Benchmark graph %d, a chain of %d states.
  new_user_initial_state: %s
  returning_user_initial_state: %s
  terminal_state: %s
`, graphName(n), n, states, stateName(0), stateName(0), stateName(last))
	if d == spec.DialectClassic {
		b.WriteString("  references: {}\n")
	}
	b.WriteString(`  global_intra_state_navigation_guidelines: []
  global_action_guidelines:
    - Confirm what you heard before you move on.
  global_boundary_constraints:
    - Never share another caller's details.
  states:
`)
	for i := range states {
		action := fmt.Sprintf("Handle step %d of benchmark graph %d and say what comes next.", i, n)
		if d == spec.DialectPlatform {
			action = "description: " + action
		}
		fmt.Fprintf(&b, "    - type: action\n      name: %s\n      objective: Finish step %d.\n      actions:\n        - %s\n", stateName(i), i, action)
		if i < last {
			fmt.Fprintf(&b, "      exit_conditions:\n        - description: Step %d is done.\n          next_state: %s\n", i, stateName(i+1))
		}
	}
	return b.String()
}

func stateName(i int) string { return fmt.Sprintf("s%02d", i) }

// serviceManifest is service number n on the agent and graph of its
// number, its release set pinning the current versions.
func serviceManifest(n int) string {
	return fmt.Sprintf(`apiVersion: amigosync/v1
kind: Service
metadata:
  name: service-%03d
spec:
  agent: %s
  context_graph: %s
  description: Benchmark service %d.
  version_sets:
    release:
      agent: current
      context_graph: current
`, n, agentName(n), graphName(n), n)
}
