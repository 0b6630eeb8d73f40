package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// RateLimitKey is the extension under which a response keeps the rate limit
// its description states ("... rate limit of 10 requests per minute ..."):
// the one fact of the Classic document that lives in prose.
const RateLimitKey = "x-rate-limit-per-minute"

// rateLimitRE finds the documented rate limit in a 429 description.
var rateLimitRE = regexp.MustCompile(`rate limit of (\d+) requests per minute`)

// kind says what a JSON value is, and so which of its keys are facts.
type kind int

const (
	kindDrop        kind = iota // prose or metadata: left out
	kindCopy                    // data (enum, default, security lists...): copied as is
	kindRoot                    // the document
	kindInfo                    // the info object: only its version is kept
	kindServer                  // one entry of servers
	kindPathItem                // the operations of one path
	kindOperation               // one operation
	kindParameter               // a parameter or a header
	kindRequestBody             // a request body
	kindResponse                // one response
	kindMedia                   // one media type of a content map
	kindComponents              // the components object
	kindSecurity                // one security scheme
	kindSchema                  // a JSON Schema
)

// field is what the value of one key is: a kind, or a list or a name map of it.
type field struct {
	kind  kind
	list  bool // a list of kind
	named bool // a map from names (chosen by the document) to kind
}

// fields lists, for each object kind, the keys the reducer knows; a key not
// listed (and not an "x-" extension) is an error, so that a new construct of
// the documents cannot slip prose into the copy unseen.
var fields = map[kind]map[string]field{
	kindRoot: {
		"openapi": {kind: kindCopy}, "info": {kind: kindInfo}, "servers": {kind: kindServer, list: true},
		"paths": {kind: kindPathItem, named: true}, "components": {kind: kindComponents},
		"security": {kind: kindCopy}, "tags": {kind: kindDrop}, "externalDocs": {kind: kindDrop},
	},
	kindInfo: {
		"version": {kind: kindCopy}, "title": {kind: kindDrop}, "description": {kind: kindDrop},
		"summary": {kind: kindDrop}, "contact": {kind: kindDrop}, "license": {kind: kindDrop}, "termsOfService": {kind: kindDrop},
	},
	kindServer: {"url": {kind: kindCopy}, "variables": {kind: kindCopy}, "description": {kind: kindDrop}},
	kindPathItem: {
		"get": {kind: kindOperation}, "put": {kind: kindOperation}, "post": {kind: kindOperation},
		"delete": {kind: kindOperation}, "patch": {kind: kindOperation}, "head": {kind: kindOperation},
		"options": {kind: kindOperation}, "trace": {kind: kindOperation},
		"parameters": {kind: kindParameter, list: true}, "$ref": {kind: kindCopy},
		"summary": {kind: kindDrop}, "description": {kind: kindDrop},
	},
	kindOperation: {
		"operationId": {kind: kindCopy}, "parameters": {kind: kindParameter, list: true},
		"requestBody": {kind: kindRequestBody}, "responses": {kind: kindResponse, named: true},
		"security": {kind: kindCopy}, "deprecated": {kind: kindCopy},
		"summary": {kind: kindDrop}, "description": {kind: kindDrop}, "tags": {kind: kindDrop}, "externalDocs": {kind: kindDrop},
	},
	kindParameter: {
		"name": {kind: kindCopy}, "in": {kind: kindCopy}, "required": {kind: kindCopy},
		"deprecated": {kind: kindCopy}, "allowEmptyValue": {kind: kindCopy}, "style": {kind: kindCopy},
		"explode": {kind: kindCopy}, "schema": {kind: kindSchema}, "content": {kind: kindMedia, named: true},
		"$ref": {kind: kindCopy}, "description": {kind: kindDrop}, "example": {kind: kindDrop}, "examples": {kind: kindDrop},
	},
	kindRequestBody: {
		"required": {kind: kindCopy}, "content": {kind: kindMedia, named: true}, "$ref": {kind: kindCopy},
		"description": {kind: kindDrop},
	},
	kindResponse: {
		"content": {kind: kindMedia, named: true}, "headers": {kind: kindParameter, named: true},
		"$ref": {kind: kindCopy}, "description": {kind: kindDrop}, "links": {kind: kindDrop},
	},
	kindMedia: {
		"schema": {kind: kindSchema}, "encoding": {kind: kindCopy},
		"example": {kind: kindDrop}, "examples": {kind: kindDrop},
	},
	kindComponents: {
		"schemas": {kind: kindSchema, named: true}, "securitySchemes": {kind: kindSecurity, named: true},
		"parameters": {kind: kindParameter, named: true}, "headers": {kind: kindParameter, named: true},
		"requestBodies": {kind: kindRequestBody, named: true}, "responses": {kind: kindResponse, named: true},
		"examples": {kind: kindDrop},
	},
	kindSecurity: {
		"type": {kind: kindCopy}, "scheme": {kind: kindCopy}, "bearerFormat": {kind: kindCopy},
		"name": {kind: kindCopy}, "in": {kind: kindCopy}, "flows": {kind: kindCopy},
		"openIdConnectUrl": {kind: kindCopy}, "description": {kind: kindDrop},
	},
	kindSchema: schemaFields(),
}

