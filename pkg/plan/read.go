package plan

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ReadOptions shape a live read.
type ReadOptions struct {
	// TargetName is recorded in the Live's Target.
	TargetName string
	// Cache keeps the versions read; nil reads every version from the API.
	Cache *cache.Cache
	// Refresh ignores cached entries (and rewrites them).
	Refresh bool
	// All reads the latest version of every container that is not
	// deprecated, not only of those desired names (desired may then be
	// nil): what export writes.
	All bool
	// ReferencesByID leaves context graph references by id, as the
	// version cache keeps them, for a caller that names only some graphs
	// (export names the graphs it exports, and only those).
	ReferencesByID bool
	// Parallelism bounds the version reads in flight per kind (each kind
	// has its own endpoint); default 8. The clients pace each endpoint, so
	// this only keeps the number of goroutines waiting for their turn small.
	Parallelism int
}

// ReadLive reads the live state plan.Make compares the manifests with: every
// agent, context graph and service (lists only, concurrently across
// endpoints), then the latest version of each container a manifest names
// (or, with ReadOptions.All, of every container), through the version cache.
func ReadLive(ctx context.Context, b backend.Backend, desired *spec.Bundle, o ReadOptions) (*Live, error) {
	live := &Live{
		Target:     TargetOf(o.TargetName, b.Info()),
		Containers: map[spec.Kind][]backend.Container{},
		Latest:     map[string]backend.Version{},
	}
	if err := list(ctx, b, live); err != nil {
		return nil, err
	}
	idx := live.Index()
	for i := range live.Services {
		s := &live.Services[i]
		s.Spec.Agent, _ = idx.Name(spec.KindAgent, s.AgentID)
		s.Spec.ContextGraph, _ = idx.Name(spec.KindContextGraph, s.ContextGraphID)
	}
	if err := readLatest(ctx, b, desired, live, idx, o); err != nil {
		return nil, err
	}
	return live, nil
}

// list lists containers of every kind and the services side by side.
func list(ctx context.Context, b backend.Backend, live *Live) error {
	g, ctx := errgroup.WithContext(ctx)
	var mu sync.Mutex
	for _, k := range containerKinds {
		g.Go(func() error {
			cs, err := b.Containers(ctx, k.kind)
			mu.Lock()
			live.Containers[k.kind] = cs
			mu.Unlock()
			return err
		})
	}
	g.Go(func() error {
		// Names are filled in once the containers are known.
		svcs, err := b.Services(ctx, backend.Index{})
		live.Services = svcs
		return err
	})
	return g.Wait()
}

// readLatest reads the latest version of each managed container (or,
// with o.All, of every container not deprecated). Each kind is read from
// its own endpoint, paced on its own, so each kind has its own group of
// at most Parallelism reads in flight: one shared limit would queue every
// agent read before the first context graph read and take the sum of the
// endpoints' times instead of the slowest one's.
func readLatest(ctx context.Context, b backend.Backend, desired *spec.Bundle, live *Live, idx backend.Index, o ReadOptions) error {
	g, ctx := errgroup.WithContext(ctx)
	var mu sync.Mutex
	keep := func(id string, v backend.Version) {
		if !o.ReferencesByID {
			v = byName(v, idx)
		}
		mu.Lock()
		live.Latest[id] = v
		mu.Unlock()
	}
	for _, k := range containerKinds {
		todo := toRead(k, desired, live, o.All)
		g.Go(func() error { return readKind(ctx, b, todo, o, keep) })
	}
	return g.Wait()
}

// toRead are the live containers of kind k whose latest version is read:
// those a manifest names (every one with all), not deprecated, with a
// version.
func toRead(k containerKind, desired *spec.Bundle, live *Live, all bool) []backend.Container {
	names := map[string]bool{}
	if desired != nil {
		for _, d := range k.desired(desired) {
			names[d.name] = true
		}
	}
	var out []backend.Container
	for _, c := range live.Containers[k.kind] {
		if (all || names[c.Name]) && !c.Deprecated && c.Latest >= 1 {
			out = append(out, c)
		}
	}
	return out
}

// readKind reads the latest version of each of cs, at most o.Parallelism
// at a time, and hands each to keep.
func readKind(ctx context.Context, b backend.Backend, cs []backend.Container, o ReadOptions, keep func(string, backend.Version)) error {
	g, ctx := errgroup.WithContext(ctx)
	limit := o.Parallelism
	if limit <= 0 {
		limit = 8
	}
	g.SetLimit(limit)
	for _, c := range cs {
		g.Go(func() error {
			v, err := o.Cache.ReadVersion(ctx, b, c, c.Latest, o.Refresh)
			if err != nil {
				return err
			}
			keep(c.ID, v)
			return nil
		})
	}
	return g.Wait()
}

// byName rewrites a read's references by id as references by graph name
// where idx knows the graph.
func byName(v backend.Version, idx backend.Index) backend.Version {
	if v.ContextGraph != nil {
		g := backend.ResolveReferences(*v.ContextGraph, idx)
		v.ContextGraph = &g
	}
	return v
}
