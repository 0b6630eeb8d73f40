package classic

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/credenv"
)

// The environment variables amigosync reads Options.APIKey, APIKeyID and
// UserID from (the client itself reads no environment). The names are
// defined in pkg/credenv so that pkg/spec can name them without linking
// this package.
const (
	EnvAPIKey   = credenv.ClassicAPIKey
	EnvAPIKeyID = credenv.ClassicAPIKeyID
	EnvUserID   = credenv.ClassicUserID
)

// Options configure a Client. Org and the three credentials are required;
// everything else has a sensible default.
type Options struct {
	// BaseURL is the API's base URL, e.g. "https://api.amigo.ai" or an
	// emulator's "http://127.0.0.1:8080". Plain http is accepted only for
	// loopback addresses. Leave empty to use Region.
	BaseURL string
	// Region picks a regional base URL when BaseURL is empty: "" or "us"
	// (https://api.amigo.ai), or one of Regions().
	Region string
	// Org is the organization id that every path starts with.
	Org string
	// APIKey, APIKeyID and UserID are the sign-in credentials
	// (x-api-key, x-api-key-id, x-user-id). They are sent only to the
	// sign-in endpoint and never logged.
	APIKey, APIKeyID, UserID string

	// HTTPClient sends the requests; default a client with Timeout.
	HTTPClient *http.Client
	// Timeout bounds each attempt; see apiclient.Options.
	Timeout time.Duration
	// MaxAttempts bounds the attempts of one call, retries included.
	MaxAttempts int
	// BackoffBase, BackoffMax and MaxRetryAfter shape the waits between
	// retries; see apiclient.Options.
	BackoffBase, BackoffMax, MaxRetryAfter time.Duration
	// RateWindow is the length of the documented "minute" of the rate
	// limits; tests scale it down. Default one minute.
	RateWindow time.Duration
	// RefreshBefore is how long before expires_at the token is refreshed;
	// default DefaultRefreshBefore.
	RefreshBefore time.Duration
	// Logger receives debug traces of every request, with secrets redacted.
	Logger *slog.Logger
	// Now, Sleep and Rand are the clock, the wait and the jitter source;
	// tests inject them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
	// UserAgent is sent with every request.
	UserAgent string
	// OnWait is told of every wait for a rate limit; see apiclient.Options.
	OnWait func(ctx context.Context, w apiclient.Wait)
}

// Client is a typed client of the Classic API for one organization. It is
// safe for concurrent use; concurrent calls share one sign-in and one
// per-endpoint pacing.
type Client struct {
	org    string
	orgSeg string // Org escaped for use in a path
	eps    endpointTable
	api    *apiclient.Client
	signIn *apiclient.Client
	tokens *tokenSource
}

