// Package backend is the one small interface through which planning and
// applying reach an Amigo API, and its two adapters: Classic (an
// organization, over pkg/classic) and Platform (a workspace, over
// pkg/platform). The planner talks to a Backend and never learns which API
// is behind it.
//
// A Backend lists containers (agents and context graphs, paged at each
// endpoint's maximum), reads one immutable version of an agent or a context
// graph converted to the manifest model of pkg/spec, creates containers and
// versions (each version guarded by the number it expects to create), and
// lists, creates and updates services and upserts their version sets.
// All the dialect knowledge lives in the adapters: Classic's string actions,
// recall/reflection/tool-call states and `[id, version]` references (turned
// into references by graph name through an Index, and back), Platform's
// action objects, data collection, guardrails and container descriptions,
// and the two ways of writing service tags. The Normalizer of each dialect
// brings a manifest to the form the server gives back (strings trimmed,
// documented defaults filled, empty lists absent), so that
// normalise(manifest) equals what a read returns after a create.
//
// Open builds a Backend for a project target: the embedded emulator under
// <dir>/.amigosync/, or a URL with credentials taken only from the
// environment.
//
// It is not the planner: it does not compare, decide, order or retry
// beyond what the clients do; it converts and calls. It keeps no state
// between calls (no cache of versions; the planner owns that).
package backend
