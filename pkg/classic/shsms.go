package classic

import (
	"context"
	"iter"
	"net/http"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// Context graphs are called service hierarchical state machines (SHSMs) by
// the Classic API; the method names keep the API's word.

// CreateSHSM creates a context graph container named name and returns its
// id. The name must be unused (409 otherwise); it has no version yet.
func (c *Client) CreateSHSM(ctx context.Context, name string) (string, error) {
	return c.createContainer(ctx, shsmKind(), CreateSHSMRequest{StateMachineName: name})
}

// ListSHSMs returns every context graph container matching f, fetched
// lazily in pages of the documented maximum (50).
func (c *Client) ListSHSMs(ctx context.Context, f ContainerFilter) iter.Seq2[StateMachineInstance, error] {
	return list(ctx, c, containersRequest(c, shsmKind(), f, unpackSHSMs))
}

// DeprecateSHSM deprecates (deletes) the context graph; its versions stay
// readable. The API refuses with 400 while an active service uses it and
// 409 when it is already deprecated.
func (c *Client) DeprecateSHSM(ctx context.Context, id string) error {
	return c.deprecateContainer(ctx, shsmKind(), id)
}

// CreateSHSMVersion creates version n of the context graph with the guard
// `?version=n`, like CreateAgentVersion.
func (c *Client) CreateSHSMVersion(ctx context.Context, id string, n int, body CreateSHSMVersionRequest) (CreateSHSMVersionResponse, error) {
	return c.createVersion(ctx, guardedCreate{
		kind: shsmKind(), id: id, version: n, body: body,
		read: func(ctx context.Context, sel string) (storedVersion, error) {
			v, err := oneVersion(ctx, c, shsmKind(), id, sel, unpackSHSMVersions)
			return storedVersion{number: v.Version, createdAt: v.CreatedAt, content: v}, err
		},
	})
}

// DryRunSHSMVersion asks the server to validate body as version n of the
// context graph (`dry_run=true`) without creating anything. n = 0 sends no
// guard. It changes nothing, so it is retried like a read.
func (c *Client) DryRunSHSMVersion(ctx context.Context, id string, n int, body CreateSHSMVersionRequest) error {
	k := shsmKind()
	return c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(k.createVersion),
		Method:   http.MethodPost,
		Path:     c.itemPath(k, id),
		Query:    versionParams(n, true),
		Body:     body,
		Retry:    apiclient.RetryIdempotent,
	}, nil)
}

// ListSHSMVersions returns the versions of the context graph selected by
// q, fetched lazily in pages of the documented maximum (10).
func (c *Client) ListSHSMVersions(ctx context.Context, id string, q VersionQuery) iter.Seq2[SHSMVersion, error] {
	return list(ctx, c, versionsRequest(c, shsmKind(), id, q, unpackSHSMVersions))
}

// LatestSHSMVersion returns the latest version of the context graph; one
// with no version yet is an error matching apiclient.ErrNotFound.
func (c *Client) LatestSHSMVersion(ctx context.Context, id string) (SHSMVersion, error) {
	return oneVersion(ctx, c, shsmKind(), id, "latest", unpackSHSMVersions)
}

// GetSHSMVersion returns version n of the context graph; a version that
// does not exist is an error matching apiclient.ErrNotFound.
func (c *Client) GetSHSMVersion(ctx context.Context, id string, n int) (SHSMVersion, error) {
	return oneVersion(ctx, c, shsmKind(), id, strconv.Itoa(n), unpackSHSMVersions)
}

func unpackSHSMs(r *ListSHSMsResponse) ([]StateMachineInstance, page) {
	return r.ServiceHierarchicalStateMachines, page{more: r.HasMore, next: r.ContinuationToken}
}

func unpackSHSMVersions(r *ListSHSMVersionsResponse) ([]SHSMVersion, page) {
	return r.StateMachineVersions, page{more: r.HasMore, next: r.ContinuationToken}
}
