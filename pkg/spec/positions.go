package spec

import (
	"strconv"
	"sync"

	"gopkg.in/yaml.v3"
)

// Locate returns the range of a field of the manifest of kind k called
// name, so that a problem found after validation (a pin to a version that
// does not exist, a server's rejection) points at the field itself. path
// lists the keys from the top of the manifest, for example
//
//	b.Locate(KindService, "intake", "spec", "version_sets", "release", "agent")
//
// A segment under a list is the index of an item ("3") when it is all
// digits, and otherwise the value of the name field of an item (a state,
// a guardrail): a state whose name is all digits is found by its index.
// Aliases and merge keys are followed as the validator follows them.
//
// The range is that of the value when it is a scalar. A mapping or list
// under a key gets the range of its key, because a block mapping starts
// at its first entry, which names something else; list items and the
// manifest itself get their start. When the path leads nowhere, Locate
// returns the range of the closest ancestor that exists, and for a
// manifest whose text is not known, the manifest's first line. The zero
// Range means that the bundle has no valid manifest of that kind and name.
// Locate is safe for concurrent use.
func (b *Bundle) Locate(k Kind, name string, path ...string) Range {
	info, ok := KindOf(k)
	if !ok {
		return Range{}
	}
	src, ok := info.manifests.source(b, name)
	if !ok {
		return Range{}
	}
	root := b.positions.document(&b.Sources, src)
	if root == nil {
		return Range{File: src.File, Start: src.Pos, End: src.Pos}
	}
	n, key := root, (*yaml.Node)(nil)
	for _, tok := range path {
		next, nextKey := step(n, tok)
		if next == nil {
			break
		}
		n, key = next, nextKey
	}
	if key != nil {
		if d := deref(n); d.Kind == yaml.MappingNode || d.Kind == yaml.SequenceNode {
			n = key
		}
	}
	return nodeRange(src.File, n)
}

// step goes from n to the value under tok: a mapping's entry (with its
// key node), a list's item by index or by name, or nil.
func step(n *yaml.Node, tok string) (value, key *yaml.Node) {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		key, value = mappingEntry(n, tok)
		return value, key
	case yaml.SequenceNode:
		if _, err := strconv.Atoi(tok); err == nil {
			return child(n, tok, mappingEntry), nil
		}
		for _, item := range n.Content {
			if _, v := mappingEntry(item, "name"); v != nil {
				if v = deref(v); v.Kind == yaml.ScalarNode && v.Value == tok {
					return item, nil
				}
			}
		}
	}
	return nil, nil
}

// positions finds where the manifests of a Bundle are written. The text
// of each file is in the Bundle's Sources, which is a smaller record of
// every position than any tree of the nodes (yaml.v3's nodes are about ten
// times the size of their text); a file is parsed again only when a
// position in it is asked for, and its documents are kept for the next
// call. Plans ask only about the few fields they report problems with, so
// most files are never parsed twice.
type positions struct {
	mu     sync.Mutex
	parsed map[string][]*yaml.Node // file as shown → its documents
}

// document returns the root node of the manifest read at src, or nil when
// the file's text is not in sources. p may be nil (a Bundle made by hand):
// the file is then parsed for this call only.
func (p *positions) document(sources *Sources, src Source) *yaml.Node {
	if p == nil {
		p = &positions{}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	roots, ok := p.parsed[src.File]
	if !ok {
		text, known := sources.data(src.File)
		if !known {
			return nil
		}
		// The text parsed when it was validated, so it parses again.
		roots, _ = parseDocuments(source{display: src.File, data: text})
		if p.parsed == nil {
			p.parsed = map[string][]*yaml.Node{}
		}
		p.parsed[src.File] = roots
	}
	for _, root := range roots {
		if root.Line == src.Pos.Line && root.Column == src.Pos.Col {
			return root
		}
	}
	return nil
}
