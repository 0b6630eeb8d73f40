package promote

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Side is one target of a promote: its name in the project file, its
// Backend and the version cache its reads go through.
type Side struct {
	Name    string
	Backend backend.Backend
	// Cache keeps the versions read; nil reads every one from the API.
	Cache *cache.Cache
}

// Request asks for a promote of version set From of Service to set To.
type Request struct {
	Service  string
	From, To string
	// Source is where set From is read. Dest is where set To is changed:
	// the same target, or, across targets, another one that gets copies
	// of the versions From pins (Dest.Backend nil: the same as Source).
	Source, Dest Side
	// ToolVersion is recorded in the plan.
	ToolVersion string
}

// Result is a plan of a promote or rollback, and what applying it needs.
type Result struct {
	// Plan changes the version set (and, across targets, creates the
	// copied versions first); it is empty when the set already matches.
	Plan *plan.Plan
	// Live is the live state of the target the plan changes, for
	// apply.Options.Live.
	Live *plan.Live
	// Set is the version set's name, and Pins the pins that move: what
	// `--write` puts in the manifest (a zero Pin stays as it is there).
	Set  string
	Pins spec.VersionSet
}

// State is a service as read live, with its agent and context graph.
type State struct {
	Live                *plan.Live
	Service             backend.Service
	Agent, ContextGraph backend.Container
}

// Read lists the target of side and finds the service called name, its
// agent and its context graph (list calls only).
func Read(ctx context.Context, side Side, name string) (*State, error) {
	live, err := plan.ReadLive(ctx, side.Backend, &spec.Bundle{}, plan.ReadOptions{TargetName: side.Name, Cache: side.Cache})
	if err != nil {
		return nil, fmt.Errorf("read the live state of target %q: %w", side.Name, err)
	}
	svc, found, all := plan.ManagedService(live.Services, name)
	switch {
	case !found && len(all) > 0:
		return nil, fmt.Errorf("target %q: %d services are called %s: %s; amigosync manages the active one, or the only one, so it cannot tell which one is meant",
			side.Name, len(all), name, plan.DescribeServices(all))
	case !found:
		return nil, fmt.Errorf("target %q has no service called %s", side.Name, name)
	}
	st := &State{Live: live, Service: svc}
	var errs []error
	for _, c := range []struct {
		kind spec.Kind
		id   string
		dst  *backend.Container
	}{{spec.KindAgent, svc.AgentID, &st.Agent}, {spec.KindContextGraph, svc.ContextGraphID, &st.ContextGraph}} {
		i := slices.IndexFunc(live.Containers[c.kind], func(x backend.Container) bool { return x.ID == c.id })
		if i < 0 {
			errs = append(errs, fmt.Errorf("target %q: the %s of service %s (%s) is not listed", side.Name, c.kind.Noun(), name, c.id))
			continue
		}
		*c.dst = live.Containers[c.kind][i]
	}
	return st, errors.Join(errs...)
}

// EdgeSet is the Classic version set the server keeps on every service,
// following the latest versions; it cannot be set, and reading it means
// the latest version of each.
const EdgeSet = "edge"

// set returns the version set name of the state's service, or an error
// that lists the sets it has. Classic's edge set pins latest of both.
func (st *State) set(target, name string) (spec.VersionSet, error) {
	if name == EdgeSet && st.Live.Target.Dialect == spec.DialectClassic {
		return spec.VersionSet{Agent: spec.Pin{Kind: spec.PinLatest}, ContextGraph: spec.Pin{Kind: spec.PinLatest}}, nil
	}
	vs, ok := st.Service.Spec.VersionSets[name]
	if !ok {
		have := slices.Sorted(maps.Keys(st.Service.Spec.VersionSets))
		return vs, fmt.Errorf("target %q: service %s has no version set %s (it has %s)", target, st.Service.Name, name, orNone(have))
	}
	return vs, nil
}

