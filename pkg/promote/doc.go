// Package promote plans the version set changes of `amigosync promote` and
// `amigosync rollback`: it reads a service's version sets live, resolves
// pins to numbers, and returns a plan.Plan (made by plan.MakeRepin) for
// pkg/apply to execute with the usual guards. Across two targets it plans
// copies of the pinned versions' content (an identical version found on
// the destination, or a new one). It also edits a Service manifest's pins
// in place (SetPins), keeping everything else of the file byte for byte.
//
// It decides and plans; it does not write to any API (pkg/apply does) and
// prints nothing (the CLI's views do).
package promote
