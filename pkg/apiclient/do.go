package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBody bounds how much of an answer is read (16 MiB).
const maxBody = 16 << 20

// outcome is the result of one attempt.
type outcome struct {
	status int // 0 when no answer arrived
	header http.Header
	body   []byte
	err    error // nil on 2xx
	// network is true when the request may or may not have reached the
	// server (connection refused, reset, timeout).
	network bool
}

// Do sends the request, pacing, retrying and re-authenticating as the
// request's RetryMode allows, and decodes a 2xx JSON answer into out (nil
// ignores the body). A non-2xx answer is returned as an *APIError.
func (c *Client) Do(ctx context.Context, r Request, out any) error {
	if r.Endpoint.Name == "" {
		r.Endpoint.Name = r.Method + " " + r.Path
	}
	if !strings.HasPrefix(r.Path, "/") {
		return fmt.Errorf("%s: path %q must start with /", r.Endpoint.Name, r.Path)
	}
	body, err := encodeBody(r.Body)
	if err != nil {
		return fmt.Errorf("%s: encode request body: %w", r.Endpoint.Name, err)
	}
	res, err := c.send(ctx, r, body)
	if err != nil {
		return err
	}
	if out == nil || len(bytes.TrimSpace(res.body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return fmt.Errorf("%s: decode %d answer: %w", r.Endpoint.Name, res.status, err)
	}
	return nil
}

// send runs the attempts until one succeeds, one fails for good, or the
// attempts run out.
func (c *Client) send(ctx context.Context, r Request, body []byte) (outcome, error) {
	p := c.pacers.get(r.Endpoint)
	reauthorized, extra := false, 0
	var last error
	for attempt := 1; ; attempt++ {
		// Some transports (the in-process ones of tests and of the embedded
		// target, or a caller's own) send without looking at ctx.
		if err := ctx.Err(); err != nil {
			if last == nil {
				return outcome{}, fmt.Errorf("%s: not sent: %w", r.Endpoint.Name, err)
			}
			return outcome{}, waitError(r, err, last)
		}
		id, err := p.acquire(ctx, r.Endpoint, c.opts)
		if err != nil {
			return outcome{}, waitError(r, err, last)
		}
		res := c.attempt(ctx, r, body, attempt)
		p.finish(id, c.opts.Now())
		if res.header != nil {
			p.observe(res.header, c.opts.Now())
		}
		if res.err == nil {
			return res, nil
		}
		last = res.err
		if ctx.Err() != nil {
			return res, res.err
		}
		if res.status == http.StatusUnauthorized && !reauthorized && c.opts.Auth != nil {
			reauthorized = true
			if c.opts.Auth.Unauthorized(ctx) {
				extra = 1 // a refreshed credential does not use up an attempt
				continue
			}
		}
		if !retryable(r.Retry, res) {
			return res, res.err
		}
		if attempt >= c.opts.MaxAttempts+extra {
			if attempt == 1 {
				return res, res.err // retries are off: nothing was given up
			}
			return res, fmt.Errorf("giving up after %d attempts: %w", attempt, res.err)
		}
		if err := c.waitBeforeRetry(ctx, p, res, attempt); err != nil {
			return res, waitError(r, err, last)
		}
	}
}

// waitError reports a wait that ended early (usually a cancelled context),
// wrapping both the cause and the answer that made us wait, if any.
func waitError(r Request, err, last error) error {
	if last == nil {
		return fmt.Errorf("%s: waiting for the rate limit: %w", r.Endpoint.Name, err)
	}
	return fmt.Errorf("waiting to retry: %w (after %w)", err, last)
}

// retryable applies the retry policy to a failed attempt.
func retryable(mode RetryMode, res outcome) bool {
	if res.status == http.StatusTooManyRequests {
		return true
	}
	if mode == RetryRateLimited {
		return false
	}
	return res.network || transientStatus(res.status)
}

// waitBeforeRetry honours the server's Retry-After (capped) by blocking the
// endpoint's pacer, so every request to that endpoint waits, not just this
// one; without a hint it sleeps a capped full-jitter backoff.
func (c *Client) waitBeforeRetry(ctx context.Context, p *pacer, res outcome, attempt int) error {
	var apiErr *APIError
	if errors.As(res.err, &apiErr) && apiErr.RetryAfter > 0 {
		p.block(c.opts.Now().Add(apiErr.RetryAfter))
		return nil // the next acquire waits
	}
	return c.opts.Sleep(ctx, c.backoff(attempt))
}

// backoff is a full-jitter wait: random in [0, min(max, base·2^(attempt-1))).
func (c *Client) backoff(attempt int) time.Duration {
	ceil := float64(c.opts.BackoffBase) * math.Pow(2, float64(attempt-1))
	ceil = math.Min(ceil, float64(c.opts.BackoffMax))
	return time.Duration(c.opts.Rand() * ceil)
}

// attempt sends the request once and reads the whole answer within the
// per-attempt timeout.
func (c *Client) attempt(ctx context.Context, r Request, body []byte, n int) outcome {
	actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := c.newRequest(actx, r, body)
	if err != nil {
		return outcome{err: err}
	}
	start := c.opts.Now()
	resp, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		c.stats.add(r.Endpoint.Name, 0)
		res := outcome{err: c.networkError(r, err), network: true}
		c.trace(ctx, req, body, res, n, c.opts.Now().Sub(start))
		return res
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	_ = resp.Body.Close() // the body has been read; a close error changes nothing
	if err != nil {
		c.stats.add(r.Endpoint.Name, 0)
		res := outcome{header: resp.Header, err: c.networkError(r, err), network: true}
		c.trace(ctx, req, body, res, n, c.opts.Now().Sub(start))
		return res
	}
	c.stats.add(r.Endpoint.Name, resp.StatusCode)
	res := outcome{status: resp.StatusCode, header: resp.Header, body: data}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		res.err = c.apiError(r, resp, data)
	}
	c.trace(ctx, req, body, res, n, c.opts.Now().Sub(start))
	return res
}

// newRequest builds the HTTP request for one attempt, with a fresh body
// reader (so every attempt sends the whole body) and credentials.
func (c *Client) newRequest(ctx context.Context, r Request, body []byte) (*http.Request, error) {
	u := c.base + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("%s: build request: %w", r.Endpoint.Name, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if c.opts.Auth != nil {
		if err := c.opts.Auth.Authorize(ctx, req); err != nil {
			return nil, fmt.Errorf("%s: authorize: %w", r.Endpoint.Name, err)
		}
	}
	return req, nil
}

// networkError describes a failure with no (complete) answer. The
// *url.Error that http.Client wraps around it is dropped: its
// "Post \"https://host/path\":" repeats the method and path the
// NetworkError already names (the host is the client's base URL).
func (c *Client) networkError(r Request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &NetworkError{Endpoint: r.Endpoint.Name, Method: r.Method, Path: r.Path, Err: err}
}

// apiError builds the *APIError of a non-2xx answer.
func (c *Client) apiError(r Request, resp *http.Response, data []byte) *APIError {
	detail, fields := parseErrorBody(data)
	e := &APIError{
		Status:    resp.StatusCode,
		Method:    r.Method,
		Endpoint:  r.Endpoint.Name,
		Path:      r.Path,
		Detail:    detail,
		Fields:    fields,
		RequestID: resp.Header.Get("X-Request-Id"),
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		e.RetryAfter = min(retryAfter(resp.Header, c.opts.Now()), c.opts.MaxRetryAfter)
	}
	return e
}

// encodeBody encodes a request body as JSON; nil means no body.
func encodeBody(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}
