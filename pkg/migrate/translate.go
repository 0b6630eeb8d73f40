package migrate

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Translate turns the Classic side of an organization into Platform
// manifests, one Resource per agent and context graph (with the versions to
// create, oldest first) and one ServiceResult per service, together with
// the Report and the IDMap. It is pure: no I/O, no clock, the same input
// gives the same output.
//
// The error is for input Translate cannot work with: two resources of one
// kind with one name, or a mapping file whose rules do not fit the
// organization (MapErrors). Everything about a resource that cannot move
// is a finding in the report instead, and blocks that resource.
func Translate(src Source, opts Options) (*Result, error) {
	t, err := newTranslator(src, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	for _, c := range sortedByName(src.Agents, func(c Container[spec.AgentSpec]) string { return c.Name }) {
		res.Agents = append(res.Agents, translateContainer(t, spec.KindAgent, c, func(_ int, a spec.AgentSpec) (spec.AgentSpec, []note) {
			return translateAgent(a)
		}))
	}
	for _, c := range sortedByName(src.ContextGraphs, func(c Container[spec.ContextGraphSpec]) string { return c.Name }) {
		res.ContextGraphs = append(res.ContextGraphs, translateContainer(t, spec.KindContextGraph, c, func(v int, g spec.ContextGraphSpec) (spec.ContextGraphSpec, []note) {
			return t.graph(c, v, g)
		}))
	}
	t.checkContainers(res)
	for _, s := range sortedByName(src.Services, func(s Service) string { return s.Name }) {
		res.Services = append(res.Services, t.service(s, res))
	}
	t.checkServices(res)
	t.unusedRules()
	if len(t.mapErrs) > 0 {
		sort.SliceStable(t.mapErrs, func(i, j int) bool { return lessPos(t.mapErrs[i].Range.Start, t.mapErrs[j].Range.Start) })
		return nil, t.mapErrs
	}
	res.Report = t.report(res)
	res.IDMap = newIDMap(res)
	return res, nil
}

// translator is the state of one Translate call.
type translator struct {
	src        Source
	opts       Options
	rules      *Map // never nil (empty without a mapping file)
	agents     map[string]*Container[spec.AgentSpec]
	graphs     map[string]*Container[spec.ContextGraphSpec]
	graphsByID map[string]*Container[spec.ContextGraphSpec]
	// pins holds the version numbers each container's version sets pin,
	// by kind and container name.
	pins map[spec.Kind]map[string][]int
	// findings by kind and name, filled while translating.
	found   map[spec.Kind]map[string]*findings
	mapErrs MapErrors
	errSeen map[string]bool
	used    map[any]bool // the map rules that matched something
	inlined map[graphVersion]*inlinedGraph
}

func newTranslator(src Source, opts Options) (*translator, error) {
	t := &translator{src: src, opts: opts, rules: opts.Map,
		agents: map[string]*Container[spec.AgentSpec]{}, graphs: map[string]*Container[spec.ContextGraphSpec]{},
		graphsByID: map[string]*Container[spec.ContextGraphSpec]{}, pins: map[spec.Kind]map[string][]int{},
		found: map[spec.Kind]map[string]*findings{}, errSeen: map[string]bool{}, used: map[any]bool{},
		inlined: map[graphVersion]*inlinedGraph{}}
	if t.rules == nil {
		t.rules = &Map{}
	}
	if t.opts.Validator == nil {
		v, err := spec.NewValidator()
		if err != nil {
			return nil, fmt.Errorf("prepare the Platform checks: %w", err)
		}
		t.opts.Validator = v
	}
	if err := indexUnique(spec.KindAgent, src.Agents, t.agents, func(c *Container[spec.AgentSpec]) string { return c.Name }); err != nil {
		return nil, err
	}
	if err := indexUnique(spec.KindContextGraph, src.ContextGraphs, t.graphs, func(c *Container[spec.ContextGraphSpec]) string { return c.Name }); err != nil {
		return nil, err
	}
	services := map[string]*Service{}
	if err := indexUnique(spec.KindService, src.Services, services, func(s *Service) string { return s.Name }); err != nil {
		return nil, err
	}
	for i := range src.ContextGraphs {
		t.graphsByID[src.ContextGraphs[i].ID] = &src.ContextGraphs[i]
	}
	t.collectPins()
	return t, nil
}

// indexUnique indexes list by name, refusing a name given twice: it is the
// identity of the Platform resource.
func indexUnique[T any](kind spec.Kind, list []T, index map[string]*T, name func(*T) string) error {
	for i := range list {
		n := name(&list[i])
		if _, dup := index[n]; dup {
			return fmt.Errorf("the organization has two %s called %q; pass only the one to migrate (Platform names are unique)", kind.Plural(), n)
		}
		index[n] = &list[i]
	}
	return nil
}

// collectPins records the version numbers every version set (but edge)
// pins.
func (t *translator) collectPins() {
	add := func(k spec.Kind, name string, p spec.Pin) {
		if p.Kind != spec.PinNumber {
			return
		}
		if t.pins[k] == nil {
			t.pins[k] = map[string][]int{}
		}
		if !slices.Contains(t.pins[k][name], p.Number) {
			t.pins[k][name] = append(t.pins[k][name], p.Number)
		}
	}
	for _, s := range t.src.Services {
		for name, vs := range s.Spec.VersionSets {
			if name != edgeSet {
				add(spec.KindAgent, s.Spec.Agent, vs.Agent)
				add(spec.KindContextGraph, s.Spec.ContextGraph, vs.ContextGraph)
			}
		}
	}
}

// edgeSet is the version set the server keeps at the latest versions, on
// both APIs; it is never copied.
const edgeSet = "edge"

// findingsOf returns the findings of a resource, creating them.
func (t *translator) findingsOf(k spec.Kind, name string) *findings {
	if t.found[k] == nil {
		t.found[k] = map[string]*findings{}
	}
	if t.found[k][name] == nil {
		t.found[k][name] = &findings{}
	}
	return t.found[k][name]
}

// selection returns the Classic versions to migrate, ascending: every
// version read with AllVersions, else the pinned ones read plus the
// latest; and the notes about a latest version that is missing.
func (t *translator) selection(latest int, read func(int) bool, all, pinned []int) ([]int, []note) {
	if latest == 0 {
		return nil, []note{blocking("versions", "the container has no versions, so there is nothing to migrate",
			"create a version in Classic first, or leave the container out")}
	}
	var out []int
	if t.opts.AllVersions {
		out = slices.Clone(all)
	}
	for _, n := range pinned {
		if read(n) {
			out = append(out, n)
		}
	}
	var notes []note
	if read(latest) {
		out = append(out, latest)
	} else {
		notes = append(notes, blocking("versions", fmt.Sprintf("the latest version, %d, was not read", latest),
			"read the organization again; a version created while it was read shows up on the next run"))
	}
	slices.Sort(out)
	return slices.Compact(out), notes
}

// translateContainer translates the selected versions of one container.
// Consecutive versions whose Platform content is the same become one
// Platform version: creating the second would be a no-op for the planner.
func translateContainer[S any](t *translator, kind spec.Kind, c *Container[S], tr func(int, S) (S, []note)) Resource[S] {
	found := t.findingsOf(kind, c.Name)
	read := func(n int) bool { _, ok := c.Versions[n]; return ok }
	sel, notes := t.selection(c.Latest, read, c.numbers(), t.pins[kind][c.Name])
	for _, n := range notes {
		found.add(0, n)
	}
	r := Resource[S]{Kind: kind, Name: c.Name, ClassicID: c.ID, Latest: c.Latest}
	var prev []byte
	for _, v := range sel {
		out, notes := tr(v, c.Versions[v])
		for _, n := range notes {
			found.add(v, n)
		}
		enc, err := json.Marshal(out)
		if err == nil && prev != nil && string(enc) == string(prev) {
			last := &r.Versions[len(r.Versions)-1]
			found.add(v, transformed("versions", fmt.Sprintf("the Platform content of version %d is that of version %d, so both become Platform version %d",
				v, last.Classic[len(last.Classic)-1], last.Platform)))
			last.Classic = append(last.Classic, v)
			continue
		}
		prev = enc
		r.Versions = append(r.Versions, Version[S]{Platform: len(r.Versions) + 1, Classic: []int{v}, Spec: out})
	}
	r.NotMigrated = notMigrated(c.Latest, sel)
	return r
}

// notMigrated lists 1..latest except the selected versions.
func notMigrated(latest int, sel []int) []int {
	var out []int
	for n := 1; n <= latest; n++ {
		if !slices.Contains(sel, n) {
			out = append(out, n)
		}
	}
	return out
}

func sortedByName[T any](list []T, name func(T) string) []*T {
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	sort.SliceStable(out, func(i, j int) bool { return name(*out[i]) < name(*out[j]) })
	return out
}

func lessPos(a, b spec.Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}
