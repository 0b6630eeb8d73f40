// Package emukit is the machinery shared by the Classic and Platform API
// emulators: per-endpoint rate limits in fixed windows, deterministic fault
// injection (503, 429, dropped connections, latency), request ids and
// per-endpoint/per-status counters, FastAPI-style JSON error writers, an
// in-process http.RoundTripper that needs no socket, and atomic JSON state
// files.
//
// It is not an emulator itself: it knows nothing of agents, context graphs or
// services. The emulators wrap each of their endpoint handlers with
// [Kit.Wrap] and keep their own state.
//
// Differences from the real services, on purpose: rate-limit windows are
// fixed windows aligned to the start of the Kit (the real service's windows
// are not documented), and a 429 always carries Retry-After-Ms beside
// Retry-After so that tests with scaled-down windows need not wait a whole
// second.
package emukit
