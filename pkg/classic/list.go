package classic

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// page is what every Classic list answer carries besides its items.
type page struct {
	more bool
	next *int
}

// listRequest describes one paginated Classic list endpoint.
type listRequest[R, T any] struct {
	endpoint apiclient.Endpoint
	path     string
	query    url.Values // filters; limit and continuation_token are added
	limit    int        // page size: the endpoint's documented maximum
	// unpack returns the items and paging fields of one answer.
	unpack func(*R) ([]T, page)
}

// newListRequest is the list request of the endpoint name at path: its
// paced endpoint and its documented maximum page size come from the table.
func newListRequest[R, T any](c *Client, name, path string, query url.Values, unpack func(*R) ([]T, page)) listRequest[R, T] {
	return listRequest[R, T]{endpoint: c.eps.ep(name), path: path, query: query, limit: c.eps.pageSize(name), unpack: unpack}
}

// list walks every page of l, fetching the next page only when the caller
// has consumed the current one. An error ends the sequence.
func list[R, T any](ctx context.Context, c *Client, l listRequest[R, T]) iter.Seq2[T, error] {
	return apiclient.All(ctx, func(ctx context.Context, token string) (apiclient.Page[T], error) {
		return fetchPage(ctx, c, l, token)
	})
}

// fetchPage fetches the page of l that starts at token ("" = the first).
func fetchPage[R, T any](ctx context.Context, c *Client, l listRequest[R, T], token string) (apiclient.Page[T], error) {
	q := url.Values{}
	maps.Copy(q, l.query)
	q.Set("limit", strconv.Itoa(l.limit))
	if token != "" {
		q.Set("continuation_token", token)
	}
	var resp R
	err := c.do(ctx, apiclient.Request{
		Endpoint: l.endpoint,
		Method:   http.MethodGet,
		Path:     l.path,
		Query:    q,
		Retry:    apiclient.RetryIdempotent,
	}, &resp)
	if err != nil {
		return apiclient.Page[T]{}, err
	}
	items, p := l.unpack(&resp)
	out := apiclient.Page[T]{Items: items, More: p.more}
	if p.more {
		if p.next == nil {
			return out, fmt.Errorf("%s: the server said has_more but sent no continuation_token", l.endpoint.Name)
		}
		out.Next = strconv.Itoa(*p.next) // apiclient.All refuses a repeated token
	}
	return out, nil
}

// taggedQuery is the query of the service and tool lists, which filter
// alike but name two parameters differently: the yes/no flag (flagParam)
// and the tags (tagParam).
func taggedQuery(ids []string, flagParam string, flag *bool, tagParam string, tags, sortBy []string) url.Values {
	q := url.Values{}
	setAll(q, "id", ids)
	setBool(q, flagParam, flag)
	setAll(q, tagParam, tags)
	setAll(q, "sort_by", sortBy)
	return q
}

// setBool sets q[key] when b is not nil.
func setBool(q url.Values, key string, b *bool) {
	if b != nil {
		q.Set(key, strconv.FormatBool(*b))
	}
}

// setAll sets q[key] to vs when there are any.
func setAll(q url.Values, key string, vs []string) {
	if len(vs) > 0 {
		q[key] = append([]string(nil), vs...)
	}
}
