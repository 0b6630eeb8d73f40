package apply_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/scaffold"
	"github.com/amigosync/amigosync/pkg/spec"
)

// benchWindow is the scaled rate-limit "minute" of the benchmark: the
// documented limits hold per second, on the real clock.
const benchWindow = time.Second

// benchContainers is how many agents and how many context graphs get a
// new version in each measured apply.
const benchContainers = 30

// BenchmarkApplyClassicVersions applies 30 new agent versions and 30 new
// context graph versions on a Classic emulator enforcing the documented
// limits (10 version creations per window and endpoint) on a one-second
// window, and reports the wall time of the apply against the bound of
// the slowest endpoint, the 429 answers received and the requests made.
//
//	go test ./pkg/apply -run '^$' -bench ApplyClassicVersions -benchtime 1x
func BenchmarkApplyClassicVersions(b *testing.B) {
	b.StopTimer() // only the applies are timed
	w := startWorld(b, spec.DialectClassic, clockOf{window: benchWindow, kit: emukit.Options{Window: benchWindow}})
	benchProject(b, w.dir)
	w.apply(b, plan.Options{}) // the containers and their first versions, not measured
	limit := createVersionLimit(b)
	// The slowest endpoint sends benchContainers creations at limit per
	// window: the last batch cannot start before this.
	bound := time.Duration((benchContainers+limit-1)/limit-1) * benchWindow
	var wall time.Duration
	var tooMany, requests int
	for i := range b.N {
		for _, f := range benchFiles(b, w.dir) {
			w.edit(b, f, "benchmark round", fmt.Sprintf("benchmark round %d,", i))
		}
		p, live := w.plan(b, plan.Options{})
		if got := p.Counts().NewVersion; got != 2*benchContainers {
			b.Fatalf("the plan has %d new versions, want %d", got, 2*benchContainers)
		}
		// Let the budget of the writes just made run out, as it has by
		// the time a person applies: the bound assumes a fresh window.
		time.Sleep(benchWindow + benchWindow/20)
		before := w.kit.Stats()
		start := time.Now()
		b.StartTimer()
		rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache})
		b.StopTimer()
		wall += time.Since(start)
		if err != nil || !rep.Complete() {
			b.Fatalf("apply: %v %v", err, rep.Err())
		}
		t, r := delta(before, w.kit.Stats())
		tooMany, requests = tooMany+t, requests+r
	}
	perRun := wall / time.Duration(b.N)
	b.ReportMetric(float64(perRun)/float64(bound), "x-bound")
	b.ReportMetric(float64(tooMany)/float64(b.N), "429s/op")
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.Logf("%d agent and %d context graph versions: %s per apply, bound %s (%.2f×), %d 429s, %d requests",
		benchContainers, benchContainers, perRun.Round(time.Millisecond), bound, float64(perRun)/float64(bound), tooMany/b.N, requests/b.N)
}

// createVersionLimit is the documented limit of Classic's create agent
// version endpoint (the same as the context graph one's).
func createVersionLimit(b *testing.B) int {
	e, ok := classic.LookupEndpoint(classic.EndpointCreateAgentVersion)
	if !ok || e.Limit == 0 {
		b.Fatal("no documented limit for creating agent versions")
	}
	if g, _ := classic.LookupEndpoint(classic.EndpointCreateSHSMVersion); g.Limit != e.Limit {
		b.Fatalf("the version endpoints' limits differ: %d and %d", e.Limit, g.Limit)
	}
	return e.Limit
}

// benchProject writes a Classic project of benchContainers agents and as
// many context graphs (init's examples, renamed), no service.
func benchProject(b *testing.B, dir string) {
	b.Helper()
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	if _, err := scaffold.Write(dir, spec.DialectClassic); err != nil {
		b.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "services")); err != nil {
		b.Fatal(err)
	}
	for _, kind := range []struct{ file, name, field string }{
		{"agents/assistant.yaml", "assistant", "  background: "},
		{"context-graphs/front-desk.yaml", "front-desk", "  description: "},
	} {
		src, err := os.ReadFile(filepath.Join(dir, kind.file))
		if err != nil {
			b.Fatal(err)
		}
		doc := strings.Replace(string(src), kind.field, kind.field+"benchmark round ", 1)
		for i := range benchContainers {
			name := fmt.Sprintf("%s-%02d", kind.name, i)
			one := strings.Replace(doc, "name: "+kind.name+"\n", "name: "+name+"\n", 1)
			if err := os.WriteFile(filepath.Join(dir, filepath.Dir(kind.file), name+".yaml"), []byte(one), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.Remove(filepath.Join(dir, kind.file)); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFiles lists the project's manifests (relative to dir).
func benchFiles(b *testing.B, dir string) []string {
	var files []string
	for _, sub := range []string{"agents", "context-graphs"} {
		es, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range es {
			files = append(files, filepath.Join(sub, e.Name()))
		}
	}
	return files
}

// delta counts the 429 answers and all the requests between two
// snapshots of the emulator's counters.
func delta(before, after emukit.Stats) (tooMany, requests int) {
	for ep, byStatus := range after {
		for status, n := range byStatus {
			d := n - before[ep][status]
			requests += d
			if status == 429 {
				tooMany += d
			}
		}
	}
	return tooMany, requests
}
