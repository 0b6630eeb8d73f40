package spec

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// valueAt returns the value at path in a JSON-compatible value, or nil.
func valueAt(v any, path []string) any {
	for _, tok := range path {
		switch c := v.(type) {
		case map[string]any:
			v = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}

// jsonTypeName names the JSON type of a value in words.
func jsonTypeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "an integer"
		}
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// typeWord names a JSON Schema type in words.
func typeWord(t string) string {
	switch t {
	case "integer":
		return "an integer"
	case "array":
		return "a list"
	case "object":
		return "a mapping"
	case "null":
		return "null"
	}
	return "a " + t // string, number, boolean
}

// schemaTypes returns the words for the "type" keyword of a schema object.
func schemaTypes(sch map[string]any) []string {
	var out []string
	switch t := sch["type"].(type) {
	case string:
		out = append(out, typeWord(t))
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, typeWord(s))
			}
		}
	}
	return out
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// gotSuffix shows the offending scalar value, briefly.
func gotSuffix(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 60 {
			v = v[:57] + "..."
		}
		return fmt.Sprintf(" (got %q)", v)
	case json.Number:
		return fmt.Sprintf(" (got %s)", v)
	case bool:
		return fmt.Sprintf(" (got %t)", v)
	}
	return ""
}

// leafMessage words a failed keyword for people who have never read a JSON
// Schema.
func leafMessage(kw string, sch map[string]any, v any) string {
	num := func(key string) string {
		if n, ok := sch[key].(float64); ok {
			return strconv.FormatFloat(n, 'g', -1, 64)
		}
		return "?"
	}
	switch kw {
	case "type":
		return "must be " + orList(schemaTypes(sch)) + ", not " + jsonTypeName(v)
	case "const":
		return fmt.Sprintf("must be %v%s", sch["const"], gotSuffix(v))
	case "enum":
		var opts []string
		list, _ := sch["enum"].([]any)
		for _, o := range list {
			if o == nil {
				opts = append(opts, "null")
				continue
			}
			opts = append(opts, fmt.Sprint(o))
		}
		if len(opts) > 20 {
			return "is not an allowed value" + gotSuffix(v)
		}
		return "must be one of " + strings.Join(opts, ", ") + gotSuffix(v)
	case "pattern":
		return fmt.Sprintf("must match %v%s", sch["pattern"], gotSuffix(v))
	case "minLength":
		if num("minLength") == "1" {
			return "must not be empty"
		}
		return "must be at least " + num("minLength") + " characters long"
	case "maxLength":
		return fmt.Sprintf("must be at most %s characters long (got %d)", num("maxLength"), len([]rune(fmt.Sprint(v))))
	case "minItems":
		return "needs at least " + entries(num("minItems"))
	case "maxItems":
		return fmt.Sprintf("allows at most %s entries (got %d)", num("maxItems"), lenOf(v))
	case "minProperties":
		return "needs at least " + entries(num("minProperties"))
	case "maxProperties":
		return fmt.Sprintf("allows at most %s entries (got %d)", num("maxProperties"), lenOf(v))
	case "minimum":
		return "must be at least " + num("minimum") + gotSuffix(v)
	case "maximum":
		return "must be at most " + num("maximum") + gotSuffix(v)
	case "exclusiveMinimum":
		return "must be more than " + num("exclusiveMinimum") + gotSuffix(v)
	case "exclusiveMaximum":
		return "must be less than " + num("exclusiveMaximum") + gotSuffix(v)
	case "items", "prefixItems":
		return "has too many entries"
	}
	return "is not valid here"
}

func lenOf(v any) int {
	switch v := v.(type) {
	case []any:
		return len(v)
	case map[string]any:
		return len(v)
	}
	return 0
}

// entries is "1 entry" or "n entries".
func entries(n string) string {
	if n == "1" {
		return "1 entry"
	}
	return n + " entries"
}

// nearest returns the declared property closest to a misspelt key (edit
// distance at most 2), or "".
func nearest(key string, props map[string]any) string {
	best, bestD := "", 3
	names := make([]string, 0, len(props))
	for p := range props {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		if d := editDistance(key, p, bestD); d < bestD {
			best, bestD = p, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or limit when it is
// at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// humanPath renders JSON pointer tokens as spec.states[2].exit_conditions[0],
// adding the state name after a state index when it is known.
func humanPath(value any, path []string) string {
	var b strings.Builder
	cur := value
	for i, tok := range path {
		switch c := cur.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			if idx, err := strconv.Atoi(tok); err == nil && idx >= 0 && idx < len(c) {
				cur = c[idx]
				if i > 0 && path[i-1] == "states" {
					if m, ok := cur.(map[string]any); ok {
						if name, ok := m["name"].(string); ok && name != "" {
							b.WriteString(" (" + name + ")")
						}
					}
				}
			} else {
				cur = nil
			}
		case map[string]any:
			if i > 0 {
				b.WriteString(".")
			}
			b.WriteString(tok)
			cur = c[tok]
		default:
			if i > 0 {
				b.WriteString(".")
			}
			b.WriteString(tok)
			cur = nil
		}
	}
	return b.String()
}
