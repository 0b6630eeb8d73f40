package platform

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/credenv"
)

// EnvAPIKey is the environment variable amigosync reads Options.APIKey
// from (the client itself reads no environment). The name is defined in
// pkg/credenv so that pkg/spec can name it without linking this package.
const EnvAPIKey = credenv.PlatformAPIKey

// DefaultBaseURL is the Platform API's base URL.
const DefaultBaseURL = "https://api.platform.amigo.ai"

// Options configure a Client. APIKey is required, and Workspace for every
// call inside a workspace; everything else has a sensible default.
type Options struct {
	// BaseURL is the API's base URL; default DefaultBaseURL. Plain http is
	// accepted only for loopback addresses (an emulator).
	BaseURL string
	// APIKey is the workspace API key, sent as "Authorization: Bearer".
	// It is never logged.
	APIKey string
	// Workspace is the workspace id that resource paths start with. It may
	// be empty for a client that only lists or reads workspaces.
	Workspace string

	// HTTPClient sends the requests; its Transport may be replaced.
	HTTPClient *http.Client
	// Timeout bounds each attempt; see apiclient.Options.
	Timeout time.Duration
	// MaxAttempts bounds the attempts of one call, retries included.
	MaxAttempts int
	// BackoffBase, BackoffMax and MaxRetryAfter shape the waits between
	// retries; see apiclient.Options.
	BackoffBase, BackoffMax, MaxRetryAfter time.Duration
	// RateWindow is the length of a rate-limit "minute"; tests scale it down.
	RateWindow time.Duration
	// Limits seeds the pacing of endpoints (by endpoint name, e.g.
	// ListAgents) with requests per RateWindow. The Platform document
	// publishes no quotas, so by default pacing starts from the first
	// X-RateLimit-Limit header the server sends.
	Limits map[string]int
	// Logger receives debug traces of every request, with secrets redacted.
	Logger *slog.Logger
	// Now, Sleep and Rand are the clock, the wait and the jitter source.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
	// UserAgent is sent with every request.
	UserAgent string
	// OnWait is told of every wait for a rate limit; see apiclient.Options.
	OnWait func(ctx context.Context, w apiclient.Wait)
}

// Client is a typed client of the Platform API. It is safe for concurrent
// use; concurrent calls share one per-endpoint pacing.
type Client struct {
	workspace string
	api       *apiclient.Client
	limits    map[string]int
	// maxSends bounds how often a guarded version creation is sent when
	// each failure is proven to have changed nothing.
	maxSends int
}

// New returns a Client for o. It checks the options and sends nothing.
func New(o Options) (*Client, error) {
	if o.APIKey == "" {
		return nil, errors.New("platform client: the workspace API key is required")
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	limits := make(map[string]int, len(o.Limits))
	for name, n := range o.Limits {
		if _, ok := LookupEndpoint(name); !ok {
			return nil, fmt.Errorf("platform client: rate limit for unknown endpoint %q", name)
		}
		limits[name] = n
	}
	api, err := apiclient.New(apiclient.Options{
		BaseURL: o.BaseURL, HTTPClient: o.HTTPClient, Timeout: o.Timeout,
		MaxAttempts: o.MaxAttempts, BackoffBase: o.BackoffBase, BackoffMax: o.BackoffMax,
		MaxRetryAfter: o.MaxRetryAfter, RateWindow: o.RateWindow, Logger: o.Logger,
		Now: o.Now, Sleep: o.Sleep, Rand: o.Rand, UserAgent: o.UserAgent,
		Auth: newBearer(o.APIKey), OnWait: o.OnWait,
	})
	if err != nil {
		return nil, fmt.Errorf("platform client: %w", err)
	}
	maxSends := o.MaxAttempts
	if maxSends <= 0 {
		maxSends = defaultGuardedSends
	}
	return &Client{workspace: o.Workspace, api: api, limits: limits, maxSends: maxSends}, nil
}

// BaseURL returns the base URL the client talks to.
func (c *Client) BaseURL() string { return c.api.BaseURL() }

// Workspace returns the workspace id the client works in.
func (c *Client) Workspace() string { return c.workspace }

// Stats returns the request counters: endpoint name → HTTP status → count,
// with a status of 0 for an attempt that got no answer. The names are those
// of the endpoint table (ListAgents, "list_agents"), the names the emulator
// counts under, so the two sets of counters compare directly.
func (c *Client) Stats() apiclient.Stats {
	out := apiclient.Stats{}
	for phrase, byStatus := range c.api.Stats() {
		out[endpointName(phrase)] = byStatus
	}
	return out
}

// bearer authorizes requests with a workspace API key. A key cannot be
// refreshed, so a 401 is final. The key is an apiclient.Secret: it prints
// as REDACTED, and even fmt's printing of unexported fields (which calls no
// method) shows only an address.
type bearer struct{ key apiclient.Secret }

// newBearer is the authenticator of key.
func newBearer(key string) bearer { return bearer{key: apiclient.NewSecret(key)} }

// Authorize sets the Authorization header.
func (b bearer) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+b.key.Reveal())
	return nil
}

// Unauthorized reports that nothing can be refreshed.
func (bearer) Unauthorized(context.Context) bool { return false }

