// Package platform talks to the Amigo Platform API: workspaces and, inside a
// workspace, agents and context graphs (containers with immutable, numbered
// versions), services with their named version sets, and skills.
//
// types*.go hold the wire types, one Go type per schema of the published
// OpenAPI document (api/platform-openapi.json) with the document's JSON names;
// endpoints.go holds the one table of endpoints (name, method, path, page
// size, whether a 429 is documented). Both are shared by the client in this
// package and by the emulator in platform/emulator, so the two agree by
// construction.
//
// The client sends every request through apiclient (pacing, retries, typed
// *apiclient.APIError, redacted tracing). GETs and the PUTs that set fields
// are retried on 408/429/5xx and network errors; POSTs, DELETEs and skill
// updates only on 429. Versions have no guard parameter here, so
// CreateAgentVersionGuarded and CreateContextGraphVersionGuarded read
// latest_version right before creating, check the number the server gave,
// and settle a lost answer by reading the versions back (see GuardError),
// so a retry never creates a version twice. Stats counts requests under
// the endpoint table's names, as the emulator does. The API key never
// appears in logs, errors or printed values.
//
// Errors name the endpoint (an *apiclient.APIError reads "create agent: 409
// Conflict: …"), not the resource: the caller, pkg/backend, names that once.
// A guarded version creation needs an expected version of 1 or more; the
// unguarded CreateAgentVersion and CreateContextGraphVersion say so in their
// names.
//
// This package is not the planner: it knows nothing of manifests, plans or
// the Classic API, and it does not decide what to change, only how to say it.
package platform