// orNone joins names, or says "none".
func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// Promote reads set From of the service and plans setting set To to the
// numbers it resolves to (latest becomes the live latest number). It
// refuses a From set that does not exist or pins a version that does not
// exist. Across targets it plans copies of the pinned versions' content
// (see copyPinned) and pins the copies. Nothing is written: apply the
// plan with pkg/apply.
func Promote(ctx context.Context, r Request) (*Result, error) {
	if r.Dest.Backend == nil {
		r.Dest = r.Source
	}
	across := r.Dest.Backend != r.Source.Backend
	if err := settable(r.Dest, r.To); err != nil {
		return nil, err
	}
	if across {
		if err := checkSides(r.Source, r.Dest); err != nil {
			return nil, err
		}
	}
	src, err := Read(ctx, r.Source, r.Service)
	if err != nil {
		return nil, err
	}
	from, err := src.set(r.Source.Name, r.From)
	if err != nil {
		return nil, err
	}
	pins, err := Resolve(r.Service, r.From, from, src.Agent, src.ContextGraph)
	if err != nil {
		return nil, fmt.Errorf("target %q: %w", r.Source.Name, err)
	}
	dst, reason := src, fmt.Sprintf("promote version set %s: %s", r.From, pins)
	var copies []plan.VersionCopy
	if across {
		if dst, err = Read(ctx, r.Dest, r.Service); err != nil {
			return nil, err
		}
		c := newCopier(ctx, r.Source, r.Dest, src.Live, dst.Live)
		there := pins
		if pins, err = c.pinned(src, dst, pins); err != nil {
			return nil, err
		}
		copies = c.copies
		reason = fmt.Sprintf("promote version set %s of target %q: %s there, %s here", r.From, r.Source.Name, there, pins)
	}
	set := spec.VersionSet{Agent: spec.NumberPin(pins.Agent), ContextGraph: spec.NumberPin(pins.ContextGraph)}
	res := repin(r.Dest, dst, r.To, set, reason, copies, r.ToolVersion)
	res.Pins = set
	return res, nil
}

// checkSides refuses a promote across targets of two dialects: content
// does not copy between them as it is. (Whether two targets are one place
// is the caller's to tell: two embedded emulators of different projects
// have the same Info.)
func checkSides(a, b Side) error {
	if ai, bi := a.Backend.Info(), b.Backend.Info(); ai.Dialect != bi.Dialect {
		return fmt.Errorf("target %q is %s and target %q is %s: versions copy only between targets of one API; `amigosync migrate` translates a Classic organization to a Platform workspace",
			a.Name, ai.Dialect, b.Name, bi.Dialect)
	}
	return nil
}

// RollbackRequest asks for a rollback of version set Set of Service.
type RollbackRequest struct {
	Service, Set string
	Rollback     Rollback
	Side         Side
	ToolVersion  string
}

// RollBack reads the service and plans re-pinning set Set as r.Rollback
// says (see Rollback.Apply). Nothing is written.
func RollBack(ctx context.Context, r RollbackRequest) (*Result, error) {
	if err := settable(r.Side, r.Set); err != nil {
		return nil, err
	}
	st, err := Read(ctx, r.Side, r.Service)
	if err != nil {
		return nil, err
	}
	vs, err := st.set(r.Side.Name, r.Set)
	if err != nil {
		return nil, err
	}
	next, err := r.Rollback.Apply(r.Service, r.Set, vs, st.Agent, st.ContextGraph)
	if err != nil {
		return nil, fmt.Errorf("target %q: %w", r.Side.Name, err)
	}
	res := repin(r.Side, st, r.Set, next, "roll back version set "+r.Set, nil, r.ToolVersion)
	if r.Rollback.Agent {
		res.Pins.Agent = next.Agent
	}
	if r.Rollback.ContextGraph {
		res.Pins.ContextGraph = next.ContextGraph
	}
	return res, nil
}

// settable refuses to change Classic's edge set, which the server keeps.
func settable(side Side, name string) error {
	if name == EdgeSet && side.Backend.Info().Dialect == spec.DialectClassic {
		return fmt.Errorf("target %q: version set %s is managed by the Classic server (it follows the latest versions) and cannot be set; choose another set", side.Name, EdgeSet)
	}
	return nil
}

// repin makes the plan of setting version set name of st's service to the
// pins of set.
func repin(side Side, st *State, name string, set spec.VersionSet, reason string, copies []plan.VersionCopy, tool string) *Result {
	containers := []backend.Container{st.Agent, st.ContextGraph}
	for _, c := range copies {
		if c.Container.ID != st.Agent.ID && c.Container.ID != st.ContextGraph.ID {
			containers = append(containers, c.Container)
		}
	}
	p := plan.MakeRepin(plan.Repin{
		Target: plan.TargetOf(side.Name, side.Backend.Info()), ToolVersion: tool,
		Service: st.Service, Set: name, Agent: set.Agent, ContextGraph: set.ContextGraph,
		Reason: reason, Versions: copies, Containers: containers,
	})
	return &Result{Plan: p, Live: st.Live, Set: name}
}
