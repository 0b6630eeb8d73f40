// Package draw turns a context graph into a picture: a small model of nodes
// and edges (Picture) built from a spec.ContextGraphSpec of either dialect,
// rendered as a Mermaid flowchart or as Graphviz DOT.
//
// A state is drawn in the shape of its type, the same in both syntaxes:
//
//	state type        Mermaid               DOT
//	action            rounded box ("…")     box, style=rounded
//	terminal state    stadium (["…"]), bold box, style="rounded,bold", peripheries=2
//	decision          rhombus {"…"}         diamond
//	recall            cylinder [("…")]      cylinder
//	annotation        flag >"…"]            note
//	reflection        hexagon {{"…"}}       hexagon
//	tool-call         subroutine [["…"]]    component
//	data_collection   parallelogram [/"…"/] parallelogram
//	(other)           box ["…"]             box
//
// Besides the states there are entry nodes ("new user", "returning user",
// circles in Mermaid, ellipses in DOT) pointing at the two initial states; jump nodes (trapezoids,
// dashed) for a Classic transition into a referenced graph
// (["ref.state", "jumpback"]), with a dotted "jump back" edge to the state
// the conversation resumes in; and, only for a graph that does not validate,
// a dashed "no such state" node for a transition to a state that does not
// exist. An exit condition's edge is labelled with its description,
// shortened; a single successor (next_state, on_complete) is an unlabelled
// edge.
//
// Diff draws a change between two versions in one picture: states and
// transitions that were added, removed or changed carry a Mark, shown with
// Mermaid classDef/linkStyle styles or DOT colours, and as a "+ ", "- " or
// "~ " prefix of the label, so the change reads without colour too.
//
// Every piece of text from the graph is escaped for the syntax it is
// written in: nothing in a state name or a description can end a label,
// start a statement or be taken for markup. The package does no I/O beyond
// writing to the io.Writer it is given, and knows nothing about manifests'
// files or the APIs.
package draw
