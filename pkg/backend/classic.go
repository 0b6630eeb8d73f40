package backend

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Classic returns the Backend of the organization c works in.
func Classic(c *classic.Client) Backend {
	return &adapter{
		stats:      c.Stats,
		Normalizer: classicNormalizer{},
		info:       Info{Dialect: spec.DialectClassic, BaseURL: c.BaseURL(), Scope: c.Org()},
		kinds:      classicKinds(c),
		svc:        classicServices{c},
	}
}

// classicKinds is the table of Classic container kinds, built once per
// Backend. Classic containers have no description (describe is nil), and
// only context graph versions can be validated without being created.
func classicKinds(c *classic.Client) map[spec.Kind]kindCalls {
	return map[spec.Kind]kindCalls{
		spec.KindAgent: classicContainer(spec.KindAgent, c.ListAgents, c.CreateAgent, c.DeprecateAgent, kindCalls{
			read: func(ctx context.Context, ct Container, n int, _ Index) (Version, error) {
				v, err := c.GetAgentVersion(ctx, ct.ID, n)
				a := classicAgentFromWire(v)
				return Version{Agent: &a}, err
			},
			createVersion: func(ctx context.Context, ct Container, expect int, v Version, _ Index) error {
				_, err := c.CreateAgentVersion(ctx, ct.ID, expect, classicAgentToWire(*v.Agent))
				return classicGuard(ct, expect, err)
			},
		}),
		spec.KindContextGraph: classicContainer(spec.KindContextGraph, c.ListSHSMs, c.CreateSHSM, c.DeprecateSHSM, kindCalls{
			read: func(ctx context.Context, ct Container, n int, idx Index) (Version, error) {
				v, err := c.GetSHSMVersion(ctx, ct.ID, n)
				g := classicGraphFromWire(v, idx)
				return Version{ContextGraph: &g}, err
			},
			createVersion: func(ctx context.Context, ct Container, expect int, v Version, idx Index) error {
				body, err := classicGraphToWire(*v.ContextGraph, idx)
				if err != nil {
					return err
				}
				_, err = c.CreateSHSMVersion(ctx, ct.ID, expect, body)
				return classicGuard(ct, expect, err)
			},
			validate: func(ctx context.Context, ct Container, expect int, v Version, idx Index) error {
				body, err := classicGraphToWire(*v.ContextGraph, idx)
				if err != nil {
					return err
				}
				err = c.DryRunSHSMVersion(ctx, ct.ID, expect, body)
				if apiclient.IsConflict(err) {
					// The dry run is guarded too; its 409 says only that
					// expect is not the next version.
					return versionGuard(ct, expect-1, VersionUnknown, err)
				}
				return err
			},
		}),
	}
}

// classicContainer completes the version calls of a kind with its
// container calls, which both Classic kinds make alike.
func classicContainer(kind spec.Kind,
	list func(context.Context, classic.ContainerFilter) iter.Seq2[classic.ContainerInstance, error],
	create func(context.Context, string) (string, error), deprecate func(context.Context, string) error,
	calls kindCalls,
) kindCalls {
	conv := func(ci classic.ContainerInstance) Container {
		c := Container{Kind: kind, ID: ci.ID, Name: ci.Name, Deprecated: ci.Deprecated}
		if ci.LatestVersion != nil {
			c.Latest = *ci.LatestVersion
		}
		return c
	}
	calls.list = func(ctx context.Context) iter.Seq2[Container, error] {
		return convertSeq(list(ctx, classic.ContainerFilter{}), conv)
	}
	calls.get = func(ctx context.Context, id string) (Container, error) {
		for ci, err := range list(ctx, classic.ContainerFilter{IDs: []string{id}}) {
			return conv(ci), err
		}
		return Container{}, fmt.Errorf("the server lists no such %s: %w", kind.Noun(), apiclient.ErrNotFound)
	}
	calls.create = func(ctx context.Context, name, _ string) (Container, error) {
		id, err := create(ctx, name)
		return Container{Kind: kind, ID: id, Name: name}, err
	}
	calls.remove = deprecate
	return calls
}

// classicGuard turns a refused guard (`?version=N` answered 409) into a
// *GuardError.
func classicGuard(c Container, expect int, err error) error {
	var vc *classic.VersionConflictError
	if errors.As(err, &vc) {
		return versionGuard(c, expect-1, vc.Latest, err)
	}
	return err
}
