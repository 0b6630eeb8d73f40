package live

import (
	"context"
	"fmt"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Resumed says what Resume found already in the workspace.
type Resumed struct {
	// Adopted counts the Classic versions an earlier run's id map holds
	// that the workspace still has, unchanged.
	Adopted int
	// Found counts the Classic versions found by content alone.
	Found int
	// Dropped are the entries of the earlier id map that no longer hold
	// (the Platform version is gone or holds other content), as sentences:
	// those versions are migrated again.
	Dropped []string
}

// Resume records in res.IDMap what the workspace of b already holds of
// the migration, so that applying it creates nothing twice: first the
// entries of prev (the idmap.json of an earlier run; nil for none) that
// the workspace still holds unchanged, then, by content, the migrated
// versions that follow them, oldest first, as long as each is found after
// the one before it; and the ready services the workspace has by name.
// Versions are read through c.
func Resume(ctx context.Context, b backend.Backend, c *cache.Cache, res *migrate.Result, prev *migrate.IDMap) (Resumed, error) {
	r := &resumer{b: b, c: c, res: res, live: map[spec.Kind]map[string]backend.Container{}}
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		cs, err := b.Containers(ctx, k)
		if err != nil {
			return Resumed{}, fmt.Errorf("read the workspace: %w", err)
		}
		r.live[k] = map[string]backend.Container{}
		for _, ct := range cs {
			r.live[k][ct.Name] = ct
		}
	}
	if prev != nil {
		if err := r.adopt(ctx, prev); err != nil {
			return Resumed{}, err
		}
	}
	for i := range res.Agents {
		if err := findByContent(ctx, r, &res.Agents[i], agentVersion); err != nil {
			return Resumed{}, err
		}
	}
	for i := range res.ContextGraphs {
		if err := findByContent(ctx, r, &res.ContextGraphs[i], graphVersion); err != nil {
			return Resumed{}, err
		}
	}
	if err := r.services(ctx); err != nil {
		return Resumed{}, err
	}
	return r.out, nil
}

