package plan

import (
	"cmp"
	"slices"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Options shape a plan.
type Options struct {
	// ToolVersion is recorded in the plan.
	ToolVersion string
	// Prune plans the removal of what no manifest names.
	Prune bool
	// Only keeps the steps of these resources and of what they need.
	Only []Selector
}

// Make compares the manifests with the live state and returns the ordered,
// guarded steps that make the live state match. It does no I/O and reads
// no clock: the same inputs give the same plan. Problems that make a plan
// impossible (a pin to a version that does not exist, an ambiguous name, a
// change the API cannot make) are error Diagnostics at the manifest field
// they are about; the plan is then not to be applied.
func Make(desired *spec.Bundle, live *Live, opts Options) (*Plan, spec.Diagnostics) {
	m := newMaker(desired, live, opts)
	for _, k := range containerKinds {
		m.containers(k)
	}
	m.services()
	if opts.Prune {
		m.prune()
	}
	m.unmanaged()
	p := m.plan
	p.Steps = order(p.Steps)
	if len(opts.Only) > 0 {
		p.Steps, m.diags = only(p.Steps, m.diags, opts.Only)
	}
	slices.SortFunc(p.Reads, func(a, b Read) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	m.diags.Sort()
	return p, m.diags
}

// maker is the state of one Make.
type maker struct {
	desired *spec.Bundle
	live    *Live
	opts    Options
	norm    backend.Normalizer
	idx     backend.Index
	plan    *Plan
	diags   spec.Diagnostics
	// managed is the live container each manifest name manages (absent:
	// the plan creates it).
	managed map[spec.Kind]map[string]backend.Container
	// current is the version number `current` means for each container
	// manifest: the live latest when it equals the manifest, else the
	// version this plan creates.
	current map[spec.Kind]map[string]int
	// steps maps a container's name to the ID of the step that creates its
	// container and of the one that creates its current version.
	createStep, versionStep map[spec.Kind]map[string]string
	// unresolvable marks container manifests that cannot be planned (an
	// error says why), so that pins to them add no second error.
	unresolvable map[spec.Kind]map[string]bool
	// managedSvc maps a service manifest's name to its managed live service.
	managedSvc map[string]backend.Service
}

func newMaker(desired *spec.Bundle, live *Live, opts Options) *maker {
	m := &maker{
		desired: desired, live: live, opts: opts,
		norm: backend.NormalizerFor(live.Target.Dialect), idx: live.Index(),
		plan:    &Plan{FormatVersion: FormatVersion, ToolVersion: opts.ToolVersion, Target: live.Target},
		managed: map[spec.Kind]map[string]backend.Container{}, current: map[spec.Kind]map[string]int{},
		createStep: map[spec.Kind]map[string]string{}, versionStep: map[spec.Kind]map[string]string{},
		unresolvable: map[spec.Kind]map[string]bool{},
		managedSvc:   map[string]backend.Service{},
	}
	for _, k := range containerKinds {
		m.managed[k.kind] = map[string]backend.Container{}
		m.current[k.kind] = map[string]int{}
		m.createStep[k.kind] = map[string]string{}
		m.versionStep[k.kind] = map[string]string{}
		m.unresolvable[k.kind] = map[string]bool{}
	}
	return m
}

// add appends a step and returns its ID.
func (m *maker) add(s Step) string {
	s.ID = stepID(s.Kind, s.Name, s.Object, s.Set)
	m.plan.Steps = append(m.plan.Steps, s)
	return s.ID
}

// errorAt records an error about the manifest field at path.
func (m *maker) errorAt(kind spec.Kind, name, code, summary, detail string, path ...string) {
	m.diags.Append(spec.Diagnostic{
		Severity: spec.SeverityError, Code: code, Summary: summary, Detail: detail,
		Range: m.desired.Locate(kind, name, path...), Kind: string(kind), Name: name,
	})
}

// order sorts steps by phase (the order of kinds of DESIGN.md), then by
// the dependency rank inside a phase, then by name, so that every step
// comes after the steps it depends on.
func order(steps []Step) []Step {
	rank := depthOf(steps)
	slices.SortStableFunc(steps, func(a, b Step) int {
		return cmp.Or(cmp.Compare(phase(a), phase(b)), cmp.Compare(rank[a.ID], rank[b.ID]),
			cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Set, b.Set))
	})
	return steps
}

// depthOf is each step's longest chain of dependencies.
func depthOf(steps []Step) map[string]int {
	byID := make(map[string]*Step, len(steps))
	for i := range steps {
		byID[steps[i].ID] = &steps[i]
	}
	depth := make(map[string]int, len(steps))
	var visit func(id string, seen map[string]bool) int
	visit = func(id string, seen map[string]bool) int {
		if d, ok := depth[id]; ok {
			return d
		}
		s, ok := byID[id]
		if !ok || seen[id] {
			return 0
		}
		seen[id] = true
		d := 0
		for _, dep := range s.DependsOn {
			d = max(d, visit(dep, seen)+1)
		}
		depth[id] = d
		return d
	}
	for _, s := range steps {
		visit(s.ID, map[string]bool{})
	}
	return depth
}

// phase places a step in the order of kinds: create containers, set
// descriptions, new agent versions, new graph versions, create services,
// update services, upsert version sets; then removals: version sets,
// services, containers (graphs before agents).
func phase(s Step) int {
	switch {
	case s.Action == Remove && s.Object == ObjVersionSet:
		return 7
	case s.Action == Remove && s.Object == ObjService:
		return 8
	case s.Action == Remove:
		return 9
	case s.Object == ObjContainer:
		return 0
	case s.Object == ObjDescription:
		return 1
	case s.Object == ObjVersion:
		return 2 + kindOrder(s.Kind)
	case s.Object == ObjService && s.Action == Create:
		return 4
	case s.Object == ObjService:
		return 5
	}
	return 6
}
