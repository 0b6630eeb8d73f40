// Package conformance checks HTTP responses against an OpenAPI 3.1 document:
// the request path must match one of the document's path templates, the
// status must be one the operation documents, and a JSON body must validate
// against the response schema (JSON Schema draft 2020-12, with
// #/components/schemas references resolved inside the document).
//
// It exists to keep the emulators honest: tests wrap their HTTP client's
// transport in a [Recorder] and assert that no response disagreed with the
// published documents. It does not check requests, headers or content types,
// and it is not used at run time by the amigosync command.
//
// Injected faults get no special treatment: a 429 or 503 answered by an
// operation whose document does not list that status is reported as
// undocumented (as an [*UndocumentedStatusError], so a caller can tell it
// apart), because that is what the document says.
package conformance
