package platform

import (
	"context"
	"iter"
	"net/http"
	"strconv"
)

// versioned describes a container kind whose content lives in numbered,
// immutable versions (agents, context graphs): its noun for messages, its
// path segment and its endpoint names. Adding such a kind is one value.
type versioned struct {
	noun, segment                           string
	list, create, get, update, del          string
	listVersions, createVersion, getVersion string
}

func agentKind() versioned {
	return versioned{
		noun: "agent", segment: "agents",
		list: ListAgents, create: CreateAgent, get: GetAgent, update: UpdateAgent, del: DeleteAgent,
		listVersions: ListAgentVersions, createVersion: CreateAgentVersion, getVersion: GetAgentVersion,
	}
}

func contextGraphKind() versioned {
	return versioned{
		noun: "context graph", segment: "context-graphs",
		list: ListContextGraphs, create: CreateContextGraph, get: GetContextGraph, update: UpdateContextGraph, del: DeleteContextGraph,
		listVersions: ListContextGraphVersions, createVersion: CreateContextGraphVersion, getVersion: GetContextGraphVersion,
	}
}

// VersionListOptions order and size a list of versions.
type VersionListOptions struct {
	// SortBy is the API's `sort_by`, e.g. "-version"; empty = the server's order.
	SortBy string
	// PageSize is the number of items per request, 1..MaxPageSize; 0 means MaxPageSize.
	PageSize int
}

func listContainers[C any](ctx context.Context, c *Client, k versioned, o ListOptions) iter.Seq2[C, error] {
	return listIn[C](ctx, c, k.list, o, nil, k.segment)
}

func createContainer[C any](ctx context.Context, c *Client, k versioned, req any) (C, error) {
	return callIn[C](ctx, c, k.create, http.MethodPost, req, k.segment)
}

func getContainer[C any](ctx context.Context, c *Client, k versioned, id string) (C, error) {
	return callIn[C](ctx, c, k.get, http.MethodGet, nil, k.segment, id)
}

func updateContainer[C any](ctx context.Context, c *Client, k versioned, id string, req any) (C, error) {
	return callIn[C](ctx, c, k.update, http.MethodPut, req, k.segment, id)
}

func deleteContainer(ctx context.Context, c *Client, k versioned, id string) error {
	_, err := callIn[noContent](ctx, c, k.del, http.MethodDelete, nil, k.segment, id)
	return err
}

func listVersions[V any](ctx context.Context, c *Client, k versioned, id string, o VersionListOptions) iter.Seq2[V, error] {
	return listIn[V](ctx, c, k.listVersions, ListOptions{SortBy: o.SortBy, PageSize: o.PageSize}, nil, k.segment, id, "versions")
}

// getVersion reads version "latest" or a number.
func getVersion[V any](ctx context.Context, c *Client, k versioned, id, version string) (V, error) {
	return callIn[V](ctx, c, k.getVersion, http.MethodGet, nil, k.segment, id, "versions", version)
}

func createVersion[V any](ctx context.Context, c *Client, k versioned, id string, req any) (V, error) {
	return callIn[V](ctx, c, k.createVersion, http.MethodPost, req, k.segment, id, "versions")
}

// ListAgents walks every agent of the workspace.
func (c *Client) ListAgents(ctx context.Context, o ListOptions) iter.Seq2[AgentResponse, error] {
	return listContainers[AgentResponse](ctx, c, agentKind(), o)
}

// CreateAgent creates an agent (a container without versions); 409 when the name is taken.
func (c *Client) CreateAgent(ctx context.Context, req CreateAgentRequest) (AgentResponse, error) {
	return createContainer[AgentResponse](ctx, c, agentKind(), req)
}

// GetAgent reads an agent, including its latest version number.
func (c *Client) GetAgent(ctx context.Context, id string) (AgentResponse, error) {
	return getContainer[AgentResponse](ctx, c, agentKind(), id)
}

// UpdateAgent changes an agent's name or description.
func (c *Client) UpdateAgent(ctx context.Context, id string, req UpdateAgentRequest) (AgentResponse, error) {
	return updateContainer[AgentResponse](ctx, c, agentKind(), id, req)
}

// DeleteAgent deletes an agent; its versions are retained by the server.
func (c *Client) DeleteAgent(ctx context.Context, id string) error {
	return deleteContainer(ctx, c, agentKind(), id)
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

// CreateAgentVersionGuarded creates version expected of an agent (0: the
// next one, whatever it is), refusing with a *GuardError when another
// version appeared in between; see the guard rules on GuardError.
func (c *Client) CreateAgentVersionGuarded(ctx context.Context, id string, expected int, req CreateAgentVersionRequest) (AgentVersionResponse, error) {
	return createGuarded(ctx, c, agentKind(), id, expected, req, func(v AgentVersionResponse) int { return v.Version })
}

// ListContextGraphs walks every context graph of the workspace.
func (c *Client) ListContextGraphs(ctx context.Context, o ListOptions) iter.Seq2[ContextGraphResponse, error] {
	return listContainers[ContextGraphResponse](ctx, c, contextGraphKind(), o)
}

// CreateContextGraph creates a context graph (a container without
// versions); 409 when the name is taken.
func (c *Client) CreateContextGraph(ctx context.Context, req CreateContextGraphRequest) (ContextGraphResponse, error) {
	return createContainer[ContextGraphResponse](ctx, c, contextGraphKind(), req)
}

// GetContextGraph reads a context graph, including its latest version number.
func (c *Client) GetContextGraph(ctx context.Context, id string) (ContextGraphResponse, error) {
	return getContainer[ContextGraphResponse](ctx, c, contextGraphKind(), id)
}

// UpdateContextGraph changes a context graph's name or description.
func (c *Client) UpdateContextGraph(ctx context.Context, id string, req UpdateContextGraphRequest) (ContextGraphResponse, error) {
	return updateContainer[ContextGraphResponse](ctx, c, contextGraphKind(), id, req)
}

// DeleteContextGraph deletes a context graph; its versions are retained.
func (c *Client) DeleteContextGraph(ctx context.Context, id string) error {
	return deleteContainer(ctx, c, contextGraphKind(), id)
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

// CreateContextGraphVersionGuarded creates version expected of a context
// graph (0: the next one), refusing with a *GuardError when another version
// appeared in between; see GuardError.
func (c *Client) CreateContextGraphVersionGuarded(ctx context.Context, id string, expected int, req CreateContextGraphVersionRequest) (ContextGraphVersionResponse, error) {
	return createGuarded(ctx, c, contextGraphKind(), id, expected, req, func(v ContextGraphVersionResponse) int { return v.Version })
}
