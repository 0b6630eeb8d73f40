package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// generatedGraph writes a valid Platform context graph with n states: a
// chain of action, decision, data_collection and annotation states, each
// also able to go back to the first state, ending in an action state.
func generatedGraph(name string, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: amigosync/v1\nkind: ContextGraph\nmetadata:\n  name: %s\nspec:\n", name)
	b.WriteString("  description: A generated graph.\n  new_user_initial_state: s0\n  returning_user_initial_state: s0\n")
	fmt.Fprintf(&b, "  terminal_state: s%d\n  global_action_guidelines: [Be brief.]\n  states:\n", n-1)
	for i := 0; i < n-1; i++ {
		next := fmt.Sprintf("s%d", i+1)
		switch {
		case i == 0 || i%4 == 0:
			fmt.Fprintf(&b, "    - type: action\n      name: s%d\n      objective: Step %d of the conversation.\n", i, i)
			b.WriteString("      actions:\n        - description: Ask the next question.\n          filler_hint: asking\n")
			b.WriteString("      action_guidelines: [Keep it short.]\n      intra_state_navigation_guidelines: []\n      boundary_constraints: []\n")
			fmt.Fprintf(&b, "      exit_conditions:\n        - description: Answered.\n          next_state: %s\n", next)
			b.WriteString("      guardrails:\n        - name: privacy\n          description: Do not read back personal data.\n")
		case i%4 == 1:
			fmt.Fprintf(&b, "    - type: decision\n      name: s%d\n      objective: Route step %d.\n", i, i)
			fmt.Fprintf(&b, "      exit_conditions:\n        - description: Go on.\n          next_state: %s\n        - description: Start over.\n          next_state: s0\n", next)
		case i%4 == 2:
			fmt.Fprintf(&b, "    - type: data_collection\n      name: s%d\n      objective: Collect field %d.\n", i, i)
			fmt.Fprintf(&b, "      fields:\n        - key: f%d\n          type: string\n          label: Field %d\n      on_complete: %s\n", i, i, next)
		default:
			fmt.Fprintf(&b, "    - type: annotation\n      name: s%d\n      inner_thought: Noted step %d.\n      next_state: %s\n", i, i, next)
		}
	}
	fmt.Fprintf(&b, "    - type: action\n      name: s%d\n      objective: Finish.\n      actions:\n        - description: Say goodbye.\n", n-1)
	return b.String()
}

const benchGraphs, benchStates = 1000, 100

// benchFS holds 1,000 generated graphs of 100 states, one per file.
func benchFS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i < benchGraphs; i++ {
		fsys[fmt.Sprintf("graphs/g%04d.yaml", i)] = &fstest.MapFile{Data: []byte(generatedGraph(fmt.Sprintf("graph-%d", i), benchStates))}
	}
	return fsys
}

func checkBenchResult(b *testing.B, bundle *Bundle, diags Diagnostics) {
	if len(diags) > 0 || len(bundle.ContextGraphs) != benchGraphs {
		b.Fatalf("generated graphs are not valid: %d graphs, %d problems: %v", len(bundle.ContextGraphs), len(diags), diags)
	}
}

// BenchmarkValidateGraphs validates 1,000 generated graphs of 100 states
// each, end to end (read, YAML parse, schema, rules, typed decoding), and
// reports states per second and the heap the Bundle keeps.
func BenchmarkValidateGraphs(b *testing.B) {
	retained := benchmarkStates(b, func(r *run) func() (*Bundle, Diagnostics) {
		return r.checkDir
	})
	b.ReportMetric(retained/(1<<20), "retained-MiB")
}

// BenchmarkCheckParsedGraphs is BenchmarkValidateGraphs without reading and
// YAML parsing (done before the timer starts): variables, schemas, rules
// and typed decoding only.
func BenchmarkCheckParsedGraphs(b *testing.B) {
	benchmarkStates(b, func(r *run) func() (*Bundle, Diagnostics) {
		var files []parsedFile
		for _, p := range r.manifestPaths() {
			files = append(files, r.readFile(p))
		}
		return func() (*Bundle, Diagnostics) {
			return r.check(len(files), func(i int) parsedFile { return files[i] })
		}
	})
}

// benchmarkStates times the function prepare returns (prepare itself runs
// with the timer stopped) and reports states per second. It returns the
// bytes of heap the result kept, on average: meaningful only when prepare
// keeps nothing alive that the work frees.
func benchmarkStates(b *testing.B, prepare func(r *run) func() (*Bundle, Diagnostics)) (retainedBytes float64) {
	fsys := benchFS()
	v := newTestValidator(b)
	b.ResetTimer()
	var cpu time.Duration
	var retained int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		r := newRun(v, Options{}, fsys, &Bundle{})
		r.loadProject()
		work := prepare(r)
		before := heapInUse()
		b.StartTimer()
		start := processCPUTime()
		bundle, diags := work()
		cpu += processCPUTime() - start
		b.StopTimer()
		retained += heapInUse() - before
		b.StartTimer()
		checkBenchResult(b, bundle, diags)
	}
	reportStates(b, benchGraphs*benchStates*b.N, cpu)
	return float64(retained) / float64(b.N)
}

// heapInUse is the size of the live heap after a collection: the
// difference around a validation is what its Bundle keeps (the planner
// holds it for the whole run).
func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// BenchmarkValidateExample validates examples/workspace end to end (the
// project file included), as "amigosync validate examples/workspace" does:
// the cost of a realistic small project, dominated by fixed costs.
func BenchmarkValidateExample(b *testing.B) {
	fsys := os.DirFS(filepath.Join("..", "..", "examples", "workspace"))
	v := newTestValidator(b)
	states := 0
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := processCPUTime()
		bundle, diags := v.Validate(fsys, Options{})
		cpu += processCPUTime() - start
		if diags.HasErrors() || len(bundle.ContextGraphs) == 0 {
			b.Fatalf("the example is not valid: %v", diags)
		}
		for _, g := range bundle.ContextGraphs {
			states += len(g.Spec.States)
		}
	}
	reportStates(b, states, cpu)
}

// reportStates reports states per wall-clock second and, where the CPU
// time is known, per CPU second (steadier on a busy machine).
func reportStates(b *testing.B, n int, cpu time.Duration) {
	states := float64(n)
	b.ReportMetric(states/b.Elapsed().Seconds(), "states/s")
	if cpu > 0 {
		b.ReportMetric(states/cpu.Seconds(), "states/cpu-s")
	}
}

// BenchmarkParseGraphs only reads and parses the generated files with
// yaml.v3, one after the other: the one-core floor under
// BenchmarkValidateGraphs.
func BenchmarkParseGraphs(b *testing.B) {
	benchmarkStates(b, func(r *run) func() (*Bundle, Diagnostics) {
		return func() (*Bundle, Diagnostics) {
			n := 0
			for _, p := range r.manifestPaths() {
				n += len(r.readFile(p).roots)
			}
			bundle := &Bundle{ContextGraphs: make([]ContextGraph, n)}
			return bundle, nil
		}
	})
}
