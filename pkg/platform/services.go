package platform

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// ServiceListOptions filter and size a list of services.
type ServiceListOptions struct {
	ListOptions
	// IsActive, when set, lists only active (true) or inactive (false) services.
	IsActive *bool
}

// ListServices walks every service of the workspace.
func (c *Client) ListServices(ctx context.Context, o ServiceListOptions) iter.Seq2[ServiceResponse, error] {
	q := url.Values{}
	if o.IsActive != nil {
		q.Set("is_active", strconv.FormatBool(*o.IsActive))
	}
	return listAll[ServiceResponse](ctx, c, serviceKind(), o.ListOptions, q)
}

// CreateService creates a service of an agent and a context graph.
func (c *Client) CreateService(ctx context.Context, req CreateServiceRequest) (ServiceResponse, error) {
	return create[ServiceResponse](ctx, c, serviceKind(), req)
}

// GetService reads a service with its version sets.
func (c *Client) GetService(ctx context.Context, id string) (ServiceResponse, error) {
	return get[ServiceResponse](ctx, c, serviceKind(), id)
}

// UpdateService changes the fields of a service that req sets (nil = unchanged).
func (c *Client) UpdateService(ctx context.Context, id string, req UpdateServiceRequest) (ServiceResponse, error) {
	return update[ServiceResponse](ctx, c, serviceKind(), id, req)
}

// DeleteService deletes a service.
func (c *Client) DeleteService(ctx context.Context, id string) error {
	return remove(ctx, c, serviceKind(), id)
}

// UpsertVersionSet creates or replaces the version set name of a service
// (a nil version number means "latest").
func (c *Client) UpsertVersionSet(ctx context.Context, serviceID, name string, set VersionSet) error {
	_, err := callIn[noContent](ctx, c, UpsertServiceVersionSet, http.MethodPut,
		UpsertVersionSetRequest{VersionSet: set}, "services", serviceID, "version-sets", name)
	return err
}
