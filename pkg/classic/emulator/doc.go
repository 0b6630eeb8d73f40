// Package emulator is an in-process emulator of the Classic Amigo API, as described by
// classic-openapi.json and the behaviour notes of api/README.md. It serves one organization
// through an http.Handler: API-key sign-in and expiring bearer tokens; agents and service
// hierarchical state machines (context graphs) as containers of immutable, numbered versions
// with the `?version=N` guard; the context graph rules; services with their `edge` and
// `release` version sets; tools; pagination with integer continuation tokens; and, through
// pkg/emukit, per-endpoint rate limits, fault injection and request counters. State is kept
// in memory or in a JSON file saved atomically after every change.
//
// Like the service, it stores the strings of the document's "StrippedNonemptyString" types
// trimmed of surrounding white space (a YAML block scalar's final newline does not come back),
// and it answers 422 for a body or query of the wrong shape before looking anything up.
//
// It is for tests, demos and the embedded target; it is not a model of Amigo's conversations,
// permissions or simulations.
//
// Where it knowingly differs from the real service:
//   - One organization, one user per credential set; every signed-in user has every permission
//     (no 403). Tokens are opaque random strings, not JWTs; the state file keeps only their
//     SHA-256. GET organization fills tenant_id and default_user_preferences whenever a valid
//     token is sent.
//   - Ids are 24 hex digits of a counter (000000000000000000000001, ...), not ObjectIds. A fresh
//     organization has two demo tools with ids ...01 and ...02 and no way to add more except a
//     seed or state file (the API has no tool-creation endpoint here).
//   - Voice ids are not checked against Cartesia (the documented 400 for an unknown voice id
//     never happens); the first agent version may leave voice_config null, as the response
//     schema allows. Tool version constraints are not parsed; tools have no versions.
//   - Request validation follows pydantic's messages and locations but is strict about JSON
//     types: "1" is not an integer and 1 is not a boolean. Graph rules that the service checks
//     in a model validator are answered as 422 located at the offending field (the service may
//     locate them at the body). A deprecated tool is refused with 400 (undocumented).
//   - A negative continuation_token is a 422; SHSM lists treat limit=0 as "no limit", as MongoDB
//     does. Filter values of tags are written "key:value" ("key:" without a value).
//   - Tags of a service are returned sorted by key, not in request order.
//   - New versions of a deprecated agent or SHSM are accepted (the documents do not say).
//   - Changing a service's agent or state machine keeps its version sets' pins as they are.
//   - The `edge` set (and `release` when the request gives none) is stored and answered with
//     null version numbers, which the document defines as "the latest version", so it always
//     follows the latest versions; the service may answer the numbers it resolved instead.
//   - A path missing its trailing slash gets a 307 redirect as in FastAPI, but a path with an
//     extra trailing slash is a 404 where FastAPI would redirect it too.
//   - Rate limits count all callers of an endpoint together, in fixed windows (see pkg/emukit).
//   - Nothing uses simulation unit tests, so deleting version sets and deactivating services
//     never fail for that reason. LLM configs are checked against the LLMType enum only.
package emulator