// services records the ready services the workspace has by name (names
// are unique on Platform).
func (r *resumer) services(ctx context.Context) error {
	svcs, err := r.b.Services(ctx, backend.Index{})
	if err != nil {
		return fmt.Errorf("read the workspace: %w", err)
	}
	for _, s := range r.res.Services {
		for _, l := range svcs {
			if s.Status == migrate.Ready && l.Name == s.Name {
				if err := r.res.IDMap.Record(spec.KindService, s.ClassicID, 0, l.ID, 0); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func agentVersion(s spec.AgentSpec) backend.Version        { return backend.Version{Agent: &s} }
func graphVersion(s spec.ContextGraphSpec) backend.Version { return backend.Version{ContextGraph: &s} }

// resumer is the state of one Resume.
type resumer struct {
	b    backend.Backend
	c    *cache.Cache
	res  *migrate.Result
	live map[spec.Kind]map[string]backend.Container
	out  Resumed
}

// adopt records the entries of prev that still hold.
func (r *resumer) adopt(ctx context.Context, prev *migrate.IDMap) error {
	kept := &migrate.IDMap{FormatVersion: prev.FormatVersion}
	for _, e := range prev.Entries {
		if !e.Applied || e.Kind == spec.KindService {
			continue
		}
		want, ok := r.migrated(e)
		if !ok {
			continue // not migrated this time (blocked, or gone from Classic)
		}
		why, err := r.holds(ctx, e, want)
		if err != nil {
			return err
		}
		if why != "" {
			r.out.Dropped = append(r.out.Dropped, fmt.Sprintf("idmap.json maps Classic %s %s v%d to Platform v%d, but %s; it is migrated again",
				e.Kind.Noun(), e.Classic.Name, e.Classic.Version, e.Platform.Version, why))
			continue
		}
		kept.Entries = append(kept.Entries, e)
		r.out.Adopted++
	}
	if err := r.res.IDMap.Adopt(kept); err != nil {
		return fmt.Errorf("adopt idmap.json: %w", err)
	}
	return nil
}

// migrated returns the content this migration gives the Classic version of
// entry e.
func (r *resumer) migrated(e migrate.IDMapEntry) (backend.Version, bool) {
	switch e.Kind {
	case spec.KindAgent:
		return contentOf(r.res.Agents, e, agentVersion)
	case spec.KindContextGraph:
		return contentOf(r.res.ContextGraphs, e, graphVersion)
	}
	return backend.Version{}, false
}

func contentOf[S any](list []migrate.Resource[S], e migrate.IDMapEntry, version func(S) backend.Version) (backend.Version, bool) {
	for _, res := range list {
		if res.ClassicID != e.Classic.ID || res.Status != migrate.Ready {
			continue
		}
		for _, v := range res.Versions {
			for _, n := range v.Classic {
				if n == e.Classic.Version {
					return version(v.Spec), true
				}
			}
		}
	}
	return backend.Version{}, false
}

// holds says why entry e no longer holds in the workspace ("" when it
// does): its container must still be there under that id, with that
// version holding want.
func (r *resumer) holds(ctx context.Context, e migrate.IDMapEntry, want backend.Version) (string, error) {
	ct, ok := r.live[e.Kind][e.Platform.Name]
	switch {
	case !ok:
		return fmt.Sprintf("the workspace has no %s %s", e.Kind.Noun(), e.Platform.Name), nil
	case ct.ID != e.Platform.ID:
		return fmt.Sprintf("%s %s is now %s, not %s", e.Kind.Noun(), e.Platform.Name, ct.ID, e.Platform.ID), nil
	case e.Platform.Version < 1 || e.Platform.Version > ct.Latest:
		return fmt.Sprintf("%s %s has no version %d", e.Kind.Noun(), e.Platform.Name, e.Platform.Version), nil
	}
	same, err := r.same(ctx, ct, e.Platform.Version, want)
	if err != nil || same {
		return "", err
	}
	return fmt.Sprintf("that version of %s %s holds other content", e.Kind.Noun(), e.Platform.Name), nil
}

// same reports whether version n of ct holds want, both normalised as the
// workspace's API gives them back.
func (r *resumer) same(ctx context.Context, ct backend.Container, n int, want backend.Version) (bool, error) {
	got, err := r.c.ReadVersion(ctx, r.b, ct, n, false)
	if err != nil {
		return false, fmt.Errorf("read the workspace: %w", err)
	}
	a, b := r.b.NormalizeVersion(ct.Kind, got), r.b.NormalizeVersion(ct.Kind, want)
	return cmp.Equal(a, b, cmpopts.EquateEmpty()), nil
}

// findByContent records the migrated versions of res that follow the
// last recorded one and that the workspace holds, in order: each is looked
// for among the live versions after the one found before it, and the
// search stops at the first one missing (the rest are created, in order).
func findByContent[S any](ctx context.Context, r *resumer, res *migrate.Resource[S], version func(S) backend.Version) error {
	ct, ok := r.live[res.Kind][res.Name]
	if res.Status != migrate.Ready || !ok {
		return nil
	}
	next := 1
	for _, v := range res.Versions {
		e, ok := r.res.IDMap.Lookup(res.Kind, res.ClassicID, v.Classic[0])
		if !ok {
			return nil
		}
		if e.Applied {
			next = e.Platform.Version + 1
			continue
		}
		n, err := r.search(ctx, ct, next, version(v.Spec))
		if err != nil || n == 0 {
			return err
		}
		if err := r.res.IDMap.Record(res.Kind, res.ClassicID, v.Classic[0], ct.ID, n); err != nil {
			return err
		}
		r.out.Found += len(v.Classic)
		next = n + 1
	}
	return nil
}

// search returns the first version from..ct.Latest of ct that holds want,
// or 0.
func (r *resumer) search(ctx context.Context, ct backend.Container, from int, want backend.Version) (int, error) {
	for n := from; n <= ct.Latest; n++ {
		same, err := r.same(ctx, ct, n, want)
		if err != nil {
			return 0, err
		}
		if same {
			return n, nil
		}
	}
	return 0, nil
}
