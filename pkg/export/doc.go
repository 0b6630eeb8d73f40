// Package export writes live state as amigosync manifests: the writer
// behind `amigosync export` (and the manifests `amigosync migrate` writes).
//
// Encode turns one spec value (spec.AgentSpec, spec.ContextGraphSpec,
// spec.ServiceSpec) into one manifest document. The output is meant to be
// committed, diffed and read by people, and to load back, through pkg/spec,
// into exactly the value it was made from:
//
//   - Keys come in one stable order, decided once: apiVersion, kind,
//     metadata, spec; inside spec, the order of the fields of the pkg/spec
//     model types (which follow the JSON Schemas under schemas/ and the
//     APIs' create requests); map keys (tags, version sets, references,
//     free-form objects) sorted. The same value always gives the same bytes.
//   - Optional fields that are empty are left out: nil pointers, empty
//     lists and maps of struct fields, and zero scalars of fields the model
//     marks omitempty. A required scalar is written even when empty, so that
//     validation can say what is wrong with it.
//   - A string is written plainly when yaml.v3 reads it back as the same
//     string; otherwise it is quoted: strings that read as another type
//     ("1.0", "null", "true"), YAML 1.1 booleans ("yes", "off") and
//     sexagesimal numbers ("1:20") for older readers, and whatever the
//     emitter cannot write plainly (leading or trailing spaces, "#", ": ").
//     A multi-line string is a literal block (|) when that reads back
//     exactly, else double-quoted with escapes. Every document is read back
//     before it is returned, so a string yaml.v3 would alter is never
//     written: Encode quotes it instead.
//   - "${vars.NAME}" in a live value is written "$${vars.NAME}", so that
//     the loader's variable substitution gives back the text as it was.
//   - Context graph actions are objects ({description, filler_hint}) on
//     Platform and plain strings on Classic: EncodeFor takes the dialect;
//     Encode writes the Platform form.
//
// Path places a manifest in the export layout (agents/, context-graphs/,
// services/), escaping names that are not safe as file names.
// WriteFiles writes a set of files into a directory, each atomically, and
// refuses a directory that holds anything but its amigosync.yaml unless
// forced. ProjectFile writes an amigosync.yaml naming one target, never a
// credential.
//
// FromLive chooses what to export from a live state (read by plan.ReadLive
// with All and ReferencesByID) and makes the manifests: every agent and
// context graph that is not deprecated and every service amigosync would
// manage, references by graph name where that graph is exported too, each
// manifest validated with the others; what cannot be written as a valid
// manifest is a Problem with the reason, and the rest is still written.
//
// The package does no I/O but WriteFiles and Stale, and talks to no API:
// reading the live state is pkg/plan's.
package export
