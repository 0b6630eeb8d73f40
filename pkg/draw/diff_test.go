package draw_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

func TestDiff(t *testing.T) {
	base := graph("a", "z", action("a", exit("go", "b"), exit("stop", "z")), single(spec.StateRecall, "b", "z"), action("z"))
	tests := []struct {
		name          string
		before, after spec.ContextGraphSpec
		want          []string
	}{{
		name: "no change marks nothing", before: base, after: base,
		want: summary(draw.From(base)),
	}, {
		name:   "a state added and one removed, transitions with them",
		before: base,
		after:  graph("a", "z", action("a", exit("go", "c"), exit("stop", "z")), single(spec.StateAnnotation, "c", "z"), action("z")),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action changed`, `state state:c "c" annotation added`, `state state:z "z" action terminal`,
			`state state:b "b" recall removed`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → state:c "go" added`, `exit state:a → state:z "stop"`, `next state:c → state:z added`,
			`exit state:a → state:b "go" removed`, `next state:b → state:z removed`,
		},
	}, {
		name:   "a relabelled transition and a changed field",
		before: base,
		after: func() spec.ContextGraphSpec {
			g := graph("a", "z", action("a", exit("go", "b"), exit("stop now", "z")), single(spec.StateRecall, "b", "z"), action("z"))
			g.States[1].Queries = []string{"history"}
			return g
		}(),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action changed`, `state state:b "b" recall changed`, `state state:z "z" action terminal`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → state:b "go"`, `exit state:a → state:z "stop now" changed`, `next state:b → state:z`,
		},
	}, {
		name:   "a change past the shortened label still marks the transition",
		before: graph("a", "z", action("a", exit("The caller asks about a balance, and then keeps talking: one", "z")), action("z")),
		after:  graph("a", "z", action("a", exit("The caller asks about a balance, and then keeps talking: two", "z")), action("z")),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action changed`, `state state:z "z" action terminal`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → state:z "The caller asks about a balance, and then keeps…" changed`,
		},
	}, {
		name:   "moved initial state and terminal state",
		before: graph("a", "z", action("a", exit("go", "z")), action("z", exit("back", "a"))),
		after:  graph("z", "a", action("a", exit("go", "z")), action("z", exit("back", "a"))),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action terminal changed`, `state state:z "z" action changed`,
			`entry entry:new → state:z added`, `entry entry:returning → state:z added`,
			`exit state:a → state:z "go"`, `exit state:z → state:a "back"`,
			`entry entry:new → state:a removed`, `entry entry:returning → state:a removed`,
		},
	}, {
		name: "a new graph is all added", before: spec.ContextGraphSpec{},
		after: graph("a", "z", action("a", exit("go", "z")), action("z")),
		want: []string{
			`entry entry:new "new user" added`, `entry entry:returning "returning user" added`,
			`state state:a "a" action added`, `state state:z "z" action terminal added`,
			`entry entry:new → state:a added`, `entry entry:returning → state:a added`, `exit state:a → state:z "go" added`,
		},
	}, {
		name: "a removed graph is all removed", before: graph("a", "z", action("a", exit("go", "z")), action("z")),
		after: spec.ContextGraphSpec{},
		want: []string{
			`entry entry:new "new user" removed`, `entry entry:returning "returning user" removed`,
			`state state:a "a" action removed`, `state state:z "z" action terminal removed`,
			`entry entry:new → state:a removed`, `entry entry:returning → state:a removed`, `exit state:a → state:z "go" removed`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summary(draw.Diff(tt.before, tt.after))); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
		})
	}
}

// changedBilling is the Classic billing graph with a state added (verify),
// one removed (note_followup), one changed (explain's word limit), a
// transition relabelled, transitions moved, and a reference's target moved.
func changedBilling(t *testing.T) (before, after spec.ContextGraphSpec) {
	before = loadGraph(t, "testdata/valid/classic-clinic", "billing")
	after = loadGraph(t, "testdata/valid/classic-clinic", "billing")
	var states []spec.State
	for _, s := range after.States {
		switch s.Name {
		case "note_followup":
			continue
		case "greet":
			s.ExitConditions = append([]spec.ExitCondition(nil), s.ExitConditions...)
			s.ExitConditions[0] = exit("The caller asks about a balance.", "verify")
			s.ExitConditions[1].NextState.JumpBack = "decide_next"
		case "explain":
			s.WordLimit = 60
		case "decide_next":
			s.ExitConditions = []spec.ExitCondition{exit("The caller has another question.", "greet"), exit("The caller is done, and says so.", "done")}
		}
		states = append(states, s)
	}
	after.States = append(states, single(spec.StateRecall, "verify", "recall_history"))
	return before, after
}

func TestDiffGolden(t *testing.T) {
	before, after := changedBilling(t)
	p := draw.Diff(before, after)
	p.Title = "billing"
	golden.Check(t, filepath.Join("testdata", "billing-diff.mmd"), []byte(draw.Mermaid(p)))
	golden.Check(t, filepath.Join("testdata", "billing-diff.dot"), []byte(draw.DOT(p)))
}
