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
// Request bodies are read once, for both emulators, by [ReadJSON], as FastAPI
// reads a model body: without a Content-Type or as application/json or
// application/*+json; any other media type is a 422 model_attributes_type,
// and text that is not one JSON value a 422 json_invalid.
//
// Differences from the real services, on purpose: rate-limit windows are
// fixed windows aligned to the start of the Kit (the real service's windows
// are not documented), and a 429 always carries Retry-After-Ms beside
// Retry-After so that tests with scaled-down windows need not wait a whole
// second. Bytes that are not UTF-8 are a 422 json_invalid where FastAPI
// answers 400 "There was an error parsing the body", a status the documents
// do not list for these endpoints. Bodies in UTF-16 or UTF-32, which Python's
// json detects and reads, are refused the same way; an escaped lone surrogate
// ("\ud800") is read as U+FFFD, as encoding/json reads it.
package emukit
