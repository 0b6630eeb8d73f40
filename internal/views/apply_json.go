package views

import (
	"time"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ApplyFormatVersion is the format_version of every line of
// `apply --output json`.
const ApplyFormatVersion = "1.0"

// ApplyJSON prints one JSON object per line on stdout (JSON Lines): a
// "plan" line, one line per step event, and a "summary" line last (see
// ApplyLine); or, when nothing could be applied, one "error" line. The
// README's "JSON output" section documents it.
type ApplyJSON struct {
	view    *View
	diags   Validate
	dialect spec.Dialect
}

// ApplyLine is one line of `apply --output json`. Every key is present on
// every line; those that do not apply to a type are null, "" or 0.
type ApplyLine struct {
	FormatVersion string `json:"format_version"`
	// Type is "plan", "start", "wait", "done", "failed", "not_attempted",
	// "summary" or "error".
	Type string `json:"type"`
	// Time is when it happened (RFC 3339, UTC); null on plan, summary
	// and error lines.
	Time *time.Time `json:"time"`
	// Step is the step of an event line; null otherwise.
	Step *ApplyStep `json:"step"`
	// ElapsedSeconds is the time since the step started (wait, done,
	// failed) or the wall time of the apply (summary).
	ElapsedSeconds float64 `json:"elapsed_seconds"`
	// Wait is what a step waits for (wait lines).
	Wait *ApplyWait `json:"wait"`
	// Error is why a step failed, or why nothing was applied; RequestID
	// is the API's request id of the failure, when it has one.
	Error     string `json:"error"`
	RequestID string `json:"request_id"`
	// Warning is a problem that did not fail a done step.
	Warning string `json:"warning"`
	// Target and Summary describe the plan (plan lines).
	Target  *plan.Target `json:"target"`
	Summary *plan.Counts `json:"summary"`
	// Outcome counts the steps by what became of them (summary lines).
	Outcome *ApplyOutcome `json:"outcome"`
	// Message is the human summary line (summary lines).
	Message string `json:"message"`
}

// ApplyStep identifies a step of the plan.
type ApplyStep struct {
	ID       string      `json:"id"`
	Kind     spec.Kind   `json:"kind"`
	Name     string      `json:"name"`
	Object   plan.Object `json:"object"`
	Set      string      `json:"set"`
	Action   plan.Action `json:"action"`
	Headline string      `json:"headline"`
}

// ApplyWait is a wait for a rate limit.
type ApplyWait struct {
	Endpoint string  `json:"endpoint"`
	Limit    int     `json:"limit"`
	Seconds  float64 `json:"seconds"`
	// Server is true when the server asked for the wait.
	Server  bool   `json:"server"`
	Message string `json:"message"`
}

// ApplyOutcome counts a report's steps.
type ApplyOutcome struct {
	Complete     bool `json:"complete"`
	Interrupted  bool `json:"interrupted"`
	Done         int  `json:"done"`
	Failed       int  `json:"failed"`
	NotAttempted int  `json:"not_attempted"`
}

// Diagnostics prints the problems as `validate --output json` does, when
// they stop the command.
func (j *ApplyJSON) Diagnostics(b *spec.Bundle, diags spec.Diagnostics) error {
	if !diags.HasErrors() {
		return nil
	}
	return j.diags.Results(b, diags)
}

// Plan prints nothing: Applying describes the plan.
func (j *ApplyJSON) Plan(*plan.Plan) error { return nil }

// Applying prints the plan line.
func (j *ApplyJSON) Applying(p *plan.Plan) error {
	j.dialect = p.Target.Dialect
	c := p.Counts()
	return j.line(ApplyLine{Type: "plan", Target: &p.Target,
		Summary: &c})
}

// Event prints the event's line.
func (j *ApplyJSON) Event(e apply.Event) error {
	at := e.At.UTC()
	l := ApplyLine{Type: string(e.Type), Time: &at, Step: stepOf(e.Step, j.dialect), ElapsedSeconds: e.Elapsed.Seconds()}
	if e.Wait != nil {
		l.Wait = &ApplyWait{Endpoint: e.Wait.Endpoint.Name, Limit: e.Wait.Endpoint.Limit, Seconds: e.Wait.For.Seconds(),
			Server: e.Wait.Server, Message: e.Wait.String()}
	}
	if e.Err != nil {
		l.Error, l.RequestID = e.Err.Error(), apply.RequestID(e.Err)
	}
	if e.Warning != nil {
		l.Warning = e.Warning.Error()
	}
	return j.line(l)
}

// Tick prints nothing.
func (j *ApplyJSON) Tick() error { return nil }

// Report prints the summary line.
func (j *ApplyJSON) Report(r *apply.Report) error {
	t := r.Tally()
	return j.line(ApplyLine{Type: "summary", ElapsedSeconds: r.Elapsed.Seconds(), Message: r.Summary(),
		Outcome: &ApplyOutcome{Complete: r.Complete(), Interrupted: r.Interrupted, Done: t.Done, Failed: t.Failed, NotAttempted: t.NotAttempted}})
}

// Failed prints an error line and returns a *ShownError.
func (j *ApplyJSON) Failed(err error) error {
	if werr := j.line(ApplyLine{Type: "error", Error: err.Error(), RequestID: apply.RequestID(err)}); werr != nil {
		return werr
	}
	return &ShownError{Err: err}
}

func (j *ApplyJSON) line(l ApplyLine) error {
	l.FormatVersion = ApplyFormatVersion
	return writeJSONLine(j.view.Stdout, l)
}

// stepOf identifies a step.
func stepOf(s *plan.Step, d spec.Dialect) *ApplyStep {
	_, head := plan.Headline(s, d)
	return &ApplyStep{ID: s.ID, Kind: s.Kind, Name: s.Name, Object: s.Object, Set: s.Set, Action: s.Action, Headline: head}
}
