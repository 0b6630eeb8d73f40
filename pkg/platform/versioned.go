package platform

import (
	"context"
	"iter"
	"strconv"
)

// VersionListOptions order and size a list of versions.
type VersionListOptions struct {
	// SortBy is the API's `sort_by`, e.g. "-version"; empty = the server's order.
	SortBy string
	// PageSize is the number of items per request, 1..MaxPageSize; 0 means MaxPageSize.
	PageSize int
}

// ListAgents walks every agent of the workspace.
func (c *Client) ListAgents(ctx context.Context, o ListOptions) iter.Seq2[AgentResponse, error] {
	return listAll[AgentResponse](ctx, c, agentKind().collection, o, nil)
}

// CreateAgent creates an agent (a container without versions); 409 when the name is taken.
func (c *Client) CreateAgent(ctx context.Context, req CreateAgentRequest) (AgentResponse, error) {
	return create[AgentResponse](ctx, c, agentKind().collection, req)
}

// GetAgent reads an agent, including its latest version number.
func (c *Client) GetAgent(ctx context.Context, id string) (AgentResponse, error) {
	return get[AgentResponse](ctx, c, agentKind().collection, id)
}

// UpdateAgent changes an agent's name or description.
func (c *Client) UpdateAgent(ctx context.Context, id string, req UpdateAgentRequest) (AgentResponse, error) {
	return update[AgentResponse](ctx, c, agentKind().collection, id, req)
}

// DeleteAgent deletes an agent; its versions are retained by the server.
func (c *Client) DeleteAgent(ctx context.Context, id string) error {
	return remove(ctx, c, agentKind().collection, id)
}

// ListAgentVersions walks every version of an agent.
func (c *Client) ListAgentVersions(ctx context.Context, id string, o VersionListOptions) iter.Seq2[AgentVersionResponse, error] {
	return listVersions[AgentVersionResponse](ctx, c, agentKind(), id, o)
}

// GetAgentVersion reads one version of an agent.
func (c *Client) GetAgentVersion(ctx context.Context, id string, version int) (AgentVersionResponse, error) {
	return getVersion[AgentVersionResponse](ctx, c, agentKind(), id, strconv.Itoa(version))
}

// GetLatestAgentVersion reads the newest version of an agent.
func (c *Client) GetLatestAgentVersion(ctx context.Context, id string) (AgentVersionResponse, error) {
	return getVersion[AgentVersionResponse](ctx, c, agentKind(), id, "latest")
}

// CreateAgentVersion creates the next version of an agent, unguarded: the
// server picks the number. Prefer CreateAgentVersionGuarded.
func (c *Client) CreateAgentVersion(ctx context.Context, id string, req CreateAgentVersionRequest) (AgentVersionResponse, error) {
	return createVersion[AgentVersionResponse](ctx, c, agentKind(), id, req)
}

// CreateAgentVersionGuarded creates version expected (≥ 1) of an agent,
// refusing with a *GuardError when another version appeared in between;
// see the guard rules on GuardError. When the server created a different
// number, the *GuardError comes with the version that was created.
func (c *Client) CreateAgentVersionGuarded(ctx context.Context, id string, expected int, req CreateAgentVersionRequest) (AgentVersionResponse, error) {
	return createGuarded(ctx, c, agentKind(), id, expected, req, func(v AgentVersionResponse) int { return v.Version })
}

// ListContextGraphs walks every context graph of the workspace.
func (c *Client) ListContextGraphs(ctx context.Context, o ListOptions) iter.Seq2[ContextGraphResponse, error] {
	return listAll[ContextGraphResponse](ctx, c, contextGraphKind().collection, o, nil)
}

// CreateContextGraph creates a context graph (a container without
// versions); 409 when the name is taken.
func (c *Client) CreateContextGraph(ctx context.Context, req CreateContextGraphRequest) (ContextGraphResponse, error) {
	return create[ContextGraphResponse](ctx, c, contextGraphKind().collection, req)
}

// GetContextGraph reads a context graph, including its latest version number.
func (c *Client) GetContextGraph(ctx context.Context, id string) (ContextGraphResponse, error) {
	return get[ContextGraphResponse](ctx, c, contextGraphKind().collection, id)
}

// UpdateContextGraph changes a context graph's name or description.
func (c *Client) UpdateContextGraph(ctx context.Context, id string, req UpdateContextGraphRequest) (ContextGraphResponse, error) {
	return update[ContextGraphResponse](ctx, c, contextGraphKind().collection, id, req)
}

// DeleteContextGraph deletes a context graph; its versions are retained.
func (c *Client) DeleteContextGraph(ctx context.Context, id string) error {
	return remove(ctx, c, contextGraphKind().collection, id)
}

// ListContextGraphVersions walks every version of a context graph.
func (c *Client) ListContextGraphVersions(ctx context.Context, id string, o VersionListOptions) iter.Seq2[ContextGraphVersionResponse, error] {
	return listVersions[ContextGraphVersionResponse](ctx, c, contextGraphKind(), id, o)
}

// GetContextGraphVersion reads one version of a context graph.
func (c *Client) GetContextGraphVersion(ctx context.Context, id string, version int) (ContextGraphVersionResponse, error) {
	return getVersion[ContextGraphVersionResponse](ctx, c, contextGraphKind(), id, strconv.Itoa(version))
}

// GetLatestContextGraphVersion reads the newest version of a context graph.
func (c *Client) GetLatestContextGraphVersion(ctx context.Context, id string) (ContextGraphVersionResponse, error) {
	return getVersion[ContextGraphVersionResponse](ctx, c, contextGraphKind(), id, "latest")
}

// CreateContextGraphVersion creates the next version of a context graph,
// unguarded. Prefer CreateContextGraphVersionGuarded.
func (c *Client) CreateContextGraphVersion(ctx context.Context, id string, req CreateContextGraphVersionRequest) (ContextGraphVersionResponse, error) {
	return createVersion[ContextGraphVersionResponse](ctx, c, contextGraphKind(), id, req)
}

// CreateContextGraphVersionGuarded creates version expected (≥ 1) of a
// context graph, refusing with a *GuardError when another version appeared
// in between; see GuardError. When the server created a different number,
// the *GuardError comes with the version that was created.
func (c *Client) CreateContextGraphVersionGuarded(ctx context.Context, id string, expected int, req CreateContextGraphVersionRequest) (ContextGraphVersionResponse, error) {
	return createGuarded(ctx, c, contextGraphKind(), id, expected, req, func(v ContextGraphVersionResponse) int { return v.Version })
}