// New returns a Client for o. It checks the options but does not sign in:
// the first call does.
func New(o Options) (*Client, error) {
	base, err := baseURL(o)
	if err != nil {
		return nil, err
	}
	switch {
	case o.Org == "":
		return nil, errors.New("classic client: the organization is required")
	case o.APIKey == "" || o.APIKeyID == "" || o.UserID == "":
		return nil, errors.New("classic client: the API key, API key id and user id are all required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RefreshBefore <= 0 {
		o.RefreshBefore = DefaultRefreshBefore
	}
	c := &Client{org: o.Org, orgSeg: url.PathEscape(o.Org), eps: newEndpointTable()}
	keyOpts := apiOptions(o, base)
	keyOpts.Auth = newAPIKeyAuth(o)
	if c.signIn, err = apiclient.New(keyOpts); err != nil {
		return nil, fmt.Errorf("classic client: %w", err)
	}
	c.tokens = &tokenSource{signIn: c.doSignIn, now: o.Now, refreshBefore: o.RefreshBefore}
	tokenOpts := apiOptions(o, base)
	tokenOpts.Auth = c.tokens
	if c.api, err = apiclient.New(tokenOpts); err != nil {
		return nil, fmt.Errorf("classic client: %w", err)
	}
	return c, nil
}

// baseURL resolves BaseURL and Region to one base URL.
func baseURL(o Options) (string, error) {
	if o.BaseURL != "" {
		if o.Region != "" {
			return "", errors.New("classic client: set either a base URL or a region, not both")
		}
		return o.BaseURL, nil
	}
	u, err := RegionURL(o.Region)
	if err != nil {
		return "", fmt.Errorf("classic client: %w", err)
	}
	return u, nil
}

// apiOptions are the apiclient options shared by the sign-in and API doers.
func apiOptions(o Options, base string) apiclient.Options {
	return apiclient.Options{
		BaseURL:       base,
		HTTPClient:    o.HTTPClient,
		Timeout:       o.Timeout,
		MaxAttempts:   o.MaxAttempts,
		BackoffBase:   o.BackoffBase,
		BackoffMax:    o.BackoffMax,
		MaxRetryAfter: o.MaxRetryAfter,
		RateWindow:    o.RateWindow,
		Logger:        o.Logger,
		Now:           o.Now,
		Sleep:         o.Sleep,
		Rand:          o.Rand,
		UserAgent:     o.UserAgent,
		OnWait:        o.OnWait,
	}
}

// Org returns the organization the client works in.
func (c *Client) Org() string { return c.org }

// apiKeyAuth authorizes the sign-in request with the API key headers. The
// credentials are Secrets, which fmt cannot show even when it prints the
// fields of a struct holding this one.
type apiKeyAuth struct{ key, keyID, userID apiclient.Secret }

// newAPIKeyAuth is the sign-in authenticator of o's credentials.
func newAPIKeyAuth(o Options) apiKeyAuth {
	return apiKeyAuth{key: apiclient.NewSecret(o.APIKey), keyID: apiclient.NewSecret(o.APIKeyID), userID: apiclient.NewSecret(o.UserID)}
}

// Authorize sets the three sign-in headers.
func (a apiKeyAuth) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("x-api-key", a.key.Reveal())
	req.Header.Set("x-api-key-id", a.keyID.Reveal())
	req.Header.Set("x-user-id", a.userID.Reveal())
	return nil
}

// Unauthorized refuses a retry: a 401 at sign-in means wrong credentials.
func (apiKeyAuth) Unauthorized(context.Context) bool { return false }

// doSignIn signs in once with the API key.
func (c *Client) doSignIn(ctx context.Context) (string, time.Time, error) {
	var out SignInResponse
	err := c.signIn.Do(ctx, apiclient.Request{
		Endpoint: c.eps.ep(EndpointSignIn),
		Method:   http.MethodPost,
		Path:     c.path("/user/signin_with_api_key"),
		// Sign-in changes nothing on the server, so it is as safe to
		// repeat as a read.
		Retry: apiclient.RetryIdempotent,
	}, &out)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sign in to organization %s: %w", c.org, err)
	}
	if out.IDToken == "" || out.ExpiresAt.IsZero() {
		return "", time.Time{}, fmt.Errorf("sign in to organization %s: the answer has no token or expiry", c.org)
	}
	return out.IDToken, out.ExpiresAt, nil
}

// path returns /v1/{org}<rest>.
func (c *Client) path(rest string) string { return "/v1/" + c.orgSeg + rest }

// do sends an authenticated request.
func (c *Client) do(ctx context.Context, r apiclient.Request, out any) error {
	return c.api.Do(withAuthCall(ctx), r, out)
}

// BaseURL returns the base URL the client talks to (the regional one
// when Options.Region chose it).
func (c *Client) BaseURL() string { return c.api.BaseURL() }

// Stats returns the request counters of the client, sign-in included:
// endpoint name (one of the Endpoint* constants, e.g. "list_agents", as
// the emulator counts them) → HTTP status → count, network errors under
// status 0. It backs `--stats` and the benchmarks.
func (c *Client) Stats() apiclient.Stats {
	out := apiclient.Stats{}
	for _, stats := range []apiclient.Stats{c.api.Stats(), c.signIn.Stats()} {
		for phrase, byStatus := range stats {
			name := c.eps.counterName(phrase)
			if out[name] == nil {
				out[name] = map[int]int{}
			}
			for status, n := range byStatus {
				out[name][status] += n
			}
		}
	}
	return out
}
