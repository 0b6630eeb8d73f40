package apiclient

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Endpoint names one API operation for pacing, counters and messages.
type Endpoint struct {
	// Name is a short phrase used in errors and counters, e.g. "list agents".
	Name string
	// Limit is the documented number of requests per minute (per RateWindow);
	// 0 means none is documented, and pacing starts from the server's
	// X-RateLimit-Limit header when it sends one.
	Limit int
}

// RetryMode says when a request may be sent again after a failure.
type RetryMode int

const (
	// RetryIdempotent retries on 408/429/500/502/503/504 and network errors;
	// for GETs and other requests that change nothing.
	RetryIdempotent RetryMode = iota
	// RetryRateLimited retries only on 429, where the server refused the
	// request so nothing happened; for writes.
	RetryRateLimited
	// RetryGuarded retries like RetryIdempotent; for writes the caller made
	// safe to repeat (e.g. with a version=N guard whose 409 it checks).
	RetryGuarded
)

// Request is one API call.
type Request struct {
	// Endpoint names the operation and its documented limit; its Name
	// keys pacing and counters (default "METHOD path").
	Endpoint Endpoint
	// Method is the HTTP method; Path is the escaped path under the base
	// URL, starting with "/".
	Method, Path string
	// Query holds the query parameters, or nil.
	Query url.Values
	// Body is encoded as JSON; nil sends no body.
	Body any
	// Retry is the retry policy.
	Retry RetryMode
}

// Authenticator adds credentials to requests. Implementations keep their
// credentials in Secret values, so that printing a Client, or a struct
// that holds one, cannot show them (fmt prints unexported fields without
// calling their methods).
type Authenticator interface {
	// Authorize adds credentials to req; it is called before every attempt.
	Authorize(ctx context.Context, req *http.Request) error
	// Unauthorized is called once per Do after a 401 answer; it returns
	// true when it refreshed the credentials and the request should be sent
	// once more.
	Unauthorized(ctx context.Context) (retry bool)
}

// Options configures a Client. Only BaseURL is required.
type Options struct {
	// BaseURL is the API root, e.g. "https://api.amigo.ai". Plain http is
	// refused unless the host is loopback.
	BaseURL string
	// HTTPClient sends the requests; its Transport may be replaced in tests.
	// Default: a new http.Client with the default transport.
	HTTPClient *http.Client
	// Timeout bounds each attempt, including reading the answer. Default 30s.
	Timeout time.Duration
	// MaxAttempts bounds the attempts per request. Default 5.
	MaxAttempts int
	// BackoffBase and BackoffMax bound the full-jitter backoff between
	// retries: a random wait in [0, min(BackoffMax, BackoffBase*2^n)).
	// Defaults 250ms and 10s.
	BackoffBase, BackoffMax time.Duration
	// MaxRetryAfter caps a server's Retry-After. Default one minute.
	MaxRetryAfter time.Duration
	// RateWindow is the length of the documented "minute". Default
	// time.Minute; tests use the emulator's scaled window.
	RateWindow time.Duration
	// Logger receives redacted debug traces of every attempt. Nil discards.
	Logger *slog.Logger
	// Now, Sleep and Rand replace the clock, waiting and randomness.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
	// Auth adds credentials; nil sends none.
	Auth Authenticator
	// UserAgent is sent as User-Agent. Default "amigosync".
	UserAgent string
	// OnWait, when set, is called before a request waits for its
	// endpoint's rate limit (the client's pacing, or a wait the server
	// asked for), with the request's context: a progress display can say
	// what is waiting and why. It must not block.
	OnWait func(ctx context.Context, w Wait)
}

// Client sends paced, retried and traced JSON requests to one API.
// It is safe for concurrent use.
type Client struct {
	base   string // scheme://host[/path] without a trailing slash
	opts   Options
	pacers *pacers
	stats  *counters
}

// New checks the options and returns a Client. It refuses malformed base
// URLs and plain http:// to anything but a loopback host.
func New(o Options) (*Client, error) {
	base, err := checkBaseURL(o.BaseURL)
	if err != nil {
		return nil, err
	}
	if o.MaxAttempts < 0 || o.Timeout < 0 || o.RateWindow < 0 {
		return nil, errors.New("apiclient options: MaxAttempts, Timeout and RateWindow must not be negative")
	}
	o = withDefaults(o)
	return &Client{
		base:   base,
		opts:   o,
		pacers: &pacers{window: o.RateWindow, by: map[string]*pacer{}},
		stats:  &counters{by: Stats{}},
	}, nil
}

func withDefaults(o Options) Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Timeout, 30*time.Second)
	def(&o.BackoffBase, 250*time.Millisecond)
	def(&o.BackoffMax, 10*time.Second)
	def(&o.MaxRetryAfter, time.Minute)
	def(&o.RateWindow, time.Minute)
	if o.MaxAttempts == 0 {
		o.MaxAttempts = 5
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepContext
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.UserAgent == "" {
		o.UserAgent = "amigosync"
	}
	return o
}

// checkBaseURL validates a base URL and returns it without a trailing slash.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("base URL %q is malformed: %w", raw, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("base URL %q must start with https://", raw)
	case u.Host == "" || u.Hostname() == "":
		return "", fmt.Errorf("base URL %q has no host", raw)
	case u.User != nil:
		return "", errors.New("base URL must not carry credentials")
	case u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", fmt.Errorf("base URL %q must not have a query or fragment", raw)
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return "", fmt.Errorf("base URL %q uses plain http to a non-loopback host; use https", raw)
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

// isLoopback reports whether host is localhost, 127.0.0.0/8 or ::1.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// BaseURL returns the API root requests go to, without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// Stats returns a copy of the request counters: endpoint name → HTTP status
// → count, with network errors counted under status 0.
func (c *Client) Stats() Stats { return c.stats.snapshot() }
