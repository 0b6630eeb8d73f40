package classic

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// GetOrganization returns the organization the client works in.
func (c *Client) GetOrganization(ctx context.Context) (Organization, error) {
	var out Organization
	err := c.do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointGetOrganization),
		Method:   http.MethodGet,
		Path:     c.path("/organization/"),
		Retry:    apiclient.RetryIdempotent,
	}, &out)
	if err != nil {
		return out, fmt.Errorf("read organization %s: %w", c.org, err)
	}
	return out, nil
}

// ToolFilter narrows a list of tools. The zero value lists all.
type ToolFilter struct {
	// IDs, when not empty, keeps only these ids.
	IDs []string
	// Deprecated, when set, keeps only deprecated (true) or live (false) ones.
	Deprecated *bool
	// Tags keeps tools carrying every "key:value" tag ("key:*" for any value).
	Tags []string
	// SortBy orders by "name" or "deprecated", prefixed with + or -.
	SortBy []string
}

func (f ToolFilter) query() url.Values {
	return taggedQuery(f.IDs, "deprecated", f.Deprecated, "tag", f.Tags, f.SortBy)
}

// ListTools returns every tool matching f, fetched lazily in pages of the
// documented maximum (20).
func (c *Client) ListTools(ctx context.Context, f ToolFilter) iter.Seq2[Tool, error] {
	return list(ctx, c, newListRequest(c, EndpointListTools, c.path("/tool/"), f.query(),
		func(r *ListToolsResponse) ([]Tool, page) {
			return r.Tools, page{more: r.HasMore, next: r.ContinuationToken}
		}))
}
