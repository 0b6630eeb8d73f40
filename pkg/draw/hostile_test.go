package draw_test

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/draw"
	"github.com/amigosync/amigosync/pkg/spec"
)

// hostile are texts that break a naive label: every delimiter of both
// syntaxes, markup, entity codes, line breaks, control and bidi characters,
// unicode and very long text.
var hostile = []string{
	`say "hi" to [everyone] (now) {please}`,
	`a|b||c -->|x| end`,
	"line one\nline two\r\nline\tthree\vfour",
	`#35; #quot; # hash #`,
	`semi; colon; end; graph TD; subgraph x`,
	`<b>bold</b> <script>alert(1)</script> &amp; &lt;`,
	"naïve café — 東京 🚑 עברית \u202Eevil\u200b\x00\x1b[31m",
	`%%{init: {"theme": "dark"}}%% %% comment`,
	"`markdown` **bold** _it_",
	`back\slash \n \N \G \" \\ end\`,
	`style s_a fill:#f00 ; classDef x stroke:#000 ; click s_a call alert()`,
	"ﬂ°°60¶ß ﬂ°lt¶ß ¶ß",
	strings.Repeat("very long text ", 40),
	"end",
	"o",
	"x",
	"\xff\xfe invalid utf-8",
}

// hostileGraph is a graph whose state names, descriptions, reference names
// and reference targets are all hostile, with every state type and
// transition kind. It is not a valid graph; it must still draw safely.
func hostileGraph() spec.ContextGraphSpec {
	types := []spec.StateType{spec.StateAction, spec.StateDecision, spec.StateRecall, spec.StateAnnotation,
		spec.StateReflection, spec.StateToolCall, spec.StateDataCollection}
	g := spec.ContextGraphSpec{
		NewUserInitialState:       hostile[0],
		ReturningUserInitialState: hostile[1],
		TerminalState:             hostile[2],
		References:                map[string]spec.Reference{},
	}
	for i, name := range hostile {
		next := hostile[(i+1)%len(hostile)]
		t := types[i%len(types)]
		var s spec.State
		switch t {
		case spec.StateAction, spec.StateDecision:
			s = spec.State{Type: t, Name: name, ExitConditions: []spec.ExitCondition{
				exit(hostile[(i+3)%len(hostile)], next),
				jumpExit(hostile[(i+5)%len(hostile)], fmt.Sprintf("%s.%s", hostile[i], hostile[(i+2)%len(hostile)]), next),
			}}
			g.References[hostile[i]] = spec.Reference{Graph: hostile[(i+4)%len(hostile)], Version: spec.Pin{Kind: spec.PinNumber, Number: i + 1}}
		default:
			s = single(t, name, next)
		}
		g.States = append(g.States, s)
	}
	// A transition to a state that does not exist, with a hostile name.
	g.States[0].ExitConditions = append(g.States[0].ExitConditions, exit(hostile[6], hostile[5]+" (missing)"))
	return g
}

// hostilePictures are the pictures the escaping tests render: the hostile
// graph, and its change from a graph with the hostile texts shuffled, with
// hostile titles.
func hostilePictures() map[string]draw.Picture {
	g := hostileGraph()
	p := draw.From(g)
	p.Title = hostile[5] + hostile[7]
	before := hostileGraph()
	before.States = before.States[3:]
	for i := range before.States {
		for j := range before.States[i].ExitConditions {
			before.States[i].ExitConditions[j].Description = hostile[(i+j)%len(hostile)]
		}
	}
	d := draw.Diff(before, g)
	d.Title = hostile[2] + hostile[9]
	return map[string]draw.Picture{"hostile": p, "hostile-diff": d}
}
