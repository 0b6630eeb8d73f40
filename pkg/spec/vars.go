package spec

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// varRE matches ${vars.NAME}; "$${" escapes a literal "${".
var varRE = regexp.MustCompile(`\$?\$\{vars\.([^}]*)\}`)

// substituteVars replaces ${vars.NAME} in every string scalar under n (not
// in keys) with the target's value, and reports unknown names at their node.
// A plain scalar that is exactly one reference to a variable written as a
// number or a boolean (typed) takes that type (so "version: ${vars.V}" can
// be a number); a variable written as a string stays a string, even when
// it reads like a number ("2024").
func substituteVars(n *yaml.Node, vars map[string]string, typed map[string]bool) []nodeProblem {
	var problems []nodeProblem
	var walk func(n *yaml.Node, isKey bool)
	walk = func(n *yaml.Node, isKey bool) {
		switch n.Kind {
		case yaml.ScalarNode:
			if !isKey && strings.Contains(n.Value, "${") {
				problems = append(problems, substituteScalar(n, vars, typed)...)
			}
		case yaml.MappingNode:
			for i, c := range n.Content {
				walk(c, i%2 == 0)
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		}
	}
	walk(n, false)
	return problems
}

func substituteScalar(n *yaml.Node, vars map[string]string, typed map[string]bool) []nodeProblem {
	if n.ShortTag() != "!!str" {
		return nil
	}
	var problems []nodeProblem
	var unknown map[string]bool // reported once per string, however often it is used
	whole := false
	out := varRE.ReplaceAllStringFunc(n.Value, func(m string) string {
		if strings.HasPrefix(m, "$$") {
			return m[1:]
		}
		name := m[len("${vars.") : len(m)-1]
		v, ok := vars[name]
		if !ok {
			if !unknown[name] {
				if unknown == nil {
					unknown = map[string]bool{}
				}
				unknown[name] = true
				problems = append(problems, nodeProblem{node: n, code: CodeVarUnknown,
					msg: fmt.Sprintf("unknown variable ${vars.%s}; the target defines %s", name, varList(vars))})
			}
			return m
		}
		whole = m == n.Value && typed[name]
		return v
	})
	n.Value = out
	if whole && n.Style == 0 && n.Tag == "!!str" {
		n.Tag = "" // let the value's own type show (number, boolean)
	}
	return problems
}

func varList(vars map[string]string) string {
	if len(vars) == 0 {
		return "no variables"
	}
	names := make([]string, 0, len(vars))
	for k := range vars {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
