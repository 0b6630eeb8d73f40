package migrate

import (
	"encoding/json"
	"fmt"
	"testing/fstest"

	"github.com/amigosync/amigosync/pkg/spec"
)

// checkFix is the fix of a translation that fails a Platform check.
const checkFix = "change it in Classic and migrate again, or edit the migrated manifest"

// checkContainers runs the Platform checks on every version of the agents
// and graphs not blocked already, and sets each one's status.
func (t *translator) checkContainers(res *Result) {
	for i := range res.Agents {
		checkResource(t, &res.Agents[i])
	}
	for i := range res.ContextGraphs {
		checkResource(t, &res.ContextGraphs[i])
	}
}

func checkResource[S any](t *translator, r *Resource[S]) {
	found := t.findingsOf(r.Kind, r.Name)
	if !found.blocked() {
		for _, v := range r.Versions {
			for _, p := range t.platformProblems(r.Kind, manifest(r.Kind, r.Name, v.Spec)) {
				for _, c := range v.Classic {
					found.add(c, blocking("spec", "the translation fails a Platform check: "+p, checkFix))
				}
			}
		}
	}
	r.Status = statusOf(found)
}

// checkServices runs the Platform checks on the services not blocked
// already (with their agent's and graph's manifests, which the checks
// look up), and sets each one's status.
func (t *translator) checkServices(res *Result) {
	for i := range res.Services {
		s := &res.Services[i]
		found := t.findingsOf(spec.KindService, s.Name)
		if !found.blocked() {
			docs := []any{manifest(spec.KindService, s.Name, s.Spec)}
			if a := findResource(res.Agents, s.Spec.Agent); a != nil {
				last, _ := a.Last()
				docs = append(docs, manifest(spec.KindAgent, a.Name, last.Spec))
			}
			if g := findResource(res.ContextGraphs, s.Spec.ContextGraph); g != nil {
				last, _ := g.Last()
				docs = append(docs, manifest(spec.KindContextGraph, g.Name, last.Spec))
			}
			for _, p := range t.platformProblems(spec.KindService, docs...) {
				found.add(0, blocking("spec", "the translation fails a Platform check: "+p, checkFix))
			}
		}
		s.Status = statusOf(found)
	}
}

func statusOf(f *findings) Status {
	if f.blocked() {
		return Blocked
	}
	return Ready
}

// manifestDoc is a manifest as written to a file.
type manifestDoc struct {
	APIVersion string       `json:"apiVersion"`
	Kind       spec.Kind    `json:"kind"`
	Metadata   manifestMeta `json:"metadata"`
	Spec       any          `json:"spec"`
}

type manifestMeta struct {
	Name string `json:"name"`
}

func manifest(kind spec.Kind, name string, s any) manifestDoc {
	return manifestDoc{APIVersion: spec.APIVersion, Kind: kind, Metadata: manifestMeta{Name: name}, Spec: s}
}

// platformProblems checks manifests with the Platform dialect's schemas
// and rules, in memory (JSON is YAML), and returns the errors about those
// of kind k. Warnings (an unreachable state) are Classic's as much as
// Platform's and do not block.
func (t *translator) platformProblems(k spec.Kind, docs ...any) []string {
	fsys := fstest.MapFS{}
	for i, d := range docs {
		data, err := json.Marshal(d)
		if err != nil {
			return []string{"the manifest cannot be encoded: " + err.Error()}
		}
		fsys[fmt.Sprintf("%d.yaml", i)] = &fstest.MapFile{Data: data}
	}
	_, diags := t.opts.Validator.Validate(fsys, spec.Options{})
	var out []string
	for _, d := range diags {
		if d.Severity == spec.SeverityError && d.Kind == string(k) {
			out = append(out, d.Summary)
		}
	}
	return out
}
