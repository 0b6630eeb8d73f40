package plan

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Live is the live state a plan is made against: every container and
// service as listed, and the latest version of each container a manifest
// names. Read fills it from a Backend; tests build it by hand.
type Live struct {
	Target Target
	// Containers are every agent and context graph as listed, by kind.
	Containers map[spec.Kind][]backend.Container
	// Latest holds the content of the latest version of each managed
	// container, by container id, in the manifest model (references by
	// graph name where the graph is known).
	Latest map[string]backend.Version
	// Services are every service as listed, with agent and context graph
	// names filled in where the ids are known.
	Services []backend.Service
}

// Index returns the name ↔ id index of the live containers.
func (l *Live) Index() backend.Index {
	var all []backend.Container
	for _, k := range spec.Kinds() {
		all = append(all, l.Containers[k.Kind]...)
	}
	return backend.NewIndex(all...)
}

// Selector chooses a resource by kind and name (`--only Agent/intake`).
type Selector struct {
	Kind spec.Kind
	Name string
}

// String reads "Agent/intake".
func (s Selector) String() string { return string(s.Kind) + "/" + s.Name }

// ParseSelector reads "Kind/name"; the kind is matched without regard to
// case ("agent/intake", "contextgraph/billing").
func ParseSelector(s string) (Selector, error) {
	kind, name, ok := strings.Cut(s, "/")
	if !ok || name == "" {
		return Selector{}, fmt.Errorf("%q is not Kind/name (for example Agent/intake-agent)", s)
	}
	var known []string
	for _, k := range spec.Kinds() {
		if strings.EqualFold(string(k.Kind), kind) {
			return Selector{Kind: k.Kind, Name: name}, nil
		}
		known = append(known, string(k.Kind))
	}
	return Selector{}, fmt.Errorf("%q: unknown kind %q (one of %s)", s, kind, strings.Join(known, ", "))
}
