package emulator

import "strings"

// withDefaults returns x (already valid against node) with the documented
// default of every absent property filled in, the way pydantic fills a
// model's defaults before the service stores and returns it. Only defaults the
// document states are filled; a property without one stays absent.
func (s *schemas) withDefaults(node map[string]any, x any) any {
	if ref, ok := node["$ref"].(string); ok {
		return s.withDefaults(s.defs[strings.TrimPrefix(ref, "#/components/schemas/")], x)
	}
	if x == nil {
		return nil
	}
	if branches, ok := node["anyOf"].([]any); ok {
		for _, b := range branches {
			bn, _ := b.(map[string]any)
			if bn["type"] != "null" && len(s.check(bn, x, nil)) == 0 {
				return s.withDefaults(bn, x)
			}
		}
		return x
	}
	if disc, ok := node["discriminator"].(map[string]any); ok {
		obj, _ := x.(map[string]any)
		prop, _ := disc["propertyName"].(string)
		mapping, _ := disc["mapping"].(map[string]any)
		tag, _ := obj[prop].(string)
		if ref, ok := mapping[tag].(string); ok {
			return s.withDefaults(map[string]any{"$ref": ref}, x)
		}
		return x
	}
	switch v := x.(type) {
	case map[string]any:
		return s.objectDefaults(node, v)
	case []any:
		items, _ := node["items"].(map[string]any)
		if items == nil {
			return v
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = s.withDefaults(items, e)
		}
		return out
	}
	return x
}

// objectDefaults fills the defaults of obj's properties and descends into
// the values it has.
func (s *schemas) objectDefaults(node map[string]any, obj map[string]any) map[string]any {
	props, _ := node["properties"].(map[string]any)
	extra, _ := node["additionalProperties"].(map[string]any)
	out := make(map[string]any, len(obj)+len(props))
	for k, v := range obj {
		switch pn, ok := props[k].(map[string]any); {
		case ok:
			out[k] = s.withDefaults(pn, v)
		case extra != nil:
			out[k] = s.withDefaults(extra, v)
		default:
			out[k] = v
		}
	}
	for k, p := range props {
		pn, _ := p.(map[string]any)
		if def, ok := pn["default"]; ok {
			if _, present := obj[k]; !present {
				out[k] = copyJSON(def)
			}
		}
	}
	return out
}

// copyJSON deep-copies a value decoded from JSON, so a default taken from
// the document is never shared with a request.
func copyJSON(x any) any {
	switch v := x.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = copyJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = copyJSON(e)
		}
		return out
	}
	return x
}
