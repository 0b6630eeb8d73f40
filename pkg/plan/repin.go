package plan

import (
	"fmt"
	"slices"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Repin describes a change of one version set of a live service to
// chosen version numbers, as `amigosync promote` and `amigosync rollback`
// make it: not from manifests but from the pins of another set, or from
// an earlier version. MakeRepin turns it into a Plan that pkg/apply
// executes with the usual guards.
type Repin struct {
	// Target is what the plan is made against.
	Target Target
	// ToolVersion is recorded in the plan.
	ToolVersion string
	// Service is the live service, as read (its version sets included).
	Service backend.Service
	// Set is the name of the version set to change (created when absent).
	Set string
	// Agent and ContextGraph are the pins to set: numbers, or latest.
	Agent, ContextGraph spec.Pin
	// Reason explains the change ("promote staging to release").
	Reason string
	// Versions are versions to create first (a promote across targets
	// copies the pinned content), in order: each waits for those before it
	// (a context graph for the graphs it references), the set for all.
	Versions []VersionCopy
	// Containers are the live containers read (the service's agent and
	// context graph, and any a copy creates a version of), for the stale
	// check of a saved plan.
	Containers []backend.Container
}

// VersionCopy is a new version of a live container, made from content
// read elsewhere.
type VersionCopy struct {
	// Container is the live container that gets the version; the new
	// version is its Latest + 1.
	Container backend.Container
	// Before is its latest version's content (nil when it has none), for
	// the diff shown; After is the content to create.
	Before *backend.Version
	After  backend.Version
	// Reason explains the copy.
	Reason string
}

// MakeRepin returns the plan of r: a new version step per copy, then one
// version set step guarded on the set as read (its fingerprint, or its
// absence). The set keeps its LLM model preferences; only its two pins
// change. When the set already pins those numbers and nothing is to be
// copied, the plan is empty. MakeRepin is pure.
func MakeRepin(r Repin) *Plan {
	p := &Plan{FormatVersion: FormatVersion, ToolVersion: r.ToolVersion, Target: r.Target}
	for _, c := range r.Containers {
		p.Reads = append(p.Reads, containerRead(c))
	}
	p.Reads = append(p.Reads, serviceRead(r.Service))
	var deps []string
	for _, v := range r.Versions {
		c := v.Container
		s := Step{Kind: c.Kind, Name: c.Name, Object: ObjVersion, Action: NewVersion, Container: &c,
			After: &Value{Version: &v.After}, Guard: Guard{Version: c.Latest + 1}, Reason: v.Reason}
		if v.Before != nil {
			s.Before = &Value{Version: v.Before}
		}
		s.DependsOn = slices.Clone(deps)
		s.ID = stepID(s.Kind, s.Name, s.Object, s.Set)
		p.Steps = append(p.Steps, s)
		deps = append(deps, s.ID)
	}
	norm := backend.NormalizerFor(r.Target.Dialect)
	normalize := func(vs spec.VersionSet) spec.VersionSet {
		out := norm.NormalizeService(spec.ServiceSpec{VersionSets: map[string]spec.VersionSet{r.Set: vs}})
		return out.VersionSets[r.Set]
	}
	live := liveSet(r.Service, r.Set)
	want := spec.VersionSet{Agent: r.Agent, ContextGraph: r.ContextGraph}
	if live != nil {
		want.LLMModelPreferences = live.LLMModelPreferences
	}
	want = normalize(want)
	svc := r.Service
	s := Step{Kind: spec.KindService, Name: svc.Name, Object: ObjVersionSet, Set: r.Set, Action: Update,
		Service: &svc, After: &Value{VersionSet: &want}, DependsOn: deps, Reason: r.Reason,
		Guard: Guard{Fingerprint: backend.VersionSetFingerprint(live)}}
	if live != nil {
		before := normalize(*live)
		if cmp.Equal(before, want, equalOpts) && len(r.Versions) == 0 {
			return p
		}
		s.Before = &Value{VersionSet: &before}
	} else if s.Reason != "" {
		s.Reason += fmt.Sprintf(" (service %s has no version set %s yet)", svc.Name, r.Set)
	}
	s.ID = stepID(s.Kind, s.Name, s.Object, s.Set)
	p.Steps = append(p.Steps, s)
	return p
}
