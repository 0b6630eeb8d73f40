package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits on alias expansion, so that a "billion laughs" document cannot make
// the converter run out of memory or recurse without end.
const (
	maxDepth      = 200
	minNodeBudget = 100_000
)

// nodeProblem is a problem found at a node while converting it.
type nodeProblem struct {
	node *yaml.Node
	code string
	msg  string
	// key says the problem is a mapping key's, whose entry is left out
	// (the value holds the mapping's other entries).
	key bool
	// whole says every value of the document after node may be missing
	// (the alias budget ran out), so none of it can be checked further.
	whole bool
	// silent marks a value left out without a diagnostic of its own (a
	// second value nested too deep: one report says it), so that the
	// later checks know it is absent.
	silent bool
}

// converter turns yaml.v3 nodes into the values encoding/json would produce
// (map[string]any, []any, string, json.Number, bool, nil), which is what
// the JSON Schema validator and the typed decoder consume.
type converter struct {
	budget  int
	tooDeep bool // the nesting problem has been reported
	// expanding holds the anchored values whose aliases are being
	// expanded, to catch an alias inside its own value.
	expanding map[*yaml.Node]bool
	reported  map[nodeProblem]bool
	problems  []nodeProblem
}

// toValue converts a document's content node.
func toValue(root *yaml.Node, sourceNodes int) (any, []nodeProblem) {
	c := &converter{budget: max(minNodeBudget, 10*sourceNodes)}
	v := c.value(root, 0)
	return v, c.problems
}

func (c *converter) fail(n *yaml.Node, code, format string, args ...any) {
	p := nodeProblem{node: n, code: code, msg: fmt.Sprintf(format, args...)}
	// A node reached through several aliases would repeat its problem.
	if c.reported[p] {
		return
	}
	if c.reported == nil {
		c.reported = map[nodeProblem]bool{}
	}
	c.reported[p] = true
	c.problems = append(c.problems, p)
}

// failKey reports a problem of a mapping key, whose entry is left out.
func (c *converter) failKey(k *yaml.Node, code, format string, args ...any) {
	before := len(c.problems)
	c.fail(k, code, format, args...)
	if len(c.problems) > before {
		c.problems[before].key = true
	}
}

func (c *converter) value(n *yaml.Node, depth int) any {
	c.budget--
	if c.budget < 0 {
		if c.budget == -1 {
			c.fail(n, CodeYAMLAlias, "document expands aliases too much; write the values out")
			c.problems[len(c.problems)-1].whole = true
		}
		return nil
	}
	if depth > maxDepth {
		if !c.tooDeep {
			c.tooDeep = true
			c.fail(n, CodeYAMLValue, "values are nested more than %d levels deep; no manifest field needs that", maxDepth)
		} else {
			c.problems = append(c.problems, nodeProblem{node: n, code: CodeYAMLValue, silent: true})
		}
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		if c.expanding[n.Alias] {
			c.fail(n, CodeYAMLAlias, "alias *%s is used inside the value it names, which would never end; write the values out", n.Value)
			return nil
		}
		if c.expanding == nil {
			c.expanding = map[*yaml.Node]bool{}
		}
		c.expanding[n.Alias] = true
		v := c.value(n.Alias, depth+1)
		delete(c.expanding, n.Alias)
		return v
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			out = append(out, c.value(item, depth+1))
		}
		return out
	case yaml.ScalarNode:
		return c.scalar(n)
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return c.value(n.Content[0], depth+1)
		}
	}
	return nil
}

func (c *converter) mapping(n *yaml.Node, depth int) map[string]any {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.failKey(k, CodeYAMLValue, "a mapping key must be a plain string, not %s", nodeKindName(k))
			continue
		}
		if _, dup := out[k.Value]; dup {
			c.failKey(k, CodeYAMLDuplicate, "key %q is defined more than once in this mapping", k.Value)
			continue
		}
		out[k.Value] = c.value(v, depth+1)
	}
	// Merge keys ("<<: *base") fill in keys the mapping does not set itself.
	for _, m := range merges {
		for _, src := range mergeSources(m) {
			sub, ok := c.value(src, depth+1).(map[string]any)
			if !ok {
				if deref(src).Kind != yaml.MappingNode { // else its problem is reported
					c.fail(m, CodeYAMLValue, "a merge key (<<) needs a mapping or a list of mappings")
				}
				continue
			}
			for k, v := range sub {
				if _, set := out[k]; !set {
					out[k] = v
				}
			}
		}
	}
	return out
}

// mergeSources lists the mappings a merge key's value names.
func mergeSources(v *yaml.Node) []*yaml.Node {
	if v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return []*yaml.Node{v}
}

func (c *converter) scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		switch n.Value {
		case "true":
			return true
		case "false":
			return false
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			c.fail(n, CodeYAMLValue, "%q is not a boolean", n.Value)
		}
		return b
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			if digits := strings.TrimLeft(n.Value, "+-"); len(digits) > 1 && digits[0] == '0' {
				// YAML reads a leading zero as octal (0123 is 83), which
				// is never what a phone number or an id meant.
				var yamlSays int64
				_ = n.Decode(&yamlSays)
				c.fail(n, CodeYAMLValue, "%s has a leading zero, which YAML reads as the octal number %d; quote it (%q) to keep it as text", n.Value, yamlSays, n.Value)
				return nil
			}
			// "+12" is 12 to YAML but no JSON number as written.
			return json.Number(strconv.FormatInt(i, 10))
		}
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		var u uint64
		if err := n.Decode(&u); err == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
		c.fail(n, CodeYAMLValue, "%q is not a number amigosync can represent", n.Value)
		return nil
	case "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			if err := n.Decode(&f); err != nil {
				c.fail(n, CodeYAMLValue, "%q is not a number", n.Value)
				return nil
			}
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			c.fail(n, CodeYAMLValue, "%q is not a finite number", n.Value)
			return nil
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	case "!!str", "!!timestamp", "!!binary":
		return n.Value
	default:
		c.fail(n, CodeYAMLValue, "unsupported YAML tag %s", n.Tag)
		return n.Value
	}
}

// nodeKindName names what a non-scalar node is, in words.
func nodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a value of this kind"
}

// countNodes counts the nodes of a tree, not following aliases.
func countNodes(n *yaml.Node) int {
	total := 1
	for _, c := range n.Content {
		total += countNodes(c)
	}
	return total
}
