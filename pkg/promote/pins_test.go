package promote

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

var (
	agent4 = backend.Container{Kind: spec.KindAgent, ID: "a1", Name: "assistant", Latest: 4}
	graph1 = backend.Container{Kind: spec.KindContextGraph, ID: "g1", Name: "front-desk", Latest: 1}
	graph0 = backend.Container{Kind: spec.KindContextGraph, ID: "g0", Name: "empty", Latest: 0}
	latest = spec.Pin{Kind: spec.PinLatest}
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name    string
		set     spec.VersionSet
		graph   backend.Container
		want    Pins
		wantErr string
	}{
		{"numbers that exist", spec.VersionSet{Agent: spec.NumberPin(3), ContextGraph: spec.NumberPin(1)}, graph1, Pins{3, 1}, ""},
		{"latest becomes the latest number", spec.VersionSet{Agent: latest, ContextGraph: latest}, graph1, Pins{4, 1}, ""},
		{"a missing agent version", spec.VersionSet{Agent: spec.NumberPin(7), ContextGraph: latest}, graph1, Pins{7, 1},
			"service front-desk: version set staging pins agent assistant v7, which does not exist (its versions are 1 to 4)"},
		{"a missing graph version", spec.VersionSet{Agent: latest, ContextGraph: spec.NumberPin(2)}, graph1, Pins{4, 2},
			"service front-desk: version set staging pins context graph front-desk v2, which does not exist (its only version is 1)"},
		{"latest of a graph without versions", spec.VersionSet{Agent: latest, ContextGraph: latest}, graph0, Pins{4, 0},
			"service front-desk: version set staging pins the latest version of context graph empty, which has no version yet"},
		{"current is a manifest's word", spec.VersionSet{Agent: spec.Pin{Kind: spec.PinCurrent}, ContextGraph: latest}, graph1, Pins{0, 1},
			`service front-desk: version set staging pins agent assistant as "current", which is not a version number`},
		{"version 0", spec.VersionSet{Agent: spec.NumberPin(0), ContextGraph: latest}, graph1, Pins{0, 1},
			"service front-desk: version set staging pins agent assistant v0, which does not exist (its versions are 1 to 4)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve("front-desk", "staging", tt.set, agent4, tt.graph)
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("error %q, want %q", msg, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("pins %v, want %v", got, tt.want)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestParseRollback(t *testing.T) {
	tests := []struct {
		name                       string
		to                         string
		previous, agentOnly, graph bool
		want                       Rollback
		wantErr                    string
	}{
		{"previous, both", "", true, false, false, Rollback{Agent: true, ContextGraph: true, Previous: true}, ""},
		{"previous, agent only", "", true, true, false, Rollback{Agent: true, Previous: true}, ""},
		{"to N: both", "3", false, false, false, Rollback{Agent: true, ContextGraph: true, ToAgent: 3, ToContextGraph: 3}, ""},
		{"to N: graph only", "2", false, false, true, Rollback{ContextGraph: true, ToAgent: 2, ToContextGraph: 2}, ""},
		{"agent and graph apart", "agent=3,graph=5", false, false, false, Rollback{Agent: true, ContextGraph: true, ToAgent: 3, ToContextGraph: 5}, ""},
		{"agent part alone", "agent=3", false, false, false, Rollback{Agent: true, ToAgent: 3}, ""},
		{"context_graph spelled out", "context_graph=2", false, false, false, Rollback{ContextGraph: true, ToContextGraph: 2}, ""},
		{"part against --graph-only", "agent=3", false, false, true, Rollback{}, "--to agent=3 moves a pin that --agent-only or --graph-only leaves alone"},
		{"neither", "", false, false, false, Rollback{}, "say where to roll back to: --previous, or --to N (or --to agent=N,graph=M)"},
		{"both ways", "3", true, false, false, Rollback{}, "--previous and --to exclude each other: choose one"},
		{"both onlys", "", true, true, true, Rollback{}, "--agent-only and --graph-only exclude each other; without either, both pins move"},
		{"zero", "0", false, false, false, Rollback{}, "--to 0: a version number is 1 or more"},
		{"not a number", "agent=x", false, false, false, Rollback{}, `--to agent=x: "agent=x" is not agent=N or graph=N with N a version number (or a plain N for both)`},
		{"unknown part", "tool=3", false, false, false, Rollback{}, `--to tool=3: "tool" names neither agent nor graph`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRollback(tt.to, tt.previous, tt.agentOnly, tt.graph)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("error %q, want %q", msg, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("rollback %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRollbackApply(t *testing.T) {
	graph3 := backend.Container{Kind: spec.KindContextGraph, ID: "g3", Name: "front-desk", Latest: 3}
	set := func(a, g spec.Pin) spec.VersionSet { return spec.VersionSet{Agent: a, ContextGraph: g} }
	n := spec.NumberPin
	tests := []struct {
		name    string
		r       Rollback
		set     spec.VersionSet
		want    spec.VersionSet
		wantErr string
		graph   backend.Container // graph3 when zero
	}{
		{"previous of both", Rollback{Agent: true, ContextGraph: true, Previous: true}, set(n(3), n(2)), set(n(2), n(1)), "", backend.Container{}},
		{"previous of latest", Rollback{Agent: true, ContextGraph: true, Previous: true}, set(latest, latest), set(n(3), n(2)), "", backend.Container{}},
		{"agent only leaves latest of the graph", Rollback{Agent: true, Previous: true}, set(n(4), latest), set(n(3), latest), "", backend.Container{}},
		{"previous of a pin past the latest", Rollback{Agent: true, Previous: true}, set(n(9), n(1)), set(n(4), n(1)), "", backend.Container{}},
		{"no earlier version", Rollback{Agent: true, ContextGraph: true, Previous: true}, set(n(2), n(1)), spec.VersionSet{},
			"service front-desk: version set release pins context graph front-desk v1, and no earlier version exists to roll back to (--agent-only rolls back the agent alone)", graph1},
		{"to N", Rollback{Agent: true, ContextGraph: true, ToAgent: 2, ToContextGraph: 2}, set(n(4), n(3)), set(n(2), n(2)), "", backend.Container{}},
		{"to a missing version", Rollback{Agent: true, ToAgent: 5}, set(n(4), n(3)), spec.VersionSet{},
			"service front-desk: cannot pin agent assistant v5 in version set release: that version does not exist (its versions are 1 to 4)", backend.Container{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph3
			if tt.graph.ID != "" {
				g = tt.graph
			}
			got, err := tt.r.Apply("front-desk", "release", tt.set, agent4, g)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("error %q, want %q", msg, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); err == nil && diff != "" {
				t.Errorf("set (-want +got):\n%s", diff)
			}
		})
	}
}
