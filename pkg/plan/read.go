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
	// Parallelism bounds the version reads in flight; default 8. The
	// clients pace each endpoint, so this only keeps the number of
	// goroutines waiting for their turn small.
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

// readLatest reads the latest version of each managed container.
func readLatest(ctx context.Context, b backend.Backend, desired *spec.Bundle, live *Live, idx backend.Index, o ReadOptions) error {
	g, ctx := errgroup.WithContext(ctx)
	limit := o.Parallelism
	if limit <= 0 {
		limit = 8
	}
	g.SetLimit(limit)
	var mu sync.Mutex
	for _, k := range containerKinds {
		names := map[string]bool{}
		if desired != nil {
			for _, d := range k.desired(desired) {
				names[d.name] = true
			}
		}
		for _, c := range live.Containers[k.kind] {
			if !(o.All || names[c.Name]) || c.Deprecated || c.Latest < 1 {
				continue
			}
			g.Go(func() error {
				v, err := o.Cache.ReadVersion(ctx, b, c, c.Latest, o.Refresh)
				if err != nil {
					return err
				}
				if !o.ReferencesByID {
					v = byName(v, idx)
				}
				mu.Lock()
				live.Latest[c.ID] = v
				mu.Unlock()
				return nil
			})
		}
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
