package export

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// stringNode is a string scalar in the style that reads back as s. yaml.v3
// quotes a !!str scalar that would read as another type ("1.0", "null")
// and one it cannot write plainly (": ", "#", leading spaces); this adds
// what it leaves plain but YAML 1.1 readers take for something else, and
// chooses a literal block for multi-line text. emit checks the result and
// double-quotes any string that still does not read back.
func stringNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch {
	case strings.Contains(s, "\n"):
		if literalSafe(s) {
			n.Style = yaml.LiteralStyle
		} else {
			n.Style = yaml.DoubleQuotedStyle
		}
	case yaml11Special(s):
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// literalSafe says whether a multi-line string may be a literal block: a
// block cannot start with a line break or a tab (yaml.v3 would lose or
// refuse them), and a carriage return or a Unicode line break inside it
// would be read as a plain newline.
func literalSafe(s string) bool {
	if strings.HasPrefix(s, "\n") || strings.HasPrefix(s, "\t") {
		return false
	}
	return !strings.ContainsAny(s, "\r\u0085\u2028\u2029")
}

// yaml11Bools are the YAML 1.1 booleans yaml.v3 reads as strings.
var yaml11Bools = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true,
	"n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

// sexagesimal matches YAML 1.1 base-60 numbers ("1:20", "-3:25:45.5").
var sexagesimal = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

// yaml11Special says whether a YAML 1.1 reader would take s for a boolean
// or a number.
func yaml11Special(s string) bool {
	return yaml11Bools[s] || sexagesimal.MatchString(s)
}

// varRef matches a ${vars.NAME} reference as the loader does.
var varRef = regexp.MustCompile(`\$\{vars\.[^}]*\}`)

// escapeVars writes every ${vars.NAME} as $${vars.NAME}, which the loader
// reads as the literal text (it turns "$${" into "${" and substitutes
// nothing). A "$" before the reference is kept, so "$${vars.X}" becomes
// "$$${vars.X}", which reads back as "$${vars.X}".
func escapeVars(s string) string {
	if !strings.Contains(s, "${vars.") {
		return s
	}
	return varRef.ReplaceAllString(s, "$$${0}")
}
