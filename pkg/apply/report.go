package apply

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/plan"
)

// Status is what became of a step.
type Status string

// The statuses of a step in a Report.
const (
	StatusDone         Status = "done"
	StatusFailed       Status = "failed"
	StatusNotAttempted Status = "not attempted"
)

// Outcome is what became of one step.
type Outcome struct {
	Step   *plan.Step
	Status Status
	// Err is why it failed.
	Err error
	// Warning is a problem that did not fail it (see Event.Warning).
	Warning error
	// Elapsed is how long it ran.
	Elapsed time.Duration
}

// Report is what an apply did, step by step, in the plan's order.
type Report struct {
	Target   plan.Target
	Outcomes []Outcome
	// Interrupted is true when Options.Stop or the context ended the run
	// before every step was attempted.
	Interrupted bool
	// Elapsed is the wall time of the run.
	Elapsed time.Duration
}

// Tally counts outcomes by status.
type Tally struct {
	Done, Failed, NotAttempted int
}

// Tally counts the outcomes by status.
func (r *Report) Tally() Tally {
	var t Tally
	for _, o := range r.Outcomes {
		switch o.Status {
		case StatusDone:
			t.Done++
		case StatusFailed:
			t.Failed++
		default:
			t.NotAttempted++
		}
	}
	return t
}

// Complete reports whether every step was done.
func (r *Report) Complete() bool {
	t := r.Tally()
	return t.Failed == 0 && t.NotAttempted == 0
}

// Err is nil when every step was done, else an *IncompleteError.
func (r *Report) Err() error {
	if r.Complete() {
		return nil
	}
	return &IncompleteError{Report: r}
}

// Summary is the report's last line: "Apply complete: 1 created, 3 new
// versions, 1 updated, 0 removed in 4.2s." or, when the run stopped,
// what was done, failed and not attempted, and what to do next.
func (r *Report) Summary() string {
	t := r.Tally()
	if r.Complete() {
		done := plan.Plan{}
		for _, o := range r.Outcomes {
			done.Steps = append(done.Steps, *o.Step)
		}
		c := done.Counts()
		return fmt.Sprintf("Apply complete: %d created, %s, %d updated, %d removed in %s.",
			c.Create, plural(c.NewVersion, "new version"), c.Update, c.Remove, round(r.Elapsed))
	}
	how := "Apply failed"
	if r.Interrupted && t.Failed == 0 {
		how = "Apply interrupted"
	}
	return fmt.Sprintf("%s: %s done, %d failed, %d not attempted, in %s. Nothing was overwritten; run plan to see the remaining work, and apply again to complete it.",
		how, plural(t.Done, "step"), t.Failed, t.NotAttempted, round(r.Elapsed))
}

// IncompleteError reports an apply that did not do every step.
type IncompleteError struct {
	Report *Report
}

// Error names the first failure, or says the run was interrupted.
func (e *IncompleteError) Error() string {
	for _, o := range e.Report.Outcomes {
		if o.Status == StatusFailed {
			return "apply stopped: " + o.Err.Error()
		}
	}
	t := e.Report.Tally()
	return fmt.Sprintf("apply interrupted: %d of %d steps not attempted", t.NotAttempted, len(e.Report.Outcomes))
}

// Unwrap returns the errors of the failed steps, so that errors.Is and
// errors.As reach them (a *backend.GuardError, an *apiclient.APIError).
func (e *IncompleteError) Unwrap() []error {
	var errs []error
	for _, o := range e.Report.Outcomes {
		if o.Status == StatusFailed {
			errs = append(errs, o.Err)
		}
	}
	return errs
}

// RequestID returns the request id of the API answer behind err, if any:
// what the API's support asks for.
func RequestID(err error) string {
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		return ae.RequestID
	}
	return ""
}

// TargetError refuses a plan made for another target than the one it is
// applied to.
type TargetError struct {
	// Plan is the target the plan was made for; Target the one it was
	// about to be applied to.
	Plan, Target plan.Target
}

// Error names both targets.
func (e *TargetError) Error() string {
	return fmt.Sprintf("this plan was made for the %s, not the %s; run plan against this target", e.Plan, e.Target)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// round shortens a duration for people: 4.2s, 1m3s, 120ms.
func round(d time.Duration) string {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(100 * time.Millisecond).String()
	}
	return strings.TrimSpace(d.Round(time.Millisecond).String())
}
