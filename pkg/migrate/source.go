package migrate

import (
	"sort"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Source is the Classic side of a migration, as read from an organization:
// every agent and context graph with the versions read, and every service.
// Specs are in the manifest model, as pkg/backend reads them: services name
// their agent and context graph by name, graph references name the
// referenced graph by live id (or by name).
type Source struct {
	// Organization is the Classic organization id, shown in the report.
	Organization  string
	Agents        []Container[spec.AgentSpec]
	ContextGraphs []Container[spec.ContextGraphSpec]
	Services      []Service
}

// Container is a Classic agent or context graph with the versions read.
// Translate needs the latest version and every version a version set pins
// (every version with Options.AllVersions; with Options.InlineReferences
// also the versions other graphs reference); a needed version that is
// missing blocks the resource with a finding that says so.
type Container[S any] struct {
	ID     string
	Name   string
	Latest int // the container's latest version number; 0: no versions
	// Versions holds the content of each version read, by number.
	Versions map[int]S
}

// numbers returns the version numbers read, ascending.
func (c *Container[S]) numbers() []int {
	out := make([]int, 0, len(c.Versions))
	for n := range c.Versions {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// Service is a Classic service. Spec.Agent and Spec.ContextGraph are the
// names of containers in the Source; its version sets may include `edge`,
// which is not migrated.
type Service struct {
	ID   string
	Name string
	Spec spec.ServiceSpec
}

// Options tune a translation.
type Options struct {
	// AllVersions migrates every version of every container, instead of
	// the versions some version set pins plus the latest.
	AllVersions bool
	// InlineReferences migrates a graph that jumps into another graph by
	// copying the referenced graph's states into it (see the package
	// documentation) instead of blocking it.
	InlineReferences bool
	// Map resolves what cannot move on its own; nil for none.
	Map *Map
	// Validator checks every translated version against the Platform
	// dialect's schemas and rules; a version that fails blocks its
	// resource. Nil: Translate compiles one.
	Validator *spec.Validator
}
