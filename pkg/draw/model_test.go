package draw_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// summary writes a picture one node or edge per line, for comparisons.
func summary(p draw.Picture) []string {
	kinds := map[draw.NodeKind]string{draw.NodeState: "state", draw.NodeEntry: "entry", draw.NodeJump: "jump", draw.NodeMissing: "missing"}
	edges := map[draw.EdgeKind]string{draw.EdgeExit: "exit", draw.EdgeNext: "next", draw.EdgeJumpBack: "back", draw.EdgeEntry: "entry"}
	var out []string
	for _, n := range p.Nodes {
		s := fmt.Sprintf("%s %s %q", kinds[n.Kind], n.Key, strings.Join(n.Lines, " / "))
		if n.Type != "" {
			s += " " + string(n.Type)
		}
		if n.Terminal {
			s += " terminal"
		}
		if n.Mark != draw.Unchanged {
			s += " " + n.Mark.String()
		}
		out = append(out, s)
	}
	for _, e := range p.Edges {
		s := fmt.Sprintf("%s %s → %s", edges[e.Kind], e.From, e.To)
		if e.Label != "" {
			s += fmt.Sprintf(" %q", e.Label)
		}
		if e.Mark != draw.Unchanged {
			s += " " + e.Mark.String()
		}
		out = append(out, s)
	}
	return out
}

func action(name string, exits ...spec.ExitCondition) spec.State {
	return spec.State{Type: spec.StateAction, Name: name, ExitConditions: exits}
}

func exit(desc, to string) spec.ExitCondition {
	return spec.ExitCondition{Description: desc, NextState: spec.NextState{State: to}}
}

func jumpExit(desc, external, back string) spec.ExitCondition {
	return spec.ExitCondition{Description: desc, NextState: spec.NextState{External: external, JumpBack: back}}
}

func single(t spec.StateType, name, next string) spec.State {
	s := spec.State{Type: t, Name: name}
	if t == spec.StateDataCollection {
		s.OnComplete = next
	} else {
		s.NextState = &spec.NextState{State: next}
	}
	return s
}

func graph(initial, terminal string, states ...spec.State) spec.ContextGraphSpec {
	return spec.ContextGraphSpec{NewUserInitialState: initial, ReturningUserInitialState: initial, TerminalState: terminal, States: states}
}

func TestFrom(t *testing.T) {
	refs := map[string]spec.Reference{"pay": {Graph: "payments", Version: pin(2)}, "old": {ID: "65a1b2c3d4e5f60718293a4b", Version: pin(7)}}
	tests := []struct {
		name string
		g    spec.ContextGraphSpec
		want []string
	}{{
		name: "entry points and terminal",
		g: spec.ContextGraphSpec{NewUserInitialState: "a", ReturningUserInitialState: "b", TerminalState: "c",
			States: []spec.State{action("a", exit("go", "c")), action("b", exit("go on", "c")), action("c")}},
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:b "b" action`, `state state:c "c" action terminal`,
			`entry entry:new → state:a`, `entry entry:returning → state:b`,
			`exit state:a → state:c "go"`, `exit state:b → state:c "go on"`,
		},
	}, {
		name: "every single-successor type, unlabelled",
		g: graph("a", "z", action("a", exit("start", "r")), single(spec.StateRecall, "r", "n"), single(spec.StateAnnotation, "n", "f"),
			single(spec.StateReflection, "f", "t"), single(spec.StateToolCall, "t", "d"), single(spec.StateDataCollection, "d", "z"), action("z")),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:r "r" recall`, `state state:n "n" annotation`, `state state:f "f" reflection`,
			`state state:t "t" tool-call`, `state state:d "d" data_collection`, `state state:z "z" action terminal`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → state:r "start"`, `next state:r → state:n`, `next state:n → state:f`, `next state:f → state:t`,
			`next state:t → state:d`, `next state:d → state:z`,
		},
	}, {
		name: "jumps into references share a node per jump-back, with one jump-back edge",
		g: func() spec.ContextGraphSpec {
			g := graph("a", "z",
				action("a", jumpExit("pay", "pay.start", "z"), jumpExit("pay again", "pay.start", "z"), jumpExit("old", "old.lookup", "a")),
				spec.State{Type: spec.StateRecall, Name: "r", NextState: &spec.NextState{External: "pay.start", JumpBack: "a"}},
				action("z"))
			g.References = refs
			return g
		}(),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:r "r" recall`, `state state:z "z" action terminal`,
			`jump jump:pay.start>z "pay.start / graph payments, version 2"`,
			`jump jump:old.lookup>a "old.lookup / graph id 65a1b2c3d4e5f60718293a4b, version 7"`,
			`jump jump:pay.start>a "pay.start / graph payments, version 2"`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → jump:pay.start>z "pay"`, `back jump:pay.start>z → state:z "jump back"`,
			`exit state:a → jump:pay.start>z "pay again"`,
			`exit state:a → jump:old.lookup>a "old"`, `back jump:old.lookup>a → state:a "jump back"`,
			`next state:r → jump:pay.start>a`, `back jump:pay.start>a → state:a "jump back"`,
		},
	}, {
		name: "a reference pinning current",
		g: func() spec.ContextGraphSpec {
			g := graph("a", "z", action("a", jumpExit("pay", "pay.start", "z")), action("z"))
			g.References = map[string]spec.Reference{"pay": {Graph: "payments", Version: spec.Pin{Kind: spec.PinCurrent}}}
			return g
		}(),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:z "z" action terminal`,
			`jump jump:pay.start>z "pay.start / graph payments, version current"`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → jump:pay.start>z "pay"`, `back jump:pay.start>z → state:z "jump back"`,
		},
	}, {
		name: "an invalid graph is drawn whole: missing states, unknown reference, duplicate names",
		g: graph("nowhere", "z", action("a", exit("x", "gone"), jumpExit("y", "nope.s", "lost")), action("a", exit("dup", "z")),
			spec.State{Type: "strange", Name: "q"}),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:q "q" strange`,
			`missing state:nowhere "nowhere / (no such state)"`,
			`missing state:gone "gone / (no such state)"`,
			`jump jump:nope.s>lost "nope.s / (no such reference)"`,
			`missing state:lost "lost / (no such state)"`,
			`entry entry:new → state:nowhere`, `entry entry:returning → state:nowhere`,
			`exit state:a → state:gone "x"`, `exit state:a → jump:nope.s>lost "y"`, `back jump:nope.s>lost → state:lost "jump back"`,
		},
	}, {
		name: "long descriptions are shortened at a word, white space folded",
		g:    graph("a", "z", action("a", exit("The caller\nasks\tabout a   balance, and then keeps talking for a long while about other things.", "z")), action("z")),
		want: []string{
			`entry entry:new "new user"`, `entry entry:returning "returning user"`,
			`state state:a "a" action`, `state state:z "z" action terminal`,
			`entry entry:new → state:a`, `entry entry:returning → state:a`,
			`exit state:a → state:z "The caller asks about a balance, and then keeps…"`,
		},
	}, {
		name: "an empty graph is an empty picture",
		g:    spec.ContextGraphSpec{},
		want: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summary(draw.From(tt.g))); diff != "" {
				t.Errorf("From (-want +got):\n%s", diff)
			}
		})
	}
}

func pin(n int) spec.Pin { return spec.Pin{Kind: spec.PinNumber, Number: n} }
