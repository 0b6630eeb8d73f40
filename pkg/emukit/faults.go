package emukit

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// FaultKind names one kind of injected fault, as a user writes it (for
// example in `amigosync emulate --fault-kinds`).
type FaultKind string

// The fault kinds. [FaultKinds] lists them; the Kit draws them in that
// order, as exclusive bands of one draw per request.
const (
	// FaultDropBefore aborts the connection before the handler runs:
	// nothing changed.
	FaultDropBefore FaultKind = "drop-before"
	// Fault503 answers 503 (maintenance) without running the handler.
	Fault503 FaultKind = "503"
	// Fault429 answers 429 with Retry-After without running the handler.
	Fault429 FaultKind = "429"
	// FaultDropAfter runs the handler, which commits its change, then
	// aborts the connection: the change is made, the response lost.
	FaultDropAfter FaultKind = "drop-after"
)

// faultKind describes one kind: what it does (for help texts) and which
// fraction of [Faults] holds its rate. This table is the one list of the
// kinds; everything else (the Kit's draw, [FaultKinds], [FaultSettings],
// the command line's default and help) is derived from it.
type faultKind struct {
	kind  FaultKind
	about string
	rate  func(*Faults) *float64
}

// faultTable returns the kinds in the order the Kit draws them.
func faultTable() []faultKind {
	return []faultKind{
		{FaultDropBefore, "nothing happens, the connection is aborted", func(f *Faults) *float64 { return &f.DropBefore }},
		{Fault503, "a maintenance answer", func(f *Faults) *float64 { return &f.Rate503 }},
		{Fault429, "too many requests, with Retry-After", func(f *Faults) *float64 { return &f.Rate429 }},
		{FaultDropAfter, "the change is made, the answer lost", func(f *Faults) *float64 { return &f.DropAfter }},
	}
}

// total is the fraction of requests faulted, whatever the kind.
func (f Faults) total() float64 {
	sum := 0.0
	for _, k := range faultTable() {
		sum += *k.rate(&f)
	}
	return sum
}

// FaultKinds returns every fault kind.
func FaultKinds() []FaultKind {
	table := faultTable()
	kinds := make([]FaultKind, len(table))
	for i, k := range table {
		kinds[i] = k.kind
	}
	return kinds
}

// FaultKindsHelp describes each kind in one line of text, such as
// "drop-before (nothing happens, the connection is aborted), 503 (a
// maintenance answer), ...", for command-line help.
func FaultKindsHelp() string {
	var parts []string
	for _, k := range faultTable() {
		parts = append(parts, fmt.Sprintf("%s (%s)", k.kind, k.about))
	}
	return strings.Join(parts, ", ")
}

// FaultSettings describe injected faults the way a person does: a fraction
// of requests, shared equally by some kinds, a latency and a seed.
type FaultSettings struct {
	Rate    float64       // fraction (0..1) of requests that get a fault
	Kinds   []string      // kinds sharing Rate equally; repeats count once
	Latency time.Duration // added to every request
	Seed    int64         // seed of the fault sequence
}

// Faults checks the settings and returns the fraction of each kind.
func (s FaultSettings) Faults() (Faults, error) {
	f := Faults{Latency: s.Latency, Seed: s.Seed}
	if !(s.Rate >= 0 && s.Rate <= 1) {
		return f, fmt.Errorf("the fault rate must be between 0 and 1, not %g", s.Rate)
	}
	if s.Latency < 0 {
		return f, fmt.Errorf("the latency must not be negative, not %s", s.Latency)
	}
	var kinds []FaultKind
	for _, name := range s.Kinds {
		k := FaultKind(strings.TrimSpace(name))
		if !slices.Contains(FaultKinds(), k) {
			return f, fmt.Errorf("unknown fault kind %q (choose from %s)", name, joinKinds(FaultKinds()))
		}
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if s.Rate > 0 && len(kinds) == 0 {
		return f, errors.New("a fault rate needs at least one fault kind")
	}
	for _, k := range faultTable() {
		if slices.Contains(kinds, k.kind) {
			*k.rate(&f) = s.Rate / float64(len(kinds))
		}
	}
	return f, nil
}

// joinKinds lists kinds as "a, b, c".
func joinKinds(kinds []FaultKind) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
