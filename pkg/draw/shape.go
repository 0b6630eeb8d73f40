package draw

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// shape is how a node is drawn in each syntax. The table below is the one
// place that says it (the package doc shows it to users).
type shape struct {
	// open and close surround the quoted label in Mermaid, e.g. `{` `}`.
	open, close string
	// dot is the Graphviz shape; dotStyle its style flags; peripheries the
	// number of outlines (0 for the default).
	dot         string
	dotStyle    []string
	peripheries int
}

// stateShapes is the shape of each state type.
var stateShapes = map[spec.StateType]shape{
	spec.StateAction:         {open: "(", close: ")", dot: "box", dotStyle: []string{"rounded"}},
	spec.StateDecision:       {open: "{", close: "}", dot: "diamond"},
	spec.StateRecall:         {open: "[(", close: ")]", dot: "cylinder"},
	spec.StateAnnotation:     {open: ">", close: "]", dot: "note"},
	spec.StateReflection:     {open: "{{", close: "}}", dot: "hexagon"},
	spec.StateToolCall:       {open: "[[", close: "]]", dot: "component"},
	spec.StateDataCollection: {open: "[/", close: "/]", dot: "parallelogram"},
}

// The shapes of the other nodes.
var (
	terminalShape = shape{open: "([", close: "])", dot: "box", dotStyle: []string{"rounded", "bold"}, peripheries: 2}
	plainShape    = shape{open: "[", close: "]", dot: "box"}
	entryShape    = shape{open: "((", close: "))", dot: "ellipse"}
	jumpShape     = shape{open: "[/", close: `\]`, dot: "trapezium", dotStyle: []string{"dashed"}}
	missingShape  = shape{open: "[", close: "]", dot: "box", dotStyle: []string{"dashed"}}
)

// shapeOf returns how n is drawn.
func shapeOf(n Node) shape {
	switch n.Kind {
	case NodeEntry:
		return entryShape
	case NodeJump:
		return jumpShape
	case NodeMissing:
		return missingShape
	}
	if n.Terminal {
		return terminalShape
	}
	if s, ok := stateShapes[n.Type]; ok {
		return s
	}
	return plainShape
}

// plainID is a node name that can be used as is in a node id.
var plainID = regexp.MustCompile(`^[A-Za-z0-9_]{1,64}$`)

// nodeIDs gives every node an id valid in both syntaxes: readable where the
// name allows (s_greet, j_payments_start_done, entry_new), else n<index>.
// A prefix keeps ids clear of Mermaid's keywords ("end", "graph", ...) and
// of the o/x edge endings.
func nodeIDs(p Picture) map[string]string {
	ids := make(map[string]string, len(p.Nodes))
	used := make(map[string]bool, len(p.Nodes))
	for i, n := range p.Nodes {
		id := readableID(n.Key)
		if id == "" || used[id] {
			id = "n" + strconv.Itoa(i)
		}
		used[id] = true
		ids[n.Key] = id
	}
	return ids
}

// readableID derives an id from a node key, or returns "" when the names in
// it are not plain or hold a word Mermaid's entity handling reacts to (see
// mermaidWords).
func readableID(key string) string {
	if strings.Contains(key, "style") || strings.Contains(key, "classDef") {
		return ""
	}
	kind, name, _ := strings.Cut(key, ":")
	switch kind {
	case "entry":
		return "entry_" + name
	case "state":
		if plainID.MatchString(name) {
			return "s_" + name
		}
	case "jump":
		ext, back, _ := strings.Cut(name, ">")
		ref, state, _ := strings.Cut(ext, ".")
		if plainID.MatchString(ref) && plainID.MatchString(state) && plainID.MatchString(back) {
			return "j_" + ref + "_" + state + "_" + back
		}
	}
	return ""
}
