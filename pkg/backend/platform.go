package backend

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// platformBackend is the Backend of a Platform workspace.
type platformBackend struct {
	platformNormalizer
	c    *platform.Client
	info Info
}

// Platform returns the Backend of the workspace c works in.
func Platform(c *platform.Client) Backend {
	return &platformBackend{c: c, info: Info{Dialect: spec.DialectPlatform, BaseURL: c.BaseURL(), Scope: c.Workspace()}}
}

// platformKind is the client's operations on one container kind, with the
// answers already converted to Containers; the table is platformKinds.
type platformKind struct {
	list   func(ctx context.Context) iter.Seq2[Container, error]
	create func(ctx context.Context, name, description string) (Container, error)
	update func(ctx context.Context, id, description string) error
	remove func(ctx context.Context, id string) error
}

func (b *platformBackend) kind(k spec.Kind) (platformKind, bool) {
	agent := func(r platform.AgentResponse) Container {
		return Container{Kind: spec.KindAgent, ID: r.ID, Name: r.Name, Description: r.Description, Latest: r.LatestVersion}
	}
	graph := func(r platform.ContextGraphResponse) Container {
		return Container{Kind: spec.KindContextGraph, ID: r.ID, Name: r.Name, Description: r.Description, Latest: r.LatestVersion}
	}
	kinds := map[spec.Kind]platformKind{
		spec.KindAgent: {
			list: func(ctx context.Context) iter.Seq2[Container, error] {
				return convertSeq(b.c.ListAgents(ctx, platform.ListOptions{}), agent)
			},
			create: func(ctx context.Context, name, description string) (Container, error) {
				r, err := b.c.CreateAgent(ctx, platform.CreateAgentRequest{Name: name, Description: &description})
				return agent(r), err
			},
			update: func(ctx context.Context, id, description string) error {
				_, err := b.c.UpdateAgent(ctx, id, platform.UpdateAgentRequest{Description: &description})
				return err
			},
			remove: b.c.DeleteAgent,
		},
		spec.KindContextGraph: {
			list: func(ctx context.Context) iter.Seq2[Container, error] {
				return convertSeq(b.c.ListContextGraphs(ctx, platform.ListOptions{}), graph)
			},
			create: func(ctx context.Context, name, description string) (Container, error) {
				r, err := b.c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: name, Description: &description})
				return graph(r), err
			},
			update: func(ctx context.Context, id, description string) error {
				_, err := b.c.UpdateContextGraph(ctx, id, platform.UpdateContextGraphRequest{Description: &description})
				return err
			},
			remove: b.c.DeleteContextGraph,
		},
	}
	ops, ok := kinds[k]
	return ops, ok
}

// convertSeq maps the items of a client iterator.
func convertSeq[T, U any](seq iter.Seq2[T, error], f func(T) U) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		for t, err := range seq {
			var u U
			if err == nil {
				u = f(t)
			}
			if !yield(u, err) || err != nil {
				return
			}
		}
	}
}

// Info implements Backend.
func (b *platformBackend) Info() Info { return b.info }

// Containers implements Backend.
func (b *platformBackend) Containers(ctx context.Context, kind spec.Kind) ([]Container, error) {
	ops, ok := b.kind(kind)
	if !ok {
		return nil, errKind("list", kind)
	}
	var out []Container
	for c, err := range ops.list(ctx) {
		if err != nil {
			return nil, fail("list", kind, "", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// CreateContainer implements Backend.
func (b *platformBackend) CreateContainer(ctx context.Context, kind spec.Kind, name, description string) (Container, error) {
	ops, ok := b.kind(kind)
	if !ok {
		return Container{}, errKind("create", kind)
	}
	c, err := ops.create(ctx, name, description)
	if err != nil {
		return Container{}, fail("create", kind, name, err)
	}
	return c, nil
}

// SetDescription implements Backend.
func (b *platformBackend) SetDescription(ctx context.Context, c Container, description string) error {
	ops, ok := b.kind(c.Kind)
	if !ok {
		return errKind("update", c.Kind)
	}
	return fail("set the description of", c.Kind, c.Name, ops.update(ctx, c.ID, description))
}

// RemoveContainer implements Backend by deleting (versions are retained).
func (b *platformBackend) RemoveContainer(ctx context.Context, c Container) error {
	ops, ok := b.kind(c.Kind)
	if !ok {
		return errKind("delete", c.Kind)
	}
	return fail("delete", c.Kind, c.Name, ops.remove(ctx, c.ID))
}

// ReadAgent implements Backend.
func (b *platformBackend) ReadAgent(ctx context.Context, c Container, n int) (spec.AgentSpec, error) {
	v, err := b.c.GetAgentVersion(ctx, c.ID, n)
	if err != nil {
		return spec.AgentSpec{}, fail(readOp(n), spec.KindAgent, c.Name, err)
	}
	return platformAgentFromWire(v), nil
}

// CreateAgentVersion implements Backend with the client's guard (latest
// read right before, the created number checked after).
func (b *platformBackend) CreateAgentVersion(ctx context.Context, c Container, expect int, a spec.AgentSpec) error {
	if err := checkExpect(expect); err != nil {
		return fail(createOp(expect), spec.KindAgent, c.Name, err)
	}
	req, err := platformAgentToWire(c.Name, a)
	if err != nil {
		return fail(createOp(expect), spec.KindAgent, c.Name, err)
	}
	_, err = b.c.CreateAgentVersionGuarded(ctx, c.ID, expect, req)
	return platformGuard(spec.KindAgent, c, expect, err)
}

// ReadContextGraph implements Backend. Platform graphs have no references,
// so idx is not needed.
func (b *platformBackend) ReadContextGraph(ctx context.Context, c Container, n int, _ Index) (spec.ContextGraphSpec, error) {
	v, err := b.c.GetContextGraphVersion(ctx, c.ID, n)
	if err != nil {
		return spec.ContextGraphSpec{}, fail(readOp(n), spec.KindContextGraph, c.Name, err)
	}
	g, err := platformGraphFromWire(v)
	return g, fail(readOp(n), spec.KindContextGraph, c.Name, err)
}

// CreateContextGraphVersion implements Backend, guarded like CreateAgentVersion.
func (b *platformBackend) CreateContextGraphVersion(ctx context.Context, c Container, expect int, g spec.ContextGraphSpec, _ Index) error {
	if err := checkExpect(expect); err != nil {
		return fail(createOp(expect), spec.KindContextGraph, c.Name, err)
	}
	req, err := platformGraphToWire(g)
	if err != nil {
		return fail(createOp(expect), spec.KindContextGraph, c.Name, err)
	}
	_, err = b.c.CreateContextGraphVersionGuarded(ctx, c.ID, expect, req)
	return platformGuard(spec.KindContextGraph, c, expect, err)
}

// checkExpect refuses an unguarded creation (the client reads 0 as "the
// next one, whatever it is").
func checkExpect(expect int) error {
	if expect < 1 {
		return fmt.Errorf("the expected version must be 1 or more, not %d", expect)
	}
	return nil
}

// platformGuard turns the client's *platform.GuardError into a *GuardError
// and wraps any other failure.
func platformGuard(kind spec.Kind, c Container, expect int, err error) error {
	if err == nil {
		return nil
	}
	var ge *platform.GuardError
	if errors.As(err, &ge) {
		return &GuardError{Kind: kind, Name: c.Name, ID: c.ID, Expected: expect, Latest: ge.Latest, Created: ge.Created, Err: err}
	}
	return fail(createOp(expect), kind, c.Name, err)
}
