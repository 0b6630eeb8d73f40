package export

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Result is what an export of a live state writes, and what it cannot.
type Result struct {
	// Target is where the live state was read.
	Target plan.Target
	// Written are the manifests, sorted by path.
	Written []Written
	// Problems are the resources that cannot be written as valid
	// manifests, sorted by kind and name. Nothing is written for them.
	Problems []Problem
	// Notes are remarks about the export as a whole (what was left out
	// on purpose, such as deprecated Classic containers).
	Notes []string
}

// Written is one manifest of the export.
type Written struct {
	Kind spec.Kind `json:"kind"`
	Name string    `json:"name"`
	// Path is the manifest's file, relative to the export directory.
	Path string `json:"path"`
	// Version is the live version whose content the manifest holds
	// (agents and context graphs; 0 for services).
	Version int `json:"version"`
	// NeededBy names the resource an --only selection exported this one
	// for ("Service/intake"); empty when it was selected itself.
	NeededBy string `json:"needed_by"`
	// Notes say what a reader of the manifest should know: a reference
	// kept by id, a validation warning, live data a manifest cannot hold.
	Notes []string `json:"notes"`
	Data  []byte   `json:"-"`
}

// Problem is a resource that cannot be written as a valid manifest.
type Problem struct {
	Kind   spec.Kind `json:"kind"`
	Name   string    `json:"name"`
	Reason string    `json:"reason"`
}

// Files returns the manifests to write.
func (r *Result) Files() []File {
	files := make([]File, len(r.Written))
	for i, w := range r.Written {
		files[i] = File{Path: w.Path, Data: w.Data}
	}
	return files
}

// maxRounds bounds the validation rounds of FromLive: each round drops at
// least one resource, so this is only a guard.
const maxRounds = 1000

// FromLive turns a live state read with plan.ReadOptions{All: true,
// ReferencesByID: true} into manifests: every agent and context graph
// that is not deprecated (the latest version of each, plus the Platform
// agent's description), and every service amigosync would manage (the
// active one of a name, or the only one). With only, just the selected
// resources and what they need: a service's agent and context graph, the
// graphs a graph refers to. References to exported graphs are written by
// name, others keep their id (and a note says so); services name their
// agent and graph. The manifests are validated together with pkg/spec; a
// resource that cannot be encoded or does not validate becomes a Problem
// and the others are validated again without it (a reference to it then
// keeps its id; a service that needs it becomes a Problem too). An error
// is returned only for a selection that names no live resource.
func FromLive(v *spec.Validator, live *plan.Live, only []plan.Selector) (*Result, error) {
	if v == nil || live == nil {
		return nil, errors.New("export: no validator or no live state to export")
	}
	set := collect(live)
	if err := set.choose(only, live.Target.Name); err != nil {
		return nil, err
	}
	res := &Result{Target: live.Target, Notes: set.notes}
	d := live.Target.Dialect
	for range maxRounds {
		written, dropped := set.build(d)
		if dropped {
			continue
		}
		files := make([]File, len(written))
		for i, w := range written {
			files[i] = File{Path: w.Path, Data: w.Data}
		}
		_, diags, err := Check(v, d, files)
		if err != nil {
			return nil, err
		}
		if !set.refuse(diags) {
			if slices.ContainsFunc(diags, func(dg spec.Diagnostic) bool {
				return dg.Severity == spec.SeverityError && dg.Code != spec.CodeNoManifests
			}) {
				return nil, fmt.Errorf("export of target %q: the manifests do not validate: %v", live.Target.Name, diags)
			}
			res.Written = withWarnings(written, diags)
			res.Problems = set.problems()
			return res, nil
		}
	}
	return nil, fmt.Errorf("export of target %q: the manifests did not validate after %d rounds", live.Target.Name, maxRounds)
}

// dependencyCodes are the diagnostics of a manifest that names another
// manifest which did not validate: when a round has other errors, those
// go first, and the next round names what they dropped by id, or drops
// what needs it.
var dependencyCodes = []string{spec.CodeReferenceUnknown, spec.CodeServiceAgent, spec.CodeServiceGraph}

// refuse marks the resources with error diagnostics as problems and
// reports whether there were any. Errors that only say another manifest is
// missing wait while there are others (see dependencyCodes).
func (s *resources) refuse(diags spec.Diagnostics) bool {
	var own, dependent spec.Diagnostics
	for _, dg := range diags {
		switch {
		case dg.Severity != spec.SeverityError:
		case slices.Contains(dependencyCodes, dg.Code):
			dependent = append(dependent, dg)
		default:
			own = append(own, dg)
		}
	}
	if len(own) == 0 {
		own = dependent
	}
	own = lowestLevel(own)
	reasons := map[*resource][]string{}
	var order []*resource
	for _, dg := range own {
		r := s.byKey[plan.Selector{Kind: spec.Kind(dg.Kind), Name: dg.Name}]
		if !r.exported() {
			r = s.byKey[s.ownerOf(dg.Range.File)]
		}
		if !r.exported() {
			continue // not about a manifest of this export
		}
		if len(reasons[r]) == 0 {
			order = append(order, r)
		}
		reasons[r] = append(reasons[r], dg.Summary)
	}
	for _, r := range order {
		r.problem = "the manifest does not validate: " + strings.Join(reasons[r], "; ")
	}
	return len(order) > 0
}

// lowestLevel keeps the diagnostics of the kinds of the lowest dependency
// level among them: a service whose agent's name no manifest can have
// fails with it, and is better told that its agent cannot be exported.
func lowestLevel(diags spec.Diagnostics) spec.Diagnostics {
	level := func(kind string) int {
		if info, ok := spec.KindOf(spec.Kind(kind)); ok {
			return info.Level
		}
		return -1 // not a manifest's: goes first, to be reported
	}
	low := math.MaxInt
	for _, dg := range diags {
		low = min(low, level(dg.Kind))
	}
	return slices.DeleteFunc(diags, func(dg spec.Diagnostic) bool { return level(dg.Kind) != low })
}

// withWarnings adds each warning to the notes of its manifest.
func withWarnings(written []Written, diags spec.Diagnostics) []Written {
	for _, dg := range diags {
		if dg.Severity != spec.SeverityWarning {
			continue
		}
		for i := range written {
			if written[i].Path == dg.Range.File {
				written[i].Notes = append(written[i].Notes, "warning: "+dg.Summary)
			}
		}
	}
	return written
}

// problems lists the resources that could not be exported, by kind order
// and name.
func (s *resources) problems() []Problem {
	var out []Problem
	for _, r := range s.list {
		if r.selected && r.problem != "" {
			out = append(out, Problem{Kind: r.key.Kind, Name: r.key.Name, Reason: r.problem})
		}
	}
	return out
}

// Count returns how many manifests of each kind were written, in kind
// order, as "2 agents, 1 context graph".
func (r *Result) Count() string {
	var parts []string
	for _, k := range spec.Kinds() {
		n := 0
		for _, w := range r.Written {
			if w.Kind == k.Kind {
				n++
			}
		}
		noun := k.Noun
		if n != 1 {
			noun = k.Plural
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, noun))
	}
	return strings.Join(parts, ", ")
}

// sortWritten orders manifests by path (agents, context graphs, services,
// each by file name).
func sortWritten(ws []Written) {
	slices.SortFunc(ws, func(a, b Written) int { return strings.Compare(a.Path, b.Path) })
}
