package live

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ReadOptions say which versions ReadSource reads.
type ReadOptions struct {
	// Cache keeps the versions read; nil reads every one from the API.
	Cache *cache.Cache
	// Refresh ignores the cached entries (and rewrites them).
	Refresh bool
	// AllVersions reads every version of every container, for
	// migrate.Options.AllVersions.
	AllVersions bool
	// InlineReferences also reads the versions the graphs read reference
	// (and those they reference in turn), for
	// migrate.Options.InlineReferences.
	InlineReferences bool
	// Parallelism bounds the version reads in flight; default 8.
	Parallelism int
}

// ReadSource reads the Classic organization of b into a Source: every
// agent and context graph that is not deprecated, with its latest version
// and every version a version set pins (every version with AllVersions;
// with InlineReferences the referenced versions too), and every service
// (of several with one name, the active one). Graph references stay by
// id, as the cache keeps them.
func ReadSource(ctx context.Context, b backend.Backend, o ReadOptions) (migrate.Source, error) {
	if b.Info().Dialect != spec.DialectClassic {
		return migrate.Source{}, fmt.Errorf("the organization to migrate must be on the classic API, not the %s API at %s", b.Info().Dialect, b.Info().BaseURL)
	}
	r := &reader{b: b, o: o, containers: map[spec.Kind][]backend.Container{}, wanted: map[string]map[int]bool{}}
	if err := r.list(ctx); err != nil {
		return migrate.Source{}, err
	}
	services, err := r.services(ctx)
	if err != nil {
		return migrate.Source{}, err
	}
	r.want(services)
	versions, err := r.readWanted(ctx)
	if err != nil {
		return migrate.Source{}, err
	}
	src := migrate.Source{Organization: b.Info().Scope, Services: services}
	for _, c := range r.containers[spec.KindAgent] {
		src.Agents = append(src.Agents, container(c, versions[c.ID], func(v backend.Version) *spec.AgentSpec { return v.Agent }))
	}
	for _, c := range r.containers[spec.KindContextGraph] {
		src.ContextGraphs = append(src.ContextGraphs, container(c, versions[c.ID], func(v backend.Version) *spec.ContextGraphSpec { return v.ContextGraph }))
	}
	return src, nil
}

// reader is the state of one ReadSource.
type reader struct {
	b backend.Backend
	o ReadOptions
	// containers are the live (not deprecated) containers by kind.
	containers map[spec.Kind][]backend.Container
	byID       map[string]backend.Container
	idx        backend.Index
	// wanted holds the version numbers to read, by container id.
	wanted map[string]map[int]bool
}

// list lists the containers of both kinds, leaving out deprecated ones:
// they are retired in Classic and are not migrated.
func (r *reader) list(ctx context.Context) error {
	r.byID = map[string]backend.Container{}
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		cs, err := r.b.Containers(ctx, k)
		if err != nil {
			return fmt.Errorf("read the organization: %w", err)
		}
		for _, c := range cs {
			if !c.Deprecated {
				r.containers[k] = append(r.containers[k], c)
				r.byID[c.ID] = c
				r.idx.Add(c)
			}
		}
	}
	return nil
}

// services lists the services, keeping per name the one amigosync
// manages: the active one, or the only one.
func (r *reader) services(ctx context.Context) ([]migrate.Service, error) {
	svcs, err := r.b.Services(ctx, r.idx)
	if err != nil {
		return nil, fmt.Errorf("read the organization: %w", err)
	}
	byName := map[string][]backend.Service{}
	for _, s := range svcs {
		byName[s.Name] = append(byName[s.Name], s)
	}
	var out []migrate.Service
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		s, err := managed(name, byName[name])
		if err != nil {
			return nil, err
		}
		out = append(out, migrate.Service{ID: s.ID, Name: s.Name, Spec: s.Spec})
	}
	return out, nil
}

// managed picks the service of one name to migrate: the active one, or
// the only one. Several inactive ones and no active one are ambiguous.
func managed(name string, all []backend.Service) (backend.Service, error) {
	var active []backend.Service
	for _, s := range all {
		if s.Spec.Active() {
			active = append(active, s)
		}
	}
	switch {
	case len(active) == 1:
		return active[0], nil
	case len(all) == 1:
		return all[0], nil
	}
	var ids []string
	for _, s := range all {
		ids = append(ids, s.ID)
	}
	return backend.Service{}, fmt.Errorf("the organization has %d services called %s and none is the one active service (%s); rename or activate the one to migrate in Classic first",
		len(all), name, strings.Join(ids, ", "))
}

