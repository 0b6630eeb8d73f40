package views

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Apply shows what `amigosync apply` does: the plan, the progress of each
// step as it runs, and the report. Event and Tick may be called from
// different goroutines.
type Apply interface {
	// Diagnostics shows the problems found validating or planning b (an
	// error stops the command).
	Diagnostics(b *spec.Bundle, diags spec.Diagnostics) error
	// Plan shows the plan to be confirmed (a directory was planned).
	Plan(p *plan.Plan) error
	// Applying says that p is about to be applied.
	Applying(p *plan.Plan) error
	// Event shows the progress of one step.
	Event(e apply.Event) error
	// Tick refreshes what changes with time alone (the elapsed times of a
	// live display); the command calls it every second or so.
	Tick() error
	// Report shows what became of every step, and the summary line.
	Report(r *apply.Report) error
	// Failed shows why nothing could be applied and returns the error for
	// Run to return.
	Failed(err error) error
}

// ApplyOptions shape the human view.
type ApplyOptions struct {
	// Live redraws a line per step in flight, with its elapsed time and
	// any wait for a rate limit (on a terminal); otherwise each event is
	// one plain line (CI logs).
	Live bool
	// Color colours the plan (on a terminal, without NO_COLOR).
	Color bool
	// NoChanges is the sentence an empty plan prints instead of plan's
	// (see plan.TextOptions.NoChanges).
	NoChanges string
	// Now is the clock of the live elapsed times; default time.Now.
	Now func() time.Time
}

// NewApply returns the view for format.
func NewApply(format Format, o ApplyOptions, v *View) Apply {
	if o.Now == nil {
		o.Now = time.Now
	}
	diags := NewValidate(format, false, v)
	if format == FormatJSON {
		return &ApplyJSON{view: v, diags: diags}
	}
	return &ApplyHuman{view: v, opts: o, diags: diags, waits: map[string]string{}}
}

// ApplyHuman prints the plan, the progress and the report as text on
// stdout.
type ApplyHuman struct {
	view    *View
	opts    ApplyOptions
	diags   Validate
	mu      sync.Mutex
	dialect spec.Dialect
	// flights are the steps in flight, in the order they started, and
	// drawn is how many lines of them the live display last drew.
	flights []*flight
	drawn   int
	// waits is the last wait shown per step in plain mode, so that a
	// pacer polling every few hundred milliseconds is one line, not many.
	waits map[string]string
}

// flight is a step in flight on the live display.
type flight struct {
	step  *plan.Step
	start time.Time
	// wait is the last wait reported, at waitAt.
	wait   *apply.Event
	waitAt time.Time
}

// Diagnostics prints the problems as validate does.
func (h *ApplyHuman) Diagnostics(b *spec.Bundle, diags spec.Diagnostics) error {
	if len(diags) == 0 {
		return nil
	}
	return h.diags.Results(b, diags)
}

// Plan prints the plan as `plan` does.
func (h *ApplyHuman) Plan(p *plan.Plan) error {
	return plan.WriteText(h.view.Stdout, p, plan.TextOptions{Color: h.opts.Color, NoChanges: h.opts.NoChanges})
}

// Applying prints which target the steps go to.
func (h *ApplyHuman) Applying(p *plan.Plan) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dialect = p.Target.Dialect
	if p.Empty() {
		return nil
	}
	_, err := fmt.Fprintf(h.view.Stdout, "Applying %s to the %s:\n", plural(len(p.Steps), "step"), p.Target)
	return err
}

// Event prints or redraws the step's progress.
func (h *ApplyHuman) Event(e apply.Event) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.opts.Live {
		return h.live(e)
	}
	return h.plain(e)
}

// Tick redraws the live lines with their new elapsed times.
func (h *ApplyHuman) Tick() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.opts.Live || len(h.flights) == 0 {
		return nil
	}
	return h.redraw(nil)
}

// plain prints one line per event; waits once per step and reason.
func (h *ApplyHuman) plain(e apply.Event) error {
	head := h.headline(e.Step)
	var line string
	switch e.Type {
	case apply.EventStart:
		line = head + ": started"
	case apply.EventWait:
		why := e.Wait.Endpoint.Name + fmt.Sprint(e.Wait.Server)
		if h.waits[e.Step.ID] == why {
			return nil
		}
		h.waits[e.Step.ID] = why
		line = head + ": " + e.Wait.String()
	case apply.EventDone:
		line = head + ": done in " + seconds(e.Elapsed)
	case apply.EventFailed:
		line = head + ": failed after " + seconds(e.Elapsed) + ": " + safetext.Escape(e.Err.Error())
	default:
		return nil // not attempted: listed by the report
	}
	if e.Type == apply.EventDone || e.Type == apply.EventFailed {
		delete(h.waits, e.Step.ID)
	}
	_, err := io.WriteString(h.view.Stdout, line+h.warning(e.Warning)+"\n")
	return err
}

// headline is a step's marker and one-line description.
func (h *ApplyHuman) headline(s *plan.Step) string {
	marker, text := plan.Headline(s, h.dialect)
	return "  " + marker + " " + safetext.Escape(text)
}

func (h *ApplyHuman) warning(w error) string {
	if w == nil {
		return ""
	}
	return "\n      warning: " + safetext.Escape(w.Error())
}

// Report lists what was done, what failed and what was not attempted
// (when the run stopped), then the summary line.
func (h *ApplyHuman) Report(r *apply.Report) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var b strings.Builder
	if !r.Complete() {
		for _, st := range []apply.Status{apply.StatusFailed, apply.StatusNotAttempted, apply.StatusDone} {
			h.section(&b, r, st)
		}
	}
	if len(r.Outcomes) > 0 || !r.Complete() {
		b.WriteString("\n" + r.Summary() + "\n")
	}
	_, err := io.WriteString(h.view.Stdout, b.String())
	return err
}

// section lists the outcomes of one status.
func (h *ApplyHuman) section(b *strings.Builder, r *apply.Report, st apply.Status) {
	first := true
	for _, o := range r.Outcomes {
		if o.Status != st {
			continue
		}
		if first {
			b.WriteString("\n" + strings.ToUpper(string(st[:1])) + string(st[1:]) + ":\n")
			first = false
		}
		b.WriteString(h.headline(o.Step))
		if o.Err != nil {
			b.WriteString("\n      " + safetext.Escape(o.Err.Error()))
		}
		b.WriteString("\n")
	}
}

// Failed returns err for main to print on stderr.
func (h *ApplyHuman) Failed(err error) error { return err }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// seconds renders an elapsed time for people: 12ms, 1.2s, 14s, 1m3s.
func seconds(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Millisecond).String()
}
