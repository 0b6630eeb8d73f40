package classic

import (
	"context"
	"iter"
	"strconv"
)

// CreateAgent creates an agent container named name and returns its id.
// The name must be unused (409 otherwise); the agent has no version yet.
func (c *Client) CreateAgent(ctx context.Context, name string) (string, error) {
	return c.createContainer(ctx, agentKind(), CreateAgentRequest{AgentName: name})
}

// ListAgents returns every agent container matching f, fetched lazily in
// pages of the documented maximum (20).
func (c *Client) ListAgents(ctx context.Context, f ContainerFilter) iter.Seq2[AgentInstance, error] {
	return list(ctx, c, containersRequest(c, agentKind(), f, unpackAgents))
}

// DeprecateAgent deprecates (deletes) the agent; its versions stay
// readable. The API refuses with 400 while an active service uses it and
// 409 when it is already deprecated.
func (c *Client) DeprecateAgent(ctx context.Context, id string) error {
	return c.deprecateContainer(ctx, agentKind(), id)
}

// CreateAgentVersion creates version n of the agent with the guard
// `?version=n`: the server refuses (409) unless n is the next version.
// Lost answers are retried safely (see VersionConflictError for a refusal).
// Send the full body: the client compares it with the stored version after
// a retry.
func (c *Client) CreateAgentVersion(ctx context.Context, id string, n int, body CreateAgentVersionRequest) (CreateAgentVersionResponse, error) {
	return c.createVersion(ctx, guardedCreate{
		kind: agentKind(), id: id, version: n, body: body,
		read: func(ctx context.Context, sel string) (storedVersion, error) {
			v, err := oneVersion(ctx, c, agentKind(), id, sel, unpackAgentVersions)
			return storedVersion{number: v.Version, createdAt: v.CreatedAt, content: v}, err
		},
	})
}

// ListAgentVersions returns the versions of the agent selected by q,
// fetched lazily in pages of the documented maximum (10).
func (c *Client) ListAgentVersions(ctx context.Context, id string, q VersionQuery) iter.Seq2[AgentVersion, error] {
	return list(ctx, c, versionsRequest(c, agentKind(), id, q, unpackAgentVersions))
}

// LatestAgentVersion returns the latest version of the agent; an agent
// with no version yet is an error matching apiclient.ErrNotFound.
func (c *Client) LatestAgentVersion(ctx context.Context, id string) (AgentVersion, error) {
	return oneVersion(ctx, c, agentKind(), id, "latest", unpackAgentVersions)
}

// GetAgentVersion returns version n of the agent; a version that does not
// exist is an error matching apiclient.ErrNotFound.
func (c *Client) GetAgentVersion(ctx context.Context, id string, n int) (AgentVersion, error) {
	return oneVersion(ctx, c, agentKind(), id, strconv.Itoa(n), unpackAgentVersions)
}

func unpackAgents(r *ListAgentsResponse) ([]AgentInstance, page) {
	return r.Agents, page{more: r.HasMore, next: r.ContinuationToken}
}

func unpackAgentVersions(r *ListAgentVersionsResponse) ([]AgentVersion, page) {
	return r.AgentVersions, page{more: r.HasMore, next: r.ContinuationToken}
}