// want records the versions to read: the latest of each container, the
// ones the services' version sets pin (edge is not migrated), every one
// with AllVersions.
func (r *reader) want(services []migrate.Service) {
	for _, cs := range r.containers {
		for _, c := range cs {
			for n := 1; n <= c.Latest; n++ {
				if n == c.Latest || r.o.AllVersions {
					r.add(c.ID, n)
				}
			}
		}
	}
	for _, s := range services {
		for name, vs := range s.Spec.VersionSets {
			if name == "edge" {
				continue
			}
			r.addPin(spec.KindAgent, s.Spec.Agent, vs.Agent)
			r.addPin(spec.KindContextGraph, s.Spec.ContextGraph, vs.ContextGraph)
		}
	}
}

func (r *reader) addPin(kind spec.Kind, name string, p spec.Pin) {
	if id, ok := r.idx.ID(kind, name); ok && p.Kind == spec.PinNumber {
		r.add(id, p.Number)
	}
}

// add wants version n of container id, if it can exist.
func (r *reader) add(id string, n int) {
	if c, ok := r.byID[id]; !ok || n < 1 || n > c.Latest {
		return
	}
	if r.wanted[id] == nil {
		r.wanted[id] = map[int]bool{}
	}
	r.wanted[id][n] = true
}

// readWanted reads the wanted versions through the cache, then (with
// InlineReferences) the versions they reference, until none is new.
func (r *reader) readWanted(ctx context.Context) (map[string]map[int]backend.Version, error) {
	got := map[string]map[int]backend.Version{}
	for {
		batch := r.unread(got)
		if len(batch) == 0 {
			return got, nil
		}
		if err := r.readBatch(ctx, batch, got); err != nil {
			return nil, err
		}
		if !r.o.InlineReferences {
			return got, nil
		}
		for _, vs := range got {
			for _, v := range vs {
				if v.ContextGraph == nil {
					continue
				}
				for _, ref := range v.ContextGraph.References {
					if ref.Version.Kind == spec.PinNumber {
						r.add(ref.ID, ref.Version.Number)
					}
				}
			}
		}
	}
}

// versionRef is one version to read.
type versionRef struct {
	c backend.Container
	n int
}

// unread returns the wanted versions not read yet.
func (r *reader) unread(got map[string]map[int]backend.Version) []versionRef {
	var out []versionRef
	for _, id := range slices.Sorted(maps.Keys(r.wanted)) {
		for _, n := range slices.Sorted(maps.Keys(r.wanted[id])) {
			if _, ok := got[id][n]; !ok {
				out = append(out, versionRef{r.byID[id], n})
			}
		}
	}
	return out
}

// readBatch reads versions concurrently into got. A version the API does
// not have (a pin to a version that never existed) is left out: the
// translation reports what is missing.
func (r *reader) readBatch(ctx context.Context, batch []versionRef, got map[string]map[int]backend.Version) error {
	g, ctx := errgroup.WithContext(ctx)
	limit := r.o.Parallelism
	if limit <= 0 {
		limit = 8
	}
	g.SetLimit(limit)
	var mu sync.Mutex
	for _, vr := range batch {
		g.Go(func() error {
			v, err := r.o.Cache.ReadVersion(ctx, r.b, vr.c, vr.n, r.o.Refresh)
			mu.Lock()
			defer mu.Unlock()
			if got[vr.c.ID] == nil {
				got[vr.c.ID] = map[int]backend.Version{}
			}
			switch {
			case errors.Is(err, apiclient.ErrNotFound):
				got[vr.c.ID][vr.n] = backend.Version{}
				return nil
			case err != nil:
				return fmt.Errorf("read the organization: %w", err)
			}
			got[vr.c.ID][vr.n] = v
			return nil
		})
	}
	return g.Wait()
}

// container builds the Source container of c from the versions read.
func container[S any](c backend.Container, versions map[int]backend.Version, content func(backend.Version) *S) migrate.Container[S] {
	out := migrate.Container[S]{ID: c.ID, Name: c.Name, Latest: c.Latest, Versions: map[int]S{}}
	for n, v := range versions {
		if s := content(v); s != nil {
			out.Versions[n] = *s
		}
	}
	return out
}
