package draw

import (
	"encoding/json"
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Picture is a drawing of one context graph (or of the change between two
// versions of it): nodes in the order they are drawn, and edges between
// them by node key.
type Picture struct {
	// Title names the graph; it is written as a comment (Mermaid) or the
	// graph's name (DOT). Empty for none.
	Title string
	Nodes []Node
	Edges []Edge
}

// NodeKind says what a node stands for.
type NodeKind int

// The node kinds.
const (
	// NodeState is a state of the graph.
	NodeState NodeKind = iota + 1
	// NodeEntry is where a new or a returning user starts.
	NodeEntry
	// NodeJump is a state of a referenced graph that a transition jumps to
	// (Classic), together with the state it comes back to.
	NodeJump
	// NodeMissing is a state a transition names but the graph lacks (only
	// in a graph that does not validate).
	NodeMissing
)

// Mark says how a node or an edge changed in a Diff.
type Mark int

// The marks. The zero Mark is an unchanged part.
const (
	Unchanged Mark = iota
	Added
	Removed
	Changed
)

// String returns "unchanged", "added", "removed" or "changed".
func (m Mark) String() string {
	switch m {
	case Added:
		return "added"
	case Removed:
		return "removed"
	case Changed:
		return "changed"
	}
	return "unchanged"
}

// prefix is the text a mark puts before a label, so that the change reads
// without colour.
func (m Mark) prefix() string {
	switch m {
	case Added:
		return "+ "
	case Removed:
		return "- "
	case Changed:
		return "~ "
	}
	return ""
}

// Node is one box of the picture.
type Node struct {
	// Key identifies the node across pictures of two versions of a graph:
	// "state:NAME", "entry:new", "entry:returning", "jump:REF.STATE>BACK".
	Key  string
	Kind NodeKind
	// Type is the state's type (NodeState only); it chooses the shape.
	Type spec.StateType
	// Lines is the label, one plain-text line each (escaped when rendered).
	Lines []string
	// Terminal marks the graph's terminal state.
	Terminal bool
	Mark     Mark
	// content fingerprints what the node stands for, so that Diff can tell
	// a changed state from an unchanged one.
	content string
}

// EdgeKind says what an edge stands for.
type EdgeKind int

// The edge kinds.
const (
	// EdgeExit is an exit condition of an action or decision state.
	EdgeExit EdgeKind = iota + 1
	// EdgeNext is the single successor of recall, annotation, reflection,
	// tool-call (next_state) and data_collection (on_complete) states.
	EdgeNext
	// EdgeJumpBack leads from a jump node back into the graph.
	EdgeJumpBack
	// EdgeEntry leads from an entry node to an initial state.
	EdgeEntry
)

// Edge is one arrow of the picture.
type Edge struct {
	// From and To are node keys.
	From, To string
	Kind     EdgeKind
	// Label is plain text (shortened, escaped when rendered); empty for
	// none.
	Label string
	Mark  Mark
	// key identifies the edge across pictures of two versions; text is
	// the label before it was shortened, so that Diff sees any change.
	key, text string
}

// Longest label texts, in characters; longer ones are shortened at a word
// boundary with an ellipsis.
const (
	maxEdgeLabel = 48
	maxNodeLabel = 64
)

// From draws one version of a context graph.
func From(g spec.ContextGraphSpec) Picture {
	b := builder{g: &g, index: map[string]int{}}
	b.entries()
	var drawn []*spec.State
	for i := range g.States {
		if b.state(&g.States[i]) {
			drawn = append(drawn, &g.States[i])
		}
	}
	b.entryEdges()
	for _, s := range drawn {
		b.transitions(s)
	}
	return b.pic
}

// builder accumulates a Picture, keeping each node and edge key once.
type builder struct {
	g     *spec.ContextGraphSpec
	pic   Picture
	index map[string]int // node key → position in pic.Nodes
	edges map[string]int // edge key → occurrences so far
}

// addNode adds n unless a node with its key exists (a duplicate state
// name: the graph is invalid, and the first state is drawn), and reports
// whether it did.
func (b *builder) addNode(n Node) bool {
	if _, ok := b.index[n.Key]; ok {
		return false
	}
	b.index[n.Key] = len(b.pic.Nodes)
	b.pic.Nodes = append(b.pic.Nodes, n)
	return true
}

// addEdge adds an edge; once says that an edge with the same endpoints and
// kind is drawn once however often it occurs (jump-back edges).
func (b *builder) addEdge(e Edge, once bool) {
	if b.edges == nil {
		b.edges = map[string]int{}
	}
	base := fmt.Sprintf("%d:%s>%s", e.Kind, e.From, e.To)
	n := b.edges[base]
	if once && n > 0 {
		return
	}
	b.edges[base] = n + 1
	e.key = fmt.Sprintf("%s#%d", base, n)
	b.pic.Edges = append(b.pic.Edges, e)
}

// entryPoints are the two ways into a graph, each with its initial state.
func (b *builder) entryPoints() []struct{ key, label, state string } {
	return []struct{ key, label, state string }{
		{"entry:new", "new user", b.g.NewUserInitialState},
		{"entry:returning", "returning user", b.g.ReturningUserInitialState},
	}
}

// entries adds the entry nodes, first in the picture.
func (b *builder) entries() {
	for _, e := range b.entryPoints() {
		if e.state != "" {
			b.addNode(Node{Key: e.key, Kind: NodeEntry, Lines: []string{e.label}, content: e.label})
		}
	}
}

// entryEdges adds the edges from the entry nodes to the initial states,
// once the states are drawn.
func (b *builder) entryEdges() {
	for _, e := range b.entryPoints() {
		if e.state != "" {
			b.addEdge(Edge{From: e.key, To: b.target(e.state), Kind: EdgeEntry}, true)
		}
	}
}

func stateKey(name string) string { return "state:" + name }

// state adds the node of s and reports whether it was added.
func (b *builder) state(s *spec.State) bool {
	content, err := json.Marshal(s)
	if err != nil {
		// A State always marshals (plain data); keep a distinct fingerprint
		// rather than none if that ever changes.
		content = []byte(err.Error())
	}
	terminal := s.Name == b.g.TerminalState
	return b.addNode(Node{
		Key: stateKey(s.Name), Kind: NodeState, Type: s.Type,
		Lines:    []string{shorten(s.Name, maxNodeLabel)},
		Terminal: terminal,
		content:  fmt.Sprintf("%t %s", terminal, content),
	})
}

// transitions adds the edges out of s.
func (b *builder) transitions(s *spec.State) {
	from := stateKey(s.Name)
	for _, ec := range s.ExitConditions {
		b.transition(from, ec.NextState, EdgeExit, ec.Description)
	}
	if len(s.ExitConditions) == 0 {
		for _, next := range s.Successors() {
			b.transition(from, next, EdgeNext, "")
		}
	}
}

// transition adds one edge from the node from to next, labelled with text
// (shortened), through a jump node when next leaves the graph.
func (b *builder) transition(from string, next spec.NextState, kind EdgeKind, text string) {
	label := shorten(text, maxEdgeLabel)
	if !next.IsExternal() {
		b.addEdge(Edge{From: from, To: b.target(next.State), Kind: kind, Label: label, text: text}, false)
		return
	}
	jump := b.jump(next)
	b.addEdge(Edge{From: from, To: jump, Kind: kind, Label: label, text: text}, false)
	b.addEdge(Edge{From: jump, To: b.target(next.JumpBack), Kind: EdgeJumpBack, Label: "jump back"}, true)
}

// target returns the key of the state called name, adding a "no such
// state" node when the graph has none.
func (b *builder) target(name string) string {
	key := stateKey(name)
	if _, ok := b.index[key]; !ok {
		b.addNode(Node{Key: key, Kind: NodeMissing, Lines: []string{shorten(name, maxNodeLabel), "(no such state)"}, content: "missing"})
	}
	return key
}

// jump returns the key of the jump node of an external transition, adding
// it on first use. Its label says which graph the reference points at.
func (b *builder) jump(next spec.NextState) string {
	key := "jump:" + next.External + ">" + next.JumpBack
	if _, ok := b.index[key]; ok {
		return key
	}
	lines := []string{shorten(next.External, maxNodeLabel)}
	ref, _ := next.Reference()
	if r, ok := b.g.References[ref]; ok {
		lines = append(lines, shorten(referenceText(r), maxNodeLabel))
	} else {
		lines = append(lines, "(no such reference)")
	}
	b.addNode(Node{Key: key, Kind: NodeJump, Lines: lines, content: fmt.Sprint(lines)})
	return key
}

// referenceText describes the graph a reference points at.
func referenceText(r spec.Reference) string {
	if r.Graph != "" {
		return fmt.Sprintf("graph %s, version %v", r.Graph, r.Version)
	}
	return fmt.Sprintf("graph id %s, version %v", r.ID, r.Version)
}
