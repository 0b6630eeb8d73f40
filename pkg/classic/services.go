package classic

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// ServiceFilter narrows a list of services. The zero value lists all.
type ServiceFilter struct {
	// IDs, when not empty, keeps only these ids.
	IDs []string
	// IsActive, when set, keeps only active (true) or inactive (false) ones.
	IsActive *bool
	// Tags keeps services carrying every "key:value" tag ("key:*" for any value).
	Tags []string
	// SortBy orders by "name" or "is_active", prefixed with + or -.
	SortBy []string
}

func (f ServiceFilter) query() url.Values {
	return taggedQuery(f.IDs, "is_active", f.IsActive, "tags", f.Tags, f.SortBy)
}

// ListServices returns every service matching f, fetched lazily in pages
// of the documented maximum (20).
func (c *Client) ListServices(ctx context.Context, f ServiceFilter) iter.Seq2[Service, error] {
	return list(ctx, c, newListRequest(c, EndpointListServices, c.path("/service/"), f.query(),
		func(r *ListServicesResponse) ([]Service, page) {
			return r.Services, page{more: r.HasMore, next: r.ContinuationToken}
		}))
}

// CreateService creates a service and returns its id. The new service gets
// an `edge` version set (latest agent and SHSM versions) and a `release`
// set (req.ReleaseVersionSet, or a copy of edge). Only one active service
// may carry a name (409). Only a 429 is retried.
func (c *Client) CreateService(ctx context.Context, req CreateServiceRequest) (string, error) {
	var out CreateServiceResponse
	err := c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointCreateService),
		Method:   http.MethodPost,
		Path:     c.path("/service/"),
		Body:     req,
		Retry:    apiclient.RetryRateLimited,
	}, &out)
	if err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", errors.New("create service: the answer carries no id")
	}
	return out.ID, nil
}

// UpdateService changes the non-nil fields of req on service id. Only a
// 429 is retried.
func (c *Client) UpdateService(ctx context.Context, id string, req UpdateServiceRequest) error {
	return c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointUpdateService),
		Method:   http.MethodPost,
		Path:     c.servicePath(id),
		Body:     req,
		Retry:    apiclient.RetryRateLimited,
	}, nil)
}

// UpsertVersionSet creates or replaces the version set name of service id. A
// nil version number means "latest". The API refuses `edge` and versions
// of another agent or SHSM (400). Only a 429 is retried.
func (c *Client) UpsertVersionSet(ctx context.Context, serviceID, name string, set VersionSet) error {
	return c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointUpsertVersionSet),
		Method:   http.MethodPut,
		Path:     c.versionSetPath(serviceID, name),
		Body:     UpsertVersionSetRequest{VersionSet: set},
		Retry:    apiclient.RetryRateLimited,
	}, nil)
}

// DeleteVersionSet deletes the version set name of service id. The API
// refuses `edge` and `release` (400). Only a 429 is retried.
func (c *Client) DeleteVersionSet(ctx context.Context, serviceID, name string) error {
	return c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointDeleteVersionSet),
		Method:   http.MethodDelete,
		Path:     c.versionSetPath(serviceID, name),
		Retry:    apiclient.RetryRateLimited,
	}, nil)
}

func (c *Client) servicePath(id string) string {
	return c.path("/service/" + url.PathEscape(id) + "/")
}

func (c *Client) versionSetPath(serviceID, name string) string {
	return c.path("/service/" + url.PathEscape(serviceID) + "/version_sets/" + url.PathEscape(name) + "/")
}
