package spec

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/amigosync/amigosync/schemas"
)

// schemaBase is the $id prefix of the embedded schemas.
const schemaBase = "https://amigosync.dev/schemas/"

// schemaSet holds the compiled schemas, their raw JSON (to read the
// x-message and x-code annotations) and the property names each kind uses
// per dialect (to tell a typo from a field of the other dialect).
type schemaSet struct {
	compiled map[string]*jsonschema.Schema // "agent.classic", "project"
	raw      map[string]any                // "contextgraph.platform.json" → JSON
	fields   map[string]map[string]bool    // "agent.classic" → property names
}

// schemaName returns the file stem of a kind's schema in a dialect.
func schemaName(k Kind, d Dialect) string { return strings.ToLower(string(k)) + "." + string(d) }

// compileSchemas compiles every embedded schema once.
func compileSchemas() (*schemaSet, error) {
	fsys := schemas.FS()
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("list embedded schemas: %w", err)
	}
	set := &schemaSet{compiled: map[string]*jsonschema.Schema{}, raw: map[string]any{}, fields: map[string]map[string]bool{}}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read schema %s: %w", name, err)
		}
		var raw any
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("parse schema %s: %w", name, err)
		}
		set.raw[name] = raw
		if err := c.AddResource(schemaBase+name, strings.NewReader(string(data))); err != nil {
			return nil, fmt.Errorf("add schema %s: %w", name, err)
		}
	}
	for _, name := range names {
		if name == "common.json" {
			continue
		}
		s, err := c.Compile(schemaBase + name)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", name, err)
		}
		stem := strings.TrimSuffix(name, ".json")
		set.compiled[stem] = s
		props := map[string]bool{}
		collectProperties(set.raw[name], props)
		set.fields[stem] = props
	}
	for _, k := range []Kind{KindAgent, KindContextGraph, KindService} {
		for _, d := range []Dialect{DialectClassic, DialectPlatform} {
			if set.compiled[schemaName(k, d)] == nil {
				return nil, fmt.Errorf("schema %s.json is missing", schemaName(k, d))
			}
		}
	}
	if set.compiled["project"] == nil {
		return nil, fmt.Errorf("schema project.json is missing")
	}
	return set, nil
}

// collectProperties gathers every name under a "properties" keyword.
func collectProperties(v any, into map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			if props, ok := sub.(map[string]any); ok && k == "properties" {
				for name := range props {
					into[name] = true
				}
			}
			collectProperties(sub, into)
		}
	case []any:
		for _, sub := range v {
			collectProperties(sub, into)
		}
	}
}

// schemaAt returns the schema object an absolute keyword location
// ("https://…/common.json#/$defs/pin/anyOf") belongs to, that is the object
// holding the keyword, or nil.
func (s *schemaSet) schemaAt(absLoc string) map[string]any {
	file, frag, _ := strings.Cut(strings.TrimPrefix(absLoc, schemaBase), "#")
	cur := s.raw[file]
	toks := splitPointer(frag)
	if len(toks) > 0 {
		toks = toks[:len(toks)-1] // drop the keyword itself
	}
	for _, t := range toks {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[t]
		case []any:
			var i int
			if _, err := fmt.Sscanf(t, "%d", &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}
