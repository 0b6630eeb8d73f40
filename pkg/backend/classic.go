package backend

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// classicBackend is the Backend of a Classic organization.
type classicBackend struct {
	classicNormalizer
	c    *classic.Client
	info Info
}

// Classic returns the Backend of the organization c works in.
func Classic(c *classic.Client) Backend {
	return &classicBackend{c: c, info: Info{Dialect: spec.DialectClassic, BaseURL: c.BaseURL(), Scope: c.Org()}}
}

// classicKind is the client's operations on one container kind; the table
// of kinds is classicKinds, so no method switches on the kind.
type classicKind struct {
	list      func(ctx context.Context) iter.Seq2[classic.ContainerInstance, error]
	create    func(ctx context.Context, name string) (string, error)
	deprecate func(ctx context.Context, id string) error
}

func (b *classicBackend) kind(k spec.Kind) (classicKind, bool) {
	kinds := map[spec.Kind]classicKind{
		spec.KindAgent: {
			list: func(ctx context.Context) iter.Seq2[classic.ContainerInstance, error] {
				return b.c.ListAgents(ctx, classic.ContainerFilter{})
			},
			create: b.c.CreateAgent, deprecate: b.c.DeprecateAgent,
		},
		spec.KindContextGraph: {
			list: func(ctx context.Context) iter.Seq2[classic.ContainerInstance, error] {
				return b.c.ListSHSMs(ctx, classic.ContainerFilter{})
			},
			create: b.c.CreateSHSM, deprecate: b.c.DeprecateSHSM,
		},
	}
	ops, ok := kinds[k]
	return ops, ok
}

// Info implements Backend.
func (b *classicBackend) Info() Info { return b.info }

// Containers implements Backend.
func (b *classicBackend) Containers(ctx context.Context, kind spec.Kind) ([]Container, error) {
	ops, ok := b.kind(kind)
	if !ok {
		return nil, errKind("list", kind)
	}
	var out []Container
	for ci, err := range ops.list(ctx) {
		if err != nil {
			return nil, fail("list", kind, "", err)
		}
		c := Container{Kind: kind, ID: ci.ID, Name: ci.Name, Deprecated: ci.Deprecated}
		if ci.LatestVersion != nil {
			c.Latest = *ci.LatestVersion
		}
		out = append(out, c)
	}
	return out, nil
}

// CreateContainer implements Backend.
func (b *classicBackend) CreateContainer(ctx context.Context, kind spec.Kind, name, description string) (Container, error) {
	ops, ok := b.kind(kind)
	if !ok {
		return Container{}, errKind("create", kind)
	}
	if description != "" {
		return Container{}, fail("create", kind, name, unsupported("classic %ss have no description", noun(kind)))
	}
	id, err := ops.create(ctx, name)
	if err != nil {
		return Container{}, fail("create", kind, name, err)
	}
	return Container{Kind: kind, ID: id, Name: name}, nil
}

// SetDescription implements Backend: Classic containers have none, so
// only "" is accepted (and changes nothing).
func (b *classicBackend) SetDescription(_ context.Context, c Container, description string) error {
	if description != "" {
		return fail("set the description of", c.Kind, c.Name, unsupported("classic %ss have no description", noun(c.Kind)))
	}
	return nil
}

// RemoveContainer implements Backend by deprecating.
func (b *classicBackend) RemoveContainer(ctx context.Context, c Container) error {
	ops, ok := b.kind(c.Kind)
	if !ok {
		return errKind("deprecate", c.Kind)
	}
	return fail("deprecate", c.Kind, c.Name, ops.deprecate(ctx, c.ID))
}

// ReadAgent implements Backend.
func (b *classicBackend) ReadAgent(ctx context.Context, c Container, n int) (spec.AgentSpec, error) {
	v, ok, err := b.c.GetAgentVersion(ctx, c.ID, n)
	if err = found(ok, n, err); err != nil {
		return spec.AgentSpec{}, fail(readOp(n), spec.KindAgent, c.Name, err)
	}
	return classicAgentFromWire(v), nil
}

// CreateAgentVersion implements Backend with the `?version=N` guard.
func (b *classicBackend) CreateAgentVersion(ctx context.Context, c Container, expect int, a spec.AgentSpec) error {
	if a.Description != "" {
		return fail(createOp(expect), spec.KindAgent, c.Name, unsupported("classic agents have no description"))
	}
	_, err := b.c.CreateAgentVersion(ctx, c.ID, expect, classicAgentToWire(a))
	return classicGuard(spec.KindAgent, c, expect, err)
}

// ReadContextGraph implements Backend.
func (b *classicBackend) ReadContextGraph(ctx context.Context, c Container, n int, idx Index) (spec.ContextGraphSpec, error) {
	v, ok, err := b.c.GetSHSMVersion(ctx, c.ID, n)
	if err = found(ok, n, err); err != nil {
		return spec.ContextGraphSpec{}, fail(readOp(n), spec.KindContextGraph, c.Name, err)
	}
	return classicGraphFromWire(v, idx), nil
}

// CreateContextGraphVersion implements Backend with the `?version=N` guard.
func (b *classicBackend) CreateContextGraphVersion(ctx context.Context, c Container, expect int, g spec.ContextGraphSpec, idx Index) error {
	body, err := classicGraphToWire(g, idx)
	if err != nil {
		return fail(createOp(expect), spec.KindContextGraph, c.Name, err)
	}
	_, err = b.c.CreateSHSMVersion(ctx, c.ID, expect, body)
	return classicGuard(spec.KindContextGraph, c, expect, err)
}

// classicGuard turns a refused guard into a *GuardError and wraps any
// other failure.
func classicGuard(kind spec.Kind, c Container, expect int, err error) error {
	if err == nil {
		return nil
	}
	var vc *classic.VersionConflictError
	if errors.As(err, &vc) {
		return &GuardError{Kind: kind, Name: c.Name, ID: c.ID, Expected: expect, Latest: vc.Latest, Err: err}
	}
	return fail(createOp(expect), kind, c.Name, err)
}

// found turns a missing version into an error matching apiclient.ErrNotFound.
func found(ok bool, n int, err error) error {
	if err != nil || ok {
		return err
	}
	return fmt.Errorf("version %d does not exist: %w", n, apiclient.ErrNotFound)
}

func readOp(n int) string   { return "read version " + strconv.Itoa(n) + " of" }
func createOp(n int) string { return "create version " + strconv.Itoa(n) + " of" }
