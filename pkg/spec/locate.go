package spec

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// splitPointer splits a JSON pointer ("/spec/states/0") into its unescaped
// tokens.
func splitPointer(ptr string) []string {
	if ptr == "" || ptr == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
		}
	}
	return parts
}

// splitInstance splits an instance location reported by the schema
// validator, whose tokens are also URL-path-escaped.
func splitInstance(ptr string) []string {
	if ptr == "" || ptr == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
	}
	return parts
}

// locate follows path from n and returns the deepest node it reaches, so
// that a problem inside a value that is not there still points somewhere
// sensible (the closest enclosing value).
func locate(n *yaml.Node, path []string) *yaml.Node {
	return locateWith(n, path, mappingEntry)
}

// locateWith is locate with entry looking up the keys of mappings.
func locateWith(n *yaml.Node, path []string, entry func(n *yaml.Node, key string) (k, v *yaml.Node)) *yaml.Node {
	for _, tok := range path {
		next := child(n, tok, entry)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// child returns the value under key tok (mappings) or at index tok
// (sequences), following aliases and merge keys.
func child(n *yaml.Node, tok string, entry func(n *yaml.Node, key string) (k, v *yaml.Node)) *yaml.Node {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		if _, v := entry(n, tok); v != nil {
			return v
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(tok)
		if err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// mappingEntry returns the key and value nodes of key in mapping n,
// looking into merged mappings after the mapping's own keys.
func mappingEntry(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		if kn.Kind == yaml.ScalarNode && kn.ShortTag() == "!!merge" {
			merges = append(merges, n.Content[i+1])
			continue
		}
		if kn.Value == key {
			return kn, n.Content[i+1]
		}
	}
	return mergedEntry(n, merges, key)
}

// mergedEntry looks key up in the mappings merged into n.
func mergedEntry(n *yaml.Node, merges []*yaml.Node, key string) (k, v *yaml.Node) {
	for _, m := range merges {
		for _, src := range mergeSources(deref(m)) {
			if src = deref(src); src != n {
				if k, v := mappingEntry(src, key); v != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

// bigMapping is the number of entries from which keyIndex indexes a
// mapping's keys instead of scanning them.
const bigMapping = 16

// keyIndex finds keys of the large mappings of one document without a
// scan per lookup. Diagnostics are located one by one, so without it a
// mapping of n wrong keys (n unknown fields, say) took n²/2 key
// comparisons: 200,000 keys in a 2.5 MB file kept validate busy for
// minutes. The zero value is ready to use; it is not safe for concurrent
// use (each document is located by one goroutine at a time).
type keyIndex struct {
	maps map[*yaml.Node]*mappingKeys
}

// mappingKeys is the index of one mapping: the position in Content of
// the first key of each name, and its merge values.
type mappingKeys struct {
	at     map[string]int
	merges []*yaml.Node
}

// entry is mappingEntry, indexed for large mappings.
func (ix *keyIndex) entry(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode || len(n.Content) < 2*bigMapping {
		return mappingEntry(n, key)
	}
	mk := ix.maps[n]
	if mk == nil {
		mk = &mappingKeys{at: make(map[string]int, len(n.Content)/2)}
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn := n.Content[i]
			if kn.Kind == yaml.ScalarNode && kn.ShortTag() == "!!merge" {
				mk.merges = append(mk.merges, n.Content[i+1])
				continue
			}
			if _, seen := mk.at[kn.Value]; !seen {
				mk.at[kn.Value] = i
			}
		}
		if ix.maps == nil {
			ix.maps = map[*yaml.Node]*mappingKeys{}
		}
		ix.maps[n] = mk
	}
	if i, ok := mk.at[key]; ok {
		return n.Content[i], n.Content[i+1]
	}
	return mergedEntry(n, mk.merges, key)
}

// deref follows alias nodes (a bounded number of times, aliases of aliases
// being legal but never deep).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n != nil && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

// nodeRange is the range of a node in file. For single-line scalars the end
// is the end of the value; otherwise it is the start.
func nodeRange(file string, n *yaml.Node) Range {
	if n == nil {
		return Range{File: file, Start: Pos{1, 1}, End: Pos{1, 1}}
	}
	start := Pos{Line: max(n.Line, 1), Col: max(n.Column, 1)}
	end := start
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		width := utf8.RuneCountInString(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2
		}
		end.Col += width
	}
	return Range{File: file, Start: start, End: end}
}

// problemPaths returns the path (keys and list indexes from root) of each
// problem's node, found in one walk of the tree that does not follow
// aliases, so that problems found while converting nodes can name their
// field. A mapping key's path ends with the key itself; a key that is not
// a scalar gets its mapping's path.
func problemPaths(root *yaml.Node, problems []nodeProblem) map[*yaml.Node][]string {
	if len(problems) == 0 {
		return nil
	}
	want := make(map[*yaml.Node]bool, len(problems))
	for _, p := range problems {
		want[p.node] = true
	}
	paths := make(map[*yaml.Node][]string, len(want))
	var path []string
	record := func(n *yaml.Node, p []string) {
		if _, done := paths[n]; want[n] && !done {
			paths[n] = append([]string{}, p...)
		}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if len(paths) == len(want) {
			return
		}
		record(n, path)
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode {
					record(k, path)
					continue
				}
				path = append(path, k.Value)
				record(k, path)
				walk(n.Content[i+1])
				path = path[:len(path)-1]
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path = append(path, strconv.Itoa(i))
				walk(c)
				path = path[:len(path)-1]
			}
		}
	}
	walk(root)
	return paths
}

// fieldMessage prefixes msg with the field it is about ("spec.states[2]
// (greet).name: ..."), when the problem is below the document's top.
func fieldMessage(value any, path []string, msg string) string {
	const maxShown = 12 // a path through deep nesting is shortened
	if len(path) > maxShown {
		if hp := humanPath(value, path[:maxShown]); hp != "" {
			return hp + "...: " + msg
		}
	}
	if hp := humanPath(value, path); hp != "" {
		return hp + ": " + msg
	}
	return msg
}
