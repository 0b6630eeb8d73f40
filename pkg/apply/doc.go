// Package apply executes a plan.Plan through a backend.Backend, so that
// nothing is lost: no concurrent edit overwritten, no version created
// twice, no silent half-apply, no storm of 429s.
//
// Run executes the steps as a DAG (plan.Step.DependsOn) with bounded
// concurrency. Each endpoint is paced to its documented limit by the
// clients, and the scheduler keeps steps of different kinds in flight side
// by side, so independent endpoints (agent versions, context graph
// versions, services...) proceed together and the wall time approaches
// the bound of the slowest endpoint. Containers and services the run
// creates are remembered, so later steps act on them.
//
// Every write is guarded by the backend: a version is created only as the
// number the plan expects, and every other write re-reads the value the
// plan was made against right before writing. A guard that no longer holds
// is a *backend.GuardError, reported as a conflict; nothing is overwritten.
// On the first failed step no new step starts and the steps in flight
// finish; Options.Stop (the first Ctrl-C) does the same. The Report lists
// what was done, what failed and what was not attempted. Because every
// write is guarded and the plan is made again from the live state, running
// plan after any interruption shows exactly the remaining work, and apply
// completes it.
//
// Check is the stale check of a saved plan: it lists the target again
// (list calls only) and refuses the plan when anything it read has moved,
// or when it was made for another target.
//
// apply does not plan, render or ask for confirmation: cmd/amigosync does,
// from the Events it reports.
package apply
