package apiclient

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// redacted replaces every secret value in traces.
const redacted = "REDACTED"

// maxTraceBody bounds how much of a body a trace shows.
const maxTraceBody = 4096

// isSecretHeader reports whether a header's values never reach a trace.
func isSecretHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-api-key-id", "x-user-id":
		return true
	}
	return false
}

// isSecretField reports whether a JSON field or query parameter name holds a
// secret.
func isSecretField(name string) bool {
	switch strings.ToLower(name) {
	case "id_token", "api_key", "token", "access_token", "refresh_token", "password", "secret", "client_secret":
		return true
	}
	return false
}

// trace logs one attempt at debug level with every secret redacted.
func (c *Client) trace(ctx context.Context, req *http.Request, reqBody []byte, res outcome, attempt int, took time.Duration) {
	log := c.opts.Logger
	if !log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("url", redactURL(req.URL)),
		slog.Int("attempt", attempt),
		slog.Int("status", res.status),
		slog.Duration("duration", took),
		slog.Any("request_headers", redactHeader(req.Header)),
	}
	if reqBody != nil {
		attrs = append(attrs, slog.String("request_body", redactBody(reqBody)))
	}
	if res.header != nil {
		attrs = append(attrs, slog.Any("response_headers", redactHeader(res.header)))
	}
	if res.body != nil {
		attrs = append(attrs, slog.String("response_body", redactBody(res.body)))
	}
	if res.err != nil {
		attrs = append(attrs, slog.String("error", res.err.Error()))
	}
	log.LogAttrs(ctx, slog.LevelDebug, "api request", attrs...)
}

// redactHeader copies h with secret header values replaced.
func redactHeader(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		out[k] = strings.Join(v, ", ")
		if isSecretHeader(k) {
			out[k] = redacted
		}
	}
	return out
}

// redactURL renders u with secret query parameters and any user info replaced.
func redactURL(u *url.URL) string {
	cp := *u
	if cp.User != nil {
		cp.User = url.User(redacted)
	}
	q := cp.Query()
	changed := false
	for k := range q {
		if isSecretField(k) {
			q[k] = []string{redacted}
			changed = true
		}
	}
	if changed {
		cp.RawQuery = q.Encode()
	}
	return cp.String()
}

// redactBody renders a JSON body with secret fields replaced, truncated to
// maxTraceBody. A body that is not JSON is not shown at all, since nothing
// can be said about what it holds.
func redactBody(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON>", len(data))
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return fmt.Sprintf("<%d bytes>", len(data))
	}
	if len(out) > maxTraceBody {
		return string(out[:maxTraceBody]) + "…"
	}
	return string(out)
}

// redactValue walks decoded JSON and replaces the values of secret fields,
// and the echoed "input" of a 422 entry whose "loc" names a secret field or
// header (FastAPI echoes what it rejected).
func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if isSecretField(k) {
				t[k] = redacted
			} else {
				t[k] = redactValue(val)
			}
		}
		if _, ok := t["input"]; ok && locNamesSecret(t["loc"]) {
			t["input"] = redacted
		}
	case []any:
		for i, val := range t {
			t[i] = redactValue(val)
		}
	}
	return v
}

// locNamesSecret reports whether a 422 "loc" list names a secret field or
// a secret header.
func locNamesSecret(loc any) bool {
	parts, ok := loc.([]any)
	if !ok {
		return false
	}
	for _, p := range parts {
		name, ok := p.(string)
		if !ok {
			continue
		}
		if isSecretField(name) || isSecretHeader(name) {
			return true
		}
	}
	return false
}
