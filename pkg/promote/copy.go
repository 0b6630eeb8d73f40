package promote

import (
	"context"
	"fmt"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// maxReferenceDepth bounds how deep graph references are followed. The
// APIs refuse reference cycles, so a chain this long means live data no
// manifest could produce; it is refused rather than followed forever.
const maxReferenceDepth = 32

// copyKey is one version of one source container.
type copyKey struct {
	id string
	n  int
}

// copier plans, for a promote across targets, the versions of the
// destination that hold the content of versions of the source: an
// identical version found there, or a new one. Context graph references
// are followed by graph name, so that a referenced graph's version is
// copied too and the reference pins its number on the destination.
type copier struct {
	ctx              context.Context
	src, dst         Side
	srcLive, dstLive *plan.Live
	srcIdx, dstIdx   backend.Index
	// done maps a source version to its destination number.
	done map[copyKey]int
	// planned is the destination containers that get a new version.
	planned map[string]copyKey
	copies  []plan.VersionCopy
}

func newCopier(ctx context.Context, src, dst Side, srcLive, dstLive *plan.Live) *copier {
	return &copier{ctx: ctx, src: src, dst: dst, srcLive: srcLive, dstLive: dstLive,
		srcIdx: srcLive.Index(), dstIdx: dstLive.Index(), done: map[copyKey]int{}, planned: map[string]copyKey{}}
}

// pinned returns the destination numbers of the source's pins, planning
// the copies that are needed.
func (c *copier) pinned(src, dst *State, pins Pins) (Pins, error) {
	a, err := c.copy(src.Agent, pins.Agent, dst.Agent, 0)
	if err != nil {
		return Pins{}, err
	}
	g, err := c.copy(src.ContextGraph, pins.ContextGraph, dst.ContextGraph, 0)
	if err != nil {
		return Pins{}, err
	}
	return Pins{Agent: a, ContextGraph: g}, nil
}

// copy returns the number, in destination container d, of the version
// holding the content of version n of source container s.
func (c *copier) copy(s backend.Container, n int, d backend.Container, depth int) (int, error) {
	key := copyKey{s.ID, n}
	if m, ok := c.done[key]; ok {
		return m, nil
	}
	if depth > maxReferenceDepth {
		return 0, fmt.Errorf("target %q: context graph references are nested more than %d deep below %s %s v%d; refusing to follow them", c.src.Name, maxReferenceDepth, s.Kind.Noun(), s.Name, n)
	}
	v, err := c.src.Cache.ReadVersion(c.ctx, c.src.Backend, s, n, false)
	if err != nil {
		return 0, fmt.Errorf("target %q: read %s %s v%d: %w", c.src.Name, s.Kind.Noun(), s.Name, n, err)
	}
	if v.ContextGraph != nil {
		g, err := c.references(backend.ResolveReferences(*v.ContextGraph, c.srcIdx), s, n, depth)
		if err != nil {
			return 0, err
		}
		v.ContextGraph = &g
	}
	want := c.dst.Backend.NormalizeVersion(s.Kind, v)
	m, before, err := c.find(d, want)
	if err != nil {
		return 0, err
	}
	if m > 0 {
		c.done[key] = m
		return m, nil
	}
	if other, twice := c.planned[d.ID]; twice {
		return 0, fmt.Errorf("target %q: %s %s would need two new versions (copies of v%d and v%d of target %q); promote one of them first",
			c.dst.Name, d.Kind.Noun(), d.Name, other.n, n, c.src.Name)
	}
	c.planned[d.ID] = key
	m = d.Latest + 1
	c.copies = append(c.copies, plan.VersionCopy{Container: d, Before: before, After: want,
		Reason: fmt.Sprintf("a copy of %s %s v%d of target %q: no version here holds its content", s.Kind.Noun(), s.Name, n, c.src.Name)})
	c.done[key] = m
	return m, nil
}

// references copies the versions graph g (version n of s) references and
// returns g with each reference pinning the destination's number.
func (c *copier) references(g spec.ContextGraphSpec, s backend.Container, n, depth int) (spec.ContextGraphSpec, error) {
	if len(g.References) == 0 {
		return g, nil
	}
	refs := make(map[string]spec.Reference, len(g.References))
	for name, r := range g.References {
		what := fmt.Sprintf("target %q: context graph %s v%d references %q", c.src.Name, s.Name, n, name)
		switch {
		case r.Graph == "":
			return g, fmt.Errorf("%s by id %s, a context graph that is not listed there", what, r.ID)
		case r.Version.Kind != spec.PinNumber:
			return g, fmt.Errorf("%s at %q, not at a version number", what, r.Version)
		}
		from, ok := named(c.srcLive, r.Graph)
		if !ok {
			return g, fmt.Errorf("%s: context graph %s is not listed there", what, r.Graph)
		}
		to, ok := named(c.dstLive, r.Graph)
		if !ok {
			return g, fmt.Errorf("%s: target %q has no context graph %s to copy it to; apply its manifest there first", what, c.dst.Name, r.Graph)
		}
		m, err := c.copy(from, r.Version.Number, to, depth+1)
		if err != nil {
			return g, err
		}
		refs[name] = spec.Reference{Graph: r.Graph, Version: spec.NumberPin(m)}
	}
	g.References = refs
	return g, nil
}

// find looks for a version of d whose content equals want, newest first,
// and returns its number (0: none) and d's latest version's content (nil
// when d has none), for the diff of a new version.
func (c *copier) find(d backend.Container, want backend.Version) (int, *backend.Version, error) {
	var latest *backend.Version
	for m := d.Latest; m >= 1; m-- {
		have, err := c.dst.Cache.ReadVersion(c.ctx, c.dst.Backend, d, m, false)
		if err != nil {
			return 0, nil, fmt.Errorf("target %q: read %s %s v%d: %w", c.dst.Name, d.Kind.Noun(), d.Name, m, err)
		}
		if have.ContextGraph != nil {
			g := backend.ResolveReferences(*have.ContextGraph, c.dstIdx)
			have.ContextGraph = &g
		}
		have = c.dst.Backend.NormalizeVersion(d.Kind, have)
		if m == d.Latest {
			latest = &have
		}
		if plan.EqualVersions(have, want) {
			return m, latest, nil
		}
	}
	return 0, latest, nil
}

// named returns the live, non-deprecated context graph called name.
func named(live *plan.Live, name string) (backend.Container, bool) {
	for _, g := range live.Containers[spec.KindContextGraph] {
		if g.Name == name && !g.Deprecated {
			return g, true
		}
	}
	return backend.Container{}, false
}
