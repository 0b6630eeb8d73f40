package backend

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Version is the content of one version of a container, in the manifest
// model: exactly one of Agent and ContextGraph is set, the one of the
// container's kind. It is what ReadVersion returns, CreateVersion sends
// and NormalizeVersion brings to the server's form, so that the planner
// handles every versioned kind the same way. It holds no container
// description: that is the container's (Container.Description).
type Version struct {
	Agent        *spec.AgentSpec        `json:"agent,omitempty"`
	ContextGraph *spec.ContextGraphSpec `json:"context_graph,omitempty"`
}

// Kind returns the kind of the one version v holds, or "" when it holds
// none or both.
func (v Version) Kind() spec.Kind {
	switch {
	case v.Agent != nil && v.ContextGraph == nil:
		return spec.KindAgent
	case v.ContextGraph != nil && v.Agent == nil:
		return spec.KindContextGraph
	}
	return ""
}

// checkVersion refuses a v that does not hold exactly one version of kind,
// or an agent version carrying a description (the container's, set with
// SetDescription).
func checkVersion(kind spec.Kind, v Version) error {
	switch got := v.Kind(); {
	case got == "":
		return fmt.Errorf("a version holds exactly one agent or context graph, not %s", describeVersion(v))
	case got != kind:
		return fmt.Errorf("the version holds %s %s, not %s %s", article(got), got.Noun(), article(kind), kind.Noun())
	}
	if v.Agent != nil && v.Agent.Description != "" {
		return fmt.Errorf("an agent version holds no description: it is the agent's, changed with SetDescription")
	}
	return nil
}

func describeVersion(v Version) string {
	if v.Agent == nil && v.ContextGraph == nil {
		return "none"
	}
	return "both"
}

// article is "an" before "agent", else "a".
func article(k spec.Kind) string {
	if k == spec.KindAgent {
		return "an"
	}
	return "a"
}

// versionNormalizers are one dialect's normalisations of each versioned
// kind's content; normalize applies the one of a kind to a Version.
type versionNormalizers struct {
	agent func(spec.AgentSpec) spec.AgentSpec
	graph func(spec.ContextGraphSpec) spec.ContextGraphSpec
}

// normalize implements NormalizeVersion for one dialect.
func (n versionNormalizers) normalize(kind spec.Kind, v Version) Version {
	if v.Kind() != kind {
		return v
	}
	switch kind {
	case spec.KindAgent:
		a := n.agent(*v.Agent)
		a.Description = ""
		return Version{Agent: &a}
	case spec.KindContextGraph:
		g := n.graph(*v.ContextGraph)
		return Version{ContextGraph: &g}
	}
	return v
}
