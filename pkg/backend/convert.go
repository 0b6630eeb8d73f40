package backend

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Small conversions shared by both adapters.

// nonNil returns s, or an empty non-nil slice: the APIs want [] where a
// list is required, and an update that sends [] clears a list where nil
// would leave it unchanged.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// nilIfEmpty returns nil for an empty slice, so that "absent" and "empty"
// compare equal in the manifest model.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// nilIfEmptyMap is nilIfEmpty for maps.
func nilIfEmptyMap[K comparable, V any](m map[K]V) map[K]V {
	if len(m) == 0 {
		return nil
	}
	return m
}

// trim removes surrounding white space, as the Classic API does to the
// strings of its "StrippedNonemptyString" types.
func trim(s string) string { return strings.TrimSpace(s) }

// trimAll trims every string of a list; an empty list becomes nil.
func trimAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = trim(s)
	}
	return out
}

// trimPtr trims the string p points to.
func trimPtr(p *string) *string {
	if p == nil {
		return nil
	}
	s := trim(*p)
	return &s
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// optional returns nil for the zero value, else a pointer to v.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// recode converts between a typed wire struct and a map[string]any (or
// back) through JSON, the form the manifest model keeps free-form objects
// in (numbers as float64). An empty result is nil.
func recode[T any](in any) (T, error) {
	var out T
	raw, err := json.Marshal(in)
	if err != nil {
		return out, err
	}
	if string(raw) == "null" {
		return out, nil
	}
	err = json.Unmarshal(raw, &out)
	return out, err
}

// toMap converts a typed wire value to the manifest model's free-form
// object; nil or empty becomes nil.
func toMap(in any) map[string]any {
	m, err := recode[map[string]any](in)
	if err != nil {
		return nil
	}
	return nilIfEmptyMap(m)
}

// tagsFromWire turns either API's list of {key, value} tags into the
// manifest's mapping (nil when there are none).
func tagsFromWire[T any](tags []T, kv func(T) (string, *string)) map[string]*string {
	var out map[string]*string
	for _, t := range tags {
		if out == nil {
			out = map[string]*string{}
		}
		k, v := kv(t)
		out[k] = v
	}
	return out
}

// setsFromWire converts either API's version sets to the manifest model,
// leaving out the server-managed set named skip (Classic's edge; "" for
// none). It is nil when no set is left.
func setsFromWire[S any](sets map[string]S, skip string, conv func(S) spec.VersionSet) map[string]spec.VersionSet {
	var out map[string]spec.VersionSet
	for name, vs := range sets {
		if skip != "" && name == skip {
			continue
		}
		if out == nil {
			out = map[string]spec.VersionSet{}
		}
		out[name] = conv(vs)
	}
	return out
}

// versionSetToWire converts a manifest version set's pins and model
// preferences to either API's wire form; llm builds one LLM config.
func versionSetToWire[L any](set spec.VersionSet, llm func(spec.LLMConfig) L) (agent, graph *int, prefs map[string]L, err error) {
	if agent, err = pinToWire(set.Agent); err != nil {
		return nil, nil, nil, fmt.Errorf("agent pin: %w", err)
	}
	if graph, err = pinToWire(set.ContextGraph); err != nil {
		return nil, nil, nil, fmt.Errorf("context graph pin: %w", err)
	}
	prefs = make(map[string]L, len(set.LLMModelPreferences))
	for k, c := range set.LLMModelPreferences {
		prefs[k] = llm(c)
	}
	return agent, graph, prefs, nil
}
