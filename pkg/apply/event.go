package apply

import (
	"context"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/plan"
)

// EventType says what happened to a step.
type EventType string

// The events of a step: it starts, may wait for rate limits, and ends
// done or failed; a step that never starts is reported not attempted when
// the run ends.
const (
	EventStart        EventType = "start"
	EventWait         EventType = "wait"
	EventDone         EventType = "done"
	EventFailed       EventType = "failed"
	EventNotAttempted EventType = "not_attempted"
)

// Event is one thing that happened to one step, for a progress display.
type Event struct {
	Type EventType
	Step *plan.Step
	// At is when it happened; Elapsed is the time since the step started
	// (for wait, done and failed).
	At      time.Time
	Elapsed time.Duration
	// Wait is what the step waits for (EventWait).
	Wait *apiclient.Wait
	// Err is why the step failed (EventFailed).
	Err error
	// Warning is a problem that did not fail a done step (the version
	// cache could not keep the version it created).
	Warning error
}

// stepKey is the context key of the step a request is made for.
type stepKey struct{}

// stepRun is what the context of a step's requests carries, for OnWait.
type stepRun struct {
	r     *run
	step  *plan.Step
	start time.Time
}

// OnWait reports a wait for a rate limit as an EventWait of the step
// whose request waits (the context says which); waits outside an apply
// (reading the live state) are ignored. Give it to the clients
// (apiclient.Options.OnWait, through the target's options).
func OnWait(ctx context.Context, w apiclient.Wait) {
	sr, ok := ctx.Value(stepKey{}).(*stepRun)
	if !ok {
		return
	}
	now := sr.r.now()
	sr.r.emit(Event{Type: EventWait, Step: sr.step, At: now, Elapsed: now.Sub(sr.start), Wait: &w})
}
