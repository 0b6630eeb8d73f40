// Package apiclient is the HTTP machinery shared by the Classic and Platform
// API clients: one Client per base URL sends JSON requests with per-endpoint
// pacing (a sliding-window log seeded with the documented limits and adjusted
// from X-RateLimit-* headers), safe retries with capped full-jitter backoff,
// a typed *APIError with sentinels for errors.Is, redacted debug tracing
// through log/slog, per-endpoint request counters, and a pagination iterator.
// It also holds what both clients need around that: Secret, a credential
// that no fmt verb or slog handler shows (FormatSafe for the types that hold
// one), and SameContent, the check that a write whose answer was lost was
// applied with the content sent.
//
// Retries depend on the Request's RetryMode: reads are retried on
// 408/429/500/502/503/504 and network errors; writes only on 429 (the server
// refused, so nothing happened) unless the caller has made them safe to
// repeat with a guard. A 401 asks the Authenticator once whether credentials
// were refreshed.
//
// It is not an API client by itself: it knows nothing about agents,
// workspaces or sign-in. The typed clients in pkg/classic and pkg/platform
// build their requests on top of it and supply an Authenticator.
package apiclient