// schemaFields are the JSON Schema keywords: subschemas are reduced in
// turn, assertions and data (enum, const, default) are copied.
func schemaFields() map[string]field {
	f := map[string]field{
		"description": {kind: kindDrop}, "title": {kind: kindDrop}, "$comment": {kind: kindDrop},
		"examples": {kind: kindDrop}, "example": {kind: kindDrop}, "externalDocs": {kind: kindDrop},
	}
	for _, k := range []string{"properties", "patternProperties", "$defs", "dependentSchemas"} {
		f[k] = field{kind: kindSchema, named: true}
	}
	for _, k := range []string{"items", "additionalProperties", "not", "if", "then", "else", "contains",
		"propertyNames", "unevaluatedItems", "unevaluatedProperties"} {
		f[k] = field{kind: kindSchema}
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf", "prefixItems"} {
		f[k] = field{kind: kindSchema, list: true}
	}
	for _, k := range []string{"$ref", "type", "format", "enum", "const", "default", "required", "discriminator",
		"pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
		"multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "minContains",
		"maxContains", "dependentRequired", "contentEncoding", "contentMediaType", "readOnly", "writeOnly", "deprecated"} {
		f[k] = field{kind: kindCopy}
	}
	return f
}

// Reduce returns the OpenAPI document data reduced to its facts: every
// description, summary, title and example is removed, the rate limit a 429
// response states in prose is kept as RateLimitKey, and the result is
// indented JSON with sorted keys (so that regenerating an unchanged
// document changes nothing). name is the document's name, for errors.
func Reduce(name string, data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers are copied as written
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	out, err := reduce(doc, kindRoot, "")
	if err != nil {
		return nil, fmt.Errorf("reduce %s: %w", name, err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode the reduced %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// reduce reduces v, of kind k, found at the JSON pointer at.
func reduce(v any, k kind, at string) (any, error) {
	if k == kindCopy {
		return v, nil
	}
	if b, ok := v.(bool); ok && k == kindSchema {
		return b, nil // true and false are schemas
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: expected an object, found %s", where(at), jsonType(v))
	}
	known := fields[k]
	out := map[string]any{}
	for key, val := range obj {
		f, ok := known[key]
		switch {
		case strings.HasPrefix(key, "x-"):
			out[key] = val
			continue
		case !ok:
			return nil, fmt.Errorf("%s: unknown key %q; teach the generator whether it is a fact", where(at), key)
		case f.kind == kindDrop:
			continue
		}
		r, err := reduceField(val, f, at+"/"+escape(key))
		if err != nil {
			return nil, err
		}
		out[key] = r
	}
	if k == kindResponse && strings.HasSuffix(at, "/429") {
		if err := keepRateLimit(obj, out, at); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reduceField reduces the value of one known key.
func reduceField(val any, f field, at string) (any, error) {
	switch {
	case f.list:
		list, ok := val.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: expected a list, found %s", where(at), jsonType(val))
		}
		out := make([]any, len(list))
		for i, e := range list {
			r, err := reduce(e, f.kind, at+"/"+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case f.named:
		m, ok := val.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: expected an object, found %s", where(at), jsonType(val))
		}
		out := make(map[string]any, len(m))
		for name, e := range m {
			r, err := reduce(e, f.kind, at+"/"+escape(name))
			if err != nil {
				return nil, err
			}
			out[name] = r
		}
		return out, nil
	}
	return reduce(val, f.kind, at)
}

// keepRateLimit copies the rate limit a 429 response's description states
// into out; a description that speaks of a rate limit without one the
// pattern reads is an error, since that fact would otherwise be lost.
func keepRateLimit(in, out map[string]any, at string) error {
	desc, _ := in["description"].(string)
	if m := rateLimitRE.FindStringSubmatch(desc); m != nil {
		out[RateLimitKey] = json.Number(m[1])
		return nil
	}
	if strings.Contains(strings.ToLower(desc), "requests per") {
		return fmt.Errorf("%s: the description %q states a rate limit the generator cannot read", where(at), desc)
	}
	return nil
}

// escape escapes a JSON pointer token.
func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// where names a JSON pointer in a message; the root is "the document".
func where(at string) string {
	if at == "" {
		return "the document"
	}
	return at
}

// jsonType names the JSON type of a decoded value.
func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}