// endpoint returns the apiclient endpoint of name: a phrase for messages
// ("create agent version: 409 Conflict: ...") and its seeded limit.
// apiclient counts under the phrase too; Stats turns it back into the name.
func (c *Client) endpoint(name string) apiclient.Endpoint {
	return apiclient.Endpoint{Name: endpointPhrase(name), Limit: c.limits[name]}
}

// endpointPhrase is the endpoint name as words: "list_agents" → "list agents".
func endpointPhrase(name string) string { return strings.ReplaceAll(name, "_", " ") }

// endpointName undoes endpointPhrase; endpoint names have no spaces.
func endpointName(phrase string) string { return strings.ReplaceAll(phrase, " ", "_") }

// retryFor is the retry policy of an endpoint. PUTs here set fields to
// given values, so repeating one changes nothing more, except on skills,
// which count their updates in `version`. POST and DELETE are only sent
// again when the server refused them with 429.
func retryFor(name, method string) apiclient.RetryMode {
	switch {
	case method == http.MethodGet:
		return apiclient.RetryIdempotent
	case method == http.MethodPut && name != UpdateSkill:
		return apiclient.RetryIdempotent
	}
	return apiclient.RetryRateLimited
}

// do sends one call of the endpoint name.
func (c *Client) do(ctx context.Context, name, method, path string, q url.Values, body, out any) error {
	return c.api.Do(ctx, apiclient.Request{
		Endpoint: c.endpoint(name), Method: method, Path: path, Query: q, Body: body, Retry: retryFor(name, method),
	}, out)
}

// call sends one call and decodes its answer as a T.
func call[T any](ctx context.Context, c *Client, name, method, path string, body any) (T, error) {
	var out T
	err := c.do(ctx, name, method, path, nil, body, &out)
	return out, err
}

// wsPath joins the workspace and the escaped segments into a path, or
// fails when the client has no workspace.
func (c *Client) wsPath(segments ...string) (string, error) {
	if c.workspace == "" {
		return "", errors.New("platform client: no workspace is configured (Options.Workspace)")
	}
	return joinPath(append([]string{"v1", c.workspace}, segments...)...), nil
}

// joinPath escapes each segment and joins them into an absolute path.
func joinPath(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// list walks every page of a list endpoint at pageSize items per page.
func list[T any](ctx context.Context, c *Client, name, path string, q url.Values, pageSize int) iter.Seq2[T, error] {
	fetch := func(ctx context.Context, token string) (apiclient.Page[T], error) {
		pq := url.Values{}
		for k, v := range q {
			pq[k] = v
		}
		pq.Set("limit", strconv.Itoa(pageSize))
		if token != "" {
			pq.Set("continuation_token", token)
		}
		var p Page[T]
		if err := c.do(ctx, name, http.MethodGet, path, pq, nil, &p); err != nil {
			return apiclient.Page[T]{}, err
		}
		next := ""
		if p.ContinuationToken != nil {
			next = strconv.Itoa(*p.ContinuationToken)
		}
		return apiclient.Page[T]{Items: p.Items, More: p.HasMore, Next: next}, nil
	}
	return apiclient.All(ctx, fetch)
}

// fail is an iterator that yields one error.
func fail[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// ListOptions filter and size a list of workspace resources.
type ListOptions struct {
	// Search filters by name (the API's `search`); empty = all.
	Search string
	// SortBy is the API's `sort_by`, e.g. "name" or "-created_at"; empty = the server's order.
	SortBy string
	// PageSize is the number of items per request, 1..MaxPageSize;
	// 0 means MaxPageSize.
	PageSize int
}

// query returns the options as query parameters, checking the page size.
func (o ListOptions) query() (url.Values, int, error) {
	size, err := pageSize(o.PageSize)
	q := url.Values{}
	if o.Search != "" {
		q.Set("search", o.Search)
	}
	if o.SortBy != "" {
		q.Set("sort_by", o.SortBy)
	}
	return q, size, err
}

// pageSize checks a requested page size; 0 means MaxPageSize.
func pageSize(n int) (int, error) {
	switch {
	case n == 0:
		return MaxPageSize, nil
	case n < 0 || n > MaxPageSize:
		return 0, fmt.Errorf("platform client: page size %d is outside 1..%d", n, MaxPageSize)
	}
	return n, nil
}

// listIn lists the workspace collection at segments with o.
func listIn[T any](ctx context.Context, c *Client, name string, o ListOptions, extra url.Values, segments ...string) iter.Seq2[T, error] {
	path, err := c.wsPath(segments...)
	if err != nil {
		return fail[T](err)
	}
	q, size, err := o.query()
	if err != nil {
		return fail[T](err)
	}
	for k, v := range extra {
		q[k] = v
	}
	return list[T](ctx, c, name, path, q, size)
}

// callIn sends one call to the workspace resource at segments.
func callIn[T any](ctx context.Context, c *Client, name, method string, body any, segments ...string) (T, error) {
	path, err := c.wsPath(segments...)
	if err != nil {
		var zero T
		return zero, err
	}
	return call[T](ctx, c, name, method, path, body)
}

// noContent is the decoded answer of a 204.
type noContent struct{}
