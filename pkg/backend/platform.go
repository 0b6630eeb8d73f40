package backend

import (
	"context"
	"errors"
	"iter"

	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Platform returns the Backend of the workspace c works in.
func Platform(c *platform.Client) Backend {
	return platformBackend{c: c, adapter: &adapter{
		stats:      c.Stats,
		Normalizer: platformNormalizer{},
		info:       Info{Dialect: spec.DialectPlatform, BaseURL: c.BaseURL(), Scope: c.Workspace()},
		kinds:      platformKinds(c),
		svc:        platformServices{c},
	}}
}

// platformKinds is the table of Platform container kinds, built once per
// Backend. Versions are created with the client's guard (latest_version
// read right before, the created number checked after); no version can
// be validated without being created (validate is nil).
func platformKinds(c *platform.Client) map[spec.Kind]kindCalls {
	return map[spec.Kind]kindCalls{spec.KindAgent: platformAgents(c), spec.KindContextGraph: platformGraphs(c)}
}

// platformAgents are the Platform calls on agents.
func platformAgents(c *platform.Client) kindCalls {
	agent := func(r platform.AgentResponse) Container {
		return Container{Kind: spec.KindAgent, ID: r.ID, Name: r.Name, Description: r.Description, Latest: r.LatestVersion}
	}
	return kindCalls{
		list: func(ctx context.Context) iter.Seq2[Container, error] {
			return convertSeq(c.ListAgents(ctx, platform.ListOptions{}), agent)
		},
		get: func(ctx context.Context, id string) (Container, error) {
			r, err := c.GetAgent(ctx, id)
			return agent(r), err
		},
		create: func(ctx context.Context, name, description string) (Container, error) {
			r, err := c.CreateAgent(ctx, platform.CreateAgentRequest{Name: name, Description: &description})
			return agent(r), err
		},
		describe: func(ctx context.Context, id, description string) error {
			_, err := c.UpdateAgent(ctx, id, platform.UpdateAgentRequest{Description: &description})
			return err
		},
		remove: c.DeleteAgent,
		read: func(ctx context.Context, ct Container, n int, _ Index) (Version, error) {
			v, err := c.GetAgentVersion(ctx, ct.ID, n)
			a := platformAgentFromWire(v)
			return Version{Agent: &a}, err
		},
		createVersion: func(ctx context.Context, ct Container, expect int, v Version, _ Index) error {
			req, err := platformAgentToWire(ct.Name, *v.Agent)
			if err != nil {
				return err
			}
			_, err = c.CreateAgentVersionGuarded(ctx, ct.ID, expect, req)
			return platformGuard(ct, expect, err)
		},
	}
}

// platformGraphs are the Platform calls on context graphs.
func platformGraphs(c *platform.Client) kindCalls {
	graph := func(r platform.ContextGraphResponse) Container {
		return Container{Kind: spec.KindContextGraph, ID: r.ID, Name: r.Name, Description: r.Description, Latest: r.LatestVersion}
	}
	return kindCalls{
		list: func(ctx context.Context) iter.Seq2[Container, error] {
			return convertSeq(c.ListContextGraphs(ctx, platform.ListOptions{}), graph)
		},
		get: func(ctx context.Context, id string) (Container, error) {
			r, err := c.GetContextGraph(ctx, id)
			return graph(r), err
		},
		create: func(ctx context.Context, name, description string) (Container, error) {
			r, err := c.CreateContextGraph(ctx, platform.CreateContextGraphRequest{Name: name, Description: &description})
			return graph(r), err
		},
		describe: func(ctx context.Context, id, description string) error {
			_, err := c.UpdateContextGraph(ctx, id, platform.UpdateContextGraphRequest{Description: &description})
			return err
		},
		remove: c.DeleteContextGraph,
		// Platform graphs have no references, so idx is not needed.
		read: func(ctx context.Context, ct Container, n int, _ Index) (Version, error) {
			v, err := c.GetContextGraphVersion(ctx, ct.ID, n)
			if err != nil {
				return Version{}, err
			}
			g, err := platformGraphFromWire(v)
			return Version{ContextGraph: &g}, err
		},
		createVersion: func(ctx context.Context, ct Container, expect int, v Version, _ Index) error {
			req, err := platformGraphToWire(*v.ContextGraph)
			if err != nil {
				return err
			}
			_, err = c.CreateContextGraphVersionGuarded(ctx, ct.ID, expect, req)
			return platformGuard(ct, expect, err)
		},
	}
}

// platformGuard turns the client's *platform.GuardError into a *GuardError.
func platformGuard(c Container, expect int, err error) error {
	var ge *platform.GuardError
	if !errors.As(err, &ge) {
		return err
	}
	g := versionGuard(c, expect-1, ge.Latest, err)
	g.Created = ge.Created
	return g
}
