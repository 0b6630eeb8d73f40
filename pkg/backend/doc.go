// Package backend is the one small interface through which planning and
// applying reach an Amigo API, and its two adapters: Classic (an
// organization, over pkg/classic) and Platform (a workspace, over
// pkg/platform). The planner talks to a Backend and never learns which API
// is behind it.
//
// A Backend lists containers (agents and context graphs, paged at each
// endpoint's maximum) and reads, creates and validates their immutable
// versions through one kind-generic surface (Version, ReadVersion,
// CreateVersion, NormalizeVersion), so that the planner iterates kinds. It
// lists, reads, creates, updates and removes services and their version
// sets. Nothing is written blind: a version is created only as the number
// the caller expects, and every other write takes the live value it was
// planned against, re-reads it right before writing and returns a
// *GuardError when it moved (fingerprints: ServiceFingerprint,
// VersionSetFingerprint, DescriptionFingerprint).
//
// All the dialect knowledge lives in the adapters, each a table of its
// calls per container kind (built once per Backend) and its service calls
// under one shared implementation of the guards (adapter.go): Classic's
// string actions, recall/reflection/tool-call states and `[id, version]`
// references (turned into references by graph name through an Index, and
// back), Platform's action objects, data collection, guardrails and
// container descriptions, and the two ways of writing service tags. The
// Normalizer of each dialect brings a manifest to the form the server
// gives back (strings trimmed, documented defaults filled, empty lists
// absent), so that normalise(manifest) equals what a read returns after a
// create.
//
// Where the APIs cannot do an operation, the Backend says so rather than
// pretend: Classic has no service delete, so RemoveService deactivates;
// Classic never deletes `edge` or `release`; Platform has no version set
// delete, so DeleteVersionSet writes the other sets back.
//
// It does not open project targets: pkg/target builds a Backend for one
// (the embedded emulator or a URL), so that this package, and the planner
// and applier that use it, never link the emulators.
//
// It is not the planner: it does not compare, decide, order or retry
// beyond what the clients do; it converts and calls. It keeps no state
// between calls (no cache of versions; the planner owns that).
package backend
