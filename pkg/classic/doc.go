// Package classic talks to the Classic Amigo API (organization-scoped; agents, service
// hierarchical state machines a.k.a. context graphs, services and their version sets).
//
// It holds the wire types that mirror the schemas of classic-openapi.json (types.go, and the
// context graph state union in types_graph.go), the table of endpoints with their documented
// rate limits and page sizes (endpoints.go), and the client that signs in with an API key and
// calls those endpoints. The emulator in pkg/classic/emulator imports the same types and table,
// so client and emulator agree by construction; both count requests under the table's endpoint
// names (Client.Stats and the emulator's counters compare key for key).
//
// Errors name the endpoint (an *apiclient.APIError reads "create agent: 409 Conflict: …"), never
// the resource: the caller, pkg/backend, names that once. A version that does not exist is an
// error matching apiclient.ErrNotFound, as on Platform, and a guarded version creation needs an
// expected version of 1 or more.
//
// It is not for deciding what to change: planning and applying live in pkg/plan and pkg/apply,
// which reach this package only through the backend interface. It knows nothing of manifests.
package classic
