package classic

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// ContainerFilter narrows a list of agents or context graphs (SHSMs).
// The zero value lists everything.
type ContainerFilter struct {
	// Deprecated, when set, keeps only deprecated (true) or live (false) ones.
	Deprecated *bool
	// IDs, when not empty, keeps only these ids.
	IDs []string
}

func (f ContainerFilter) query() url.Values {
	q := url.Values{}
	setBool(q, "deprecated", f.Deprecated)
	setAll(q, "id", f.IDs)
	return q
}

// VersionQuery selects versions of an agent or context graph.
type VersionQuery struct {
	// Version is "latest", a number ("3"), or an inclusive range ("2-5",
	// "1-latest"); empty selects every version.
	Version string
	// SortBy orders the versions, e.g. "-version" for newest first.
	SortBy []string
}

func (v VersionQuery) query() url.Values {
	q := url.Values{}
	if v.Version != "" {
		q.Set("version", v.Version)
	}
	setAll(q, "sort_by", v.SortBy)
	return q
}

// versionedKind describes one of the two Classic resources whose content
// lives in numbered, immutable versions: agents and SHSMs (context graphs).
// The typed methods in agents.go and shsms.go are thin wrappers over the
// generic code here, so the two kinds cannot drift apart.
type versionedKind struct {
	noun       string // in messages: "agent", "context graph"
	collection string // path under /v1/{org}: "/organization/agent"
	// endpoint names
	create, list, deprecate, createVersion, listVersions string
}

func agentKind() versionedKind {
	return versionedKind{
		noun: "agent", collection: "/organization/agent",
		create: EndpointCreateAgent, list: EndpointListAgents, deprecate: EndpointDeprecateAgent,
		createVersion: EndpointCreateAgentVersion, listVersions: EndpointListAgentVersions,
	}
}

func shsmKind() versionedKind {
	return versionedKind{
		noun: "context graph", collection: "/organization/service_hierarchical_state_machine",
		create: EndpointCreateSHSM, list: EndpointListSHSMs, deprecate: EndpointDeprecateSHSM,
		createVersion: EndpointCreateSHSMVersion, listVersions: EndpointListSHSMVersions,
	}
}

// itemPath is the path of one container: /v1/{org}<collection>/{id}/.
func (c *Client) itemPath(k versionedKind, id string) string {
	return c.path(k.collection + "/" + url.PathEscape(id) + "/")
}

// createContainer creates an agent or SHSM container and returns its id.
// Only a 429 is retried: a lost answer could hide a created container.
func (c *Client) createContainer(ctx context.Context, k versionedKind, body any) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(k.create),
		Method:   http.MethodPost,
		Path:     c.path(k.collection),
		Body:     body,
		Retry:    apiclient.RetryRateLimited,
	}, &out)
	if err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", fmt.Errorf("create %s: the answer carries no id", k.noun)
	}
	return out.ID, nil
}

// deprecateContainer deprecates (deletes) an agent or SHSM; its versions stay.
func (c *Client) deprecateContainer(ctx context.Context, k versionedKind, id string) error {
	return c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(k.deprecate),
		Method:   http.MethodDelete,
		Path:     c.itemPath(k, id),
		Retry:    apiclient.RetryRateLimited,
	}, nil)
}

// containersRequest is the list request of agents or SHSMs.
func containersRequest[R, T any](c *Client, k versionedKind, f ContainerFilter, unpack func(*R) ([]T, page)) listRequest[R, T] {
	return newListRequest(c, k.list, c.path(k.collection), f.query(), unpack)
}

// versionsRequest is the list request of the versions of one agent or SHSM.
func versionsRequest[R, T any](c *Client, k versionedKind, id string, q VersionQuery, unpack func(*R) ([]T, page)) listRequest[R, T] {
	return newListRequest(c, k.listVersions, c.path(k.collection+"/"+url.PathEscape(id)+"/version"), q.query(), unpack)
}

// oneVersion fetches the single version selected by sel ("latest" or a
// number). A version that does not exist, like a container that does not
// exist, is an error matching apiclient.ErrNotFound.
func oneVersion[R, T any](ctx context.Context, c *Client, k versionedKind, id, sel string, unpack func(*R) ([]T, page)) (T, error) {
	var zero T
	l := versionsRequest(c, k, id, VersionQuery{Version: sel}, unpack)
	l.limit = 1
	p, err := fetchPage(ctx, c, l, "")
	if err != nil {
		return zero, err
	}
	if len(p.Items) == 0 {
		if sel == "latest" {
			return zero, fmt.Errorf("the %s has no version yet: %w", k.noun, apiclient.ErrNotFound)
		}
		return zero, fmt.Errorf("the %s has no version %s: %w", k.noun, sel, apiclient.ErrNotFound)
	}
	return p.Items[len(p.Items)-1], nil
}

// storedVersion is what the guard needs to know of a version on the server.
type storedVersion struct {
	number    int
	createdAt time.Time
	content   any // the whole version, compared with what was sent
}

// versionParams is the query of a create-version request.
func versionParams(n int, dryRun bool) url.Values {
	q := url.Values{}
	if n > 0 {
		q.Set("version", strconv.Itoa(n))
	}
	if dryRun {
		q.Set("dry_run", "true")
	}
	return q
}
