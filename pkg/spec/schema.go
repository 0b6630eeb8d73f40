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
	// states holds, per context-graph schema, the schema of each state
	// type. The graph schema compiled under compiled[stem] is a copy that
	// leaves the states' items to this dispatch: each state is checked
	// against the schema of its type, or, when its type is not one of the
	// dialect's (or it is not a mapping), against stateUnion, the state
	// definition without its allOf (type and name checks only). This is what
	// the schema file's items/$ref/allOf/if/then says, evaluated once per
	// state instead of once per branch plus once for the union: every
	// per-type schema already requires type and name and checks that the
	// value is an object, so the union could only repeat its problems
	// (which dedupe would drop). Large graphs check several times faster.
	states     map[string]map[string]*jsonschema.Schema
	stateUnion map[string]*jsonschema.Schema
}

// schemaName returns the file stem of a kind's schema in a dialect.
func schemaName(k Kind, d Dialect) string {
	info, _ := KindOf(k)
	return info.SchemaStem + "." + string(d)
}

// compileSchemas compiles every embedded schema once.
func compileSchemas() (*schemaSet, error) {
	fsys := schemas.FS()
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("list embedded schemas: %w", err)
	}
	set := &schemaSet{compiled: map[string]*jsonschema.Schema{}, raw: map[string]any{},
		fields: map[string]map[string]bool{}, states: map[string]map[string]*jsonschema.Schema{},
		stateUnion: map[string]*jsonschema.Schema{}}
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
	if err := set.addStateDispatch(c); err != nil {
		return nil, err
	}
	for _, name := range names {
		if name == "common.json" {
			continue
		}
		stem := strings.TrimSuffix(name, ".json")
		if set.states[stem] != nil {
			continue // compiled by addStateDispatch
		}
		s, err := c.Compile(schemaBase + name)
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", name, err)
		}
		set.compiled[stem] = s
	}
	for name, raw := range set.raw {
		props := map[string]bool{}
		collectProperties(raw, props)
		set.fields[strings.TrimSuffix(name, ".json")] = props
	}
	for _, k := range kindTable {
		for _, d := range []Dialect{DialectClassic, DialectPlatform} {
			if set.compiled[schemaName(k.Kind, d)] == nil {
				return nil, fmt.Errorf("schema %s.json is missing", schemaName(k.Kind, d))
			}
		}
	}
	if set.compiled["project"] == nil {
		return nil, fmt.Errorf("schema project.json is missing")
	}
	return set, nil
}

// addStateDispatch compiles, for each context-graph schema, a copy whose
// "state" definition keeps only its type and name checks, and the schema of
// each state type on its own.
func (s *schemaSet) addStateDispatch(c *jsonschema.Compiler) error {
	for _, d := range []Dialect{DialectClassic, DialectPlatform} {
		stem := schemaName(KindContextGraph, d)
		raw, ok := s.raw[stem+".json"].(map[string]any)
		if !ok {
			return fmt.Errorf("schema %s.json is missing", stem)
		}
		var shallow map[string]any
		if err := deepCopyJSON(raw, &shallow); err != nil {
			return fmt.Errorf("copy schema %s.json: %w", stem, err)
		}
		defs, _ := shallow["$defs"].(map[string]any)
		commonDoc, _ := s.raw["common.json"].(map[string]any)
		common, _ := commonDoc["$defs"].(map[string]any)
		for name, def := range defs {
			defs[name] = inlineRefs(def, defs, common, 0)
		}
		union, _ := defs["state"].(map[string]any)
		if union == nil {
			return fmt.Errorf("schema %s.json has no $defs/state", stem)
		}
		delete(union, "allOf")
		if err := dispatchStates(shallow, stem); err != nil {
			return err
		}
		// The top-level properties (apiVersion, metadata, the special
		// state names) also refer to common.json: inline them too.
		if props, ok := shallow["properties"].(map[string]any); ok {
			shallow["properties"] = inlineRefs(props, defs, common, 0)
		}
		fastName := stem + ".dispatch.json"
		shallow["$id"] = schemaBase + fastName
		data, err := json.Marshal(shallow)
		if err != nil {
			return fmt.Errorf("encode schema %s: %w", fastName, err)
		}
		if err := c.AddResource(schemaBase+fastName, strings.NewReader(string(data))); err != nil {
			return fmt.Errorf("add schema %s: %w", fastName, err)
		}
		if s.compiled[stem], err = c.Compile(schemaBase + fastName); err != nil {
			return fmt.Errorf("compile schema %s: %w", fastName, err)
		}
		s.raw[fastName] = shallow
		if s.stateUnion[stem], err = c.Compile(schemaBase + fastName + "#/$defs/state"); err != nil {
			return fmt.Errorf("compile schema of states (%s): %w", d, err)
		}
		s.states[stem] = map[string]*jsonschema.Schema{}
		for _, t := range StateTypes(d) {
			url := schemaBase + fastName + "#/$defs/state_" + string(t)
			if s.states[stem][string(t)], err = c.Compile(url); err != nil {
				return fmt.Errorf("compile schema of %s states (%s): %w", t, d, err)
			}
		}
	}
	return nil
}

// dispatchStates makes the graph schema leave the states' items alone: run
// checks each state against the schema of its type (or the union) itself.
func dispatchStates(graph map[string]any, stem string) error {
	props, _ := graph["properties"].(map[string]any)
	spec, _ := props["spec"].(map[string]any)
	specProps, _ := spec["properties"].(map[string]any)
	states, _ := specProps["states"].(map[string]any)
	if items, ok := states["items"].(map[string]any); !ok || items["$ref"] != "#/$defs/state" {
		return fmt.Errorf("schema %s.json: spec.states.items is not {$ref: #/$defs/state}", stem)
	}
	// Without "items" any item is accepted and the validator does not
	// visit the items at all; with "items": true it would still visit
	// each state (and index its keys) only to accept it.
	delete(states, "items")
	return nil
}

// inlineRefs replaces {"$ref": "#/$defs/X"} and {"$ref":
// "common.json#/$defs/X"} by a copy of the definition. The validator then
// walks one schema per value instead of following a reference chain, which
// halves the time spent on large graphs; messages are unchanged because the
// x-message and x-code annotations are copied along.
func inlineRefs(v any, local, common map[string]any, depth int) any {
	if depth > 32 {
		return v
	}
	switch c := v.(type) {
	case map[string]any:
		if ref, ok := c["$ref"].(string); ok && len(c) == 1 {
			var def any
			defs := local
			switch {
			case strings.HasPrefix(ref, "#/$defs/"):
				def = local[strings.TrimPrefix(ref, "#/$defs/")]
			case strings.HasPrefix(ref, "common.json#/$defs/"):
				def = common[strings.TrimPrefix(ref, "common.json#/$defs/")]
				defs = common // its own "#/$defs/…" refer to common.json
			}
			if def != nil {
				return inlineRefs(def, defs, common, depth+1)
			}
			return c
		}
		out := make(map[string]any, len(c))
		for k, sub := range c {
			out[k] = inlineRefs(sub, local, common, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(c))
		for i, sub := range c {
			out[i] = inlineRefs(sub, local, common, depth+1)
		}
		return out
	}
	return v
}

func deepCopyJSON(in any, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
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
