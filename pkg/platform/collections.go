package platform

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// collection describes a kind of workspace resource: its noun for
// messages, its path segment and its endpoint names. A kind with numbered,
// immutable versions (agents, context graphs) is a versioned collection.
// Adding a kind is one value; the generic functions below serve them all.
type collection struct {
	noun, segment                  string
	list, create, get, update, del string
}

// versioned is a collection whose content lives in numbered versions.
type versioned struct {
	collection
	listVersions, createVersion, getVersion string
}

func agentKind() versioned {
	return versioned{
		collection:   collection{noun: "agent", segment: "agents", list: ListAgents, create: CreateAgent, get: GetAgent, update: UpdateAgent, del: DeleteAgent},
		listVersions: ListAgentVersions, createVersion: CreateAgentVersion, getVersion: GetAgentVersion,
	}
}

func contextGraphKind() versioned {
	return versioned{
		collection: collection{noun: "context graph", segment: "context-graphs",
			list: ListContextGraphs, create: CreateContextGraph, get: GetContextGraph, update: UpdateContextGraph, del: DeleteContextGraph},
		listVersions: ListContextGraphVersions, createVersion: CreateContextGraphVersion, getVersion: GetContextGraphVersion,
	}
}

func serviceKind() collection {
	return collection{noun: "service", segment: "services", list: ListServices, create: CreateService, get: GetService, update: UpdateService, del: DeleteService}
}

func skillKind() collection {
	return collection{noun: "skill", segment: "skills", list: ListSkills, create: CreateSkill, get: GetSkill, update: UpdateSkill, del: DeleteSkill}
}

func listAll[T any](ctx context.Context, c *Client, k collection, o ListOptions, extra url.Values) iter.Seq2[T, error] {
	return listIn[T](ctx, c, k.list, o, extra, k.segment)
}

func create[T any](ctx context.Context, c *Client, k collection, req any) (T, error) {
	return callIn[T](ctx, c, k.create, http.MethodPost, req, k.segment)
}

func get[T any](ctx context.Context, c *Client, k collection, id string) (T, error) {
	return callIn[T](ctx, c, k.get, http.MethodGet, nil, k.segment, id)
}

func update[T any](ctx context.Context, c *Client, k collection, id string, req any) (T, error) {
	return callIn[T](ctx, c, k.update, http.MethodPut, req, k.segment, id)
}

func remove(ctx context.Context, c *Client, k collection, id string) error {
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
