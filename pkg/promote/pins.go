package promote

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Pins are the version numbers a version set pins, latest resolved.
type Pins struct {
	Agent, ContextGraph int
}

// String reads "agent v3, context graph v5".
func (p Pins) String() string {
	return fmt.Sprintf("agent v%d, context graph v%d", p.Agent, p.ContextGraph)
}

// exists reports whether version n of c exists. Versions are numbered
// from 1 without gaps and never deleted (a deprecated or deleted
// container keeps its versions readable), so 1..Latest exist.
func exists(c backend.Container, n int) bool { return n >= 1 && n <= c.Latest }

// pinned is the number pin p of container c stands for: itself, or c's
// latest version for latest. ok is false for a pin that stands for no
// number (current, which only a manifest holds, or latest of a container
// without versions).
func pinned(p spec.Pin, c backend.Container) (n int, ok bool) {
	switch p.Kind {
	case spec.PinNumber:
		return p.Number, true
	case spec.PinLatest:
		return c.Latest, c.Latest >= 1
	}
	return 0, false
}

// Resolve returns the numbers version set name of service pins: a number
// as it is, latest as the latest version of the container. It refuses a
// pin to a version that does not exist, naming the service, the set and
// the version.
func Resolve(service, name string, set spec.VersionSet, agent, graph backend.Container) (Pins, error) {
	a, errA := resolvePin(service, name, set.Agent, agent)
	g, errG := resolvePin(service, name, set.ContextGraph, graph)
	return Pins{Agent: a, ContextGraph: g}, errors.Join(errA, errG)
}

// resolvePin resolves one pin of a set (see Resolve).
func resolvePin(service, set string, p spec.Pin, c backend.Container) (int, error) {
	n, ok := pinned(p, c)
	switch {
	case !ok && p.Kind == spec.PinLatest:
		return 0, fmt.Errorf("service %s: version set %s pins the latest version of %s %s, which has no version yet", service, set, c.Kind.Noun(), c.Name)
	case !ok:
		return 0, fmt.Errorf("service %s: version set %s pins %s %s as %q, which is not a version number", service, set, c.Kind.Noun(), c.Name, p)
	case !exists(c, n):
		return 0, fmt.Errorf("service %s: version set %s pins %s %s v%d, which does not exist (%s)", service, set, c.Kind.Noun(), c.Name, n, versionsOf(c))
	}
	return n, nil
}

// versionsOf says which versions c has: "its versions are 1 to 4".
func versionsOf(c backend.Container) string {
	switch c.Latest {
	case 0:
		return "it has no version yet"
	case 1:
		return "its only version is 1"
	}
	return fmt.Sprintf("its versions are 1 to %d", c.Latest)
}

// Rollback says which pins of a version set a rollback moves, and where.
type Rollback struct {
	// Agent and ContextGraph say which pins move.
	Agent, ContextGraph bool
	// Previous moves each to the highest existing version below its
	// current pin; otherwise ToAgent and ToContextGraph are the numbers.
	Previous                bool
	ToAgent, ToContextGraph int
}

// ParseRollback reads rollback's flags: --previous, or --to N (both pins
// to N) or --to agent=N,graph=M (each its own number; either part may be
// left out, and then that pin stays), restricted by --agent-only or
// --graph-only.
func ParseRollback(to string, previous, agentOnly, graphOnly bool) (Rollback, error) {
	r := Rollback{Previous: previous, Agent: !graphOnly, ContextGraph: !agentOnly}
	switch {
	case agentOnly && graphOnly:
		return r, errors.New("--agent-only and --graph-only exclude each other; without either, both pins move")
	case previous && to != "":
		return r, errors.New("--previous and --to exclude each other: choose one")
	case !previous && to == "":
		return r, errors.New("say where to roll back to: --previous, or --to N (or --to agent=N,graph=M)")
	case previous:
		return r, nil
	}
	if n, err := strconv.Atoi(to); err == nil {
		if n < 1 {
			return r, fmt.Errorf("--to %s: a version number is 1 or more", to)
		}
		r.ToAgent, r.ToContextGraph = n, n
		return r, nil
	}
	return parseParts(r, to, agentOnly, graphOnly)
}

// parseParts reads --to agent=N,graph=M.
func parseParts(r Rollback, to string, agentOnly, graphOnly bool) (Rollback, error) {
	r.Agent, r.ContextGraph = false, false
	for _, part := range strings.Split(to, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 {
			return r, fmt.Errorf("--to %s: %q is not agent=N or graph=N with N a version number (or a plain N for both)", to, part)
		}
		switch key {
		case "agent":
			r.Agent, r.ToAgent = true, n
		case "graph", "context_graph":
			r.ContextGraph, r.ToContextGraph = true, n
		default:
			return r, fmt.Errorf("--to %s: %q names neither agent nor graph", to, key)
		}
	}
	if (agentOnly && r.ContextGraph) || (graphOnly && r.Agent) {
		return r, fmt.Errorf("--to %s moves a pin that --agent-only or --graph-only leaves alone", to)
	}
	return r, nil
}

// Apply returns version set name of service after the rollback: the
// pins that move as numbers, the others as they are. A number must exist;
// --previous needs an earlier version to exist below the current pin
// (latest standing for the container's latest version).
func (r Rollback) Apply(service, name string, set spec.VersionSet, agent, graph backend.Container) (spec.VersionSet, error) {
	out := set
	var errs []error
	move := func(on bool, c backend.Container, p spec.Pin, to int, dst *spec.Pin) {
		if !on {
			return
		}
		n, err := r.target(service, name, c, p, to)
		if err != nil {
			errs = append(errs, err)
			return
		}
		*dst = spec.NumberPin(n)
	}
	move(r.Agent, agent, set.Agent, r.ToAgent, &out.Agent)
	move(r.ContextGraph, graph, set.ContextGraph, r.ToContextGraph, &out.ContextGraph)
	return out, errors.Join(errs...)
}

// target is where one pin p of container c moves.
func (r Rollback) target(service, set string, c backend.Container, p spec.Pin, to int) (int, error) {
	if !r.Previous {
		if !exists(c, to) {
			return 0, fmt.Errorf("service %s: cannot pin %s %s v%d in version set %s: that version does not exist (%s)", service, c.Kind.Noun(), c.Name, to, set, versionsOf(c))
		}
		return to, nil
	}
	// A pin to a version that does not exist (the service's agent was
	// replaced) still has versions below it: rolling back repairs it.
	cur, ok := pinned(p, c)
	if !ok {
		return 0, fmt.Errorf("service %s: version set %s pins %s %s as %q, which stands for no version to roll back from", service, set, c.Kind.Noun(), c.Name, p)
	}
	n := min(cur-1, c.Latest)
	if n < 1 {
		return 0, fmt.Errorf("service %s: version set %s pins %s %s v%d, and no earlier version exists to roll back to%s", service, set, c.Kind.Noun(), c.Name, cur, onlyHint(r, c.Kind))
	}
	return n, nil
}

// onlyHint suggests moving the other pin alone, when both were to move.
func onlyHint(r Rollback, stuck spec.Kind) string {
	if !r.Agent || !r.ContextGraph {
		return ""
	}
	if stuck == spec.KindAgent {
		return " (--graph-only rolls back the context graph alone)"
	}
	return " (--agent-only rolls back the agent alone)"
}
