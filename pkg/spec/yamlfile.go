package spec

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// ParseYAML parses a YAML file that is not a manifest (such as the mapping
// file of `amigosync migrate`) the way manifests are parsed: a syntax error
// is a Diagnostic at the line yaml.v3 means (its parser's lines are one too
// low), and a panic inside yaml.v3 is an error too. The file must hold one
// document; the result is its content node, or nil when it is empty.
func ParseYAML(file string, data []byte) (*yaml.Node, *Diagnostic) {
	roots, diag := parseDocuments(source{path: file, display: file, data: data})
	if diag != nil {
		return nil, diag
	}
	switch len(roots) {
	case 0:
		return nil, nil
	case 1:
		return roots[0], nil
	}
	second := roots[1]
	p := Pos{second.Line, second.Column}
	return nil, &Diagnostic{Severity: SeverityError, Code: CodeYAMLSyntax,
		Summary: fmt.Sprintf("the file holds %d YAML documents; it must hold one", len(roots)),
		Range:   Range{File: file, Start: p, End: p}}
}
