package views

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
	"github.com/amigosync/amigosync/pkg/apply"
)

// Terminal controls of the live display: move up n lines, and erase from
// the cursor to the end of the screen.
const (
	ansiUp    = "\x1b[%dA"
	ansiClear = "\r\x1b[J"
)

// live updates the live display for one event: a step that ends leaves a
// line above the steps still in flight.
func (h *ApplyHuman) live(e apply.Event) error {
	switch e.Type {
	case apply.EventStart:
		h.flights = append(h.flights, &flight{step: e.Step, start: e.At})
		return h.redraw(nil)
	case apply.EventWait:
		if f := h.flight(e.Step.ID); f != nil {
			f.wait, f.waitAt = &e, h.opts.Now()
		}
		return h.redraw(nil)
	case apply.EventDone, apply.EventFailed:
		h.flights = slices.DeleteFunc(h.flights, func(f *flight) bool { return f.step.ID == e.Step.ID })
		done := h.headline(e.Step) + "  done in " + seconds(e.Elapsed) + h.warning(e.Warning)
		if e.Type == apply.EventFailed {
			done = h.headline(e.Step) + "  failed after " + seconds(e.Elapsed) + ": " + safetext.Escape(e.Err.Error())
		}
		return h.redraw([]string{done})
	}
	return nil
}

func (h *ApplyHuman) flight(id string) *flight {
	for _, f := range h.flights {
		if f.step.ID == id {
			return f
		}
	}
	return nil
}

// redraw erases the lines of the steps in flight, prints the lines that
// stay, and draws the steps in flight again.
func (h *ApplyHuman) redraw(stay []string) error {
	var b strings.Builder
	if h.drawn > 0 {
		fmt.Fprintf(&b, ansiUp, h.drawn)
	}
	b.WriteString(ansiClear)
	for _, l := range stay {
		b.WriteString(l + "\n")
	}
	now := h.opts.Now()
	for _, f := range h.flights {
		b.WriteString(h.headline(f.step) + "  " + seconds(now.Sub(f.start)))
		if f.wait != nil {
			w := *f.wait.Wait
			if w.For -= now.Sub(f.waitAt); w.For > 0 {
				b.WriteString("  " + w.String())
			}
		}
		b.WriteString("\n")
	}
	h.drawn = len(h.flights)
	_, err := io.WriteString(h.view.Stdout, b.String())
	return err
}
