package apply

import (
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// PlanError refuses a plan that cannot be executed as it stands: a step
// apply does not know, a missing value, a dependency on no step, a cycle,
// or a guard that does not match the live value the step carries (a
// saved plan edited by hand). Nothing was attempted.
type PlanError struct {
	// Step is the ID of the step at fault ("" for the plan as a whole).
	Step string
	Err  error
}

// Error reads "the plan cannot be applied: step Agent/a/version: ...".
func (e *PlanError) Error() string {
	if e.Step == "" {
		return "the plan cannot be applied: " + e.Err.Error()
	}
	return fmt.Sprintf("the plan cannot be applied: step %s: %v; run plan again", e.Step, e.Err)
}

// Unwrap returns the cause.
func (e *PlanError) Unwrap() error { return e.Err }

// check refuses a plan that Run could not execute to the end.
func check(p *plan.Plan) error {
	ids := map[string]bool{}
	for _, s := range p.Steps {
		if ids[s.ID] {
			return &PlanError{Step: s.ID, Err: errors.New("two steps have this id")}
		}
		ids[s.ID] = true
	}
	for i := range p.Steps {
		s := &p.Steps[i]
		o, ok := ops[opKey{s.Object, s.Action}]
		if !ok {
			return &PlanError{Step: s.ID, Err: fmt.Errorf("apply does not know how to %s a %s", s.Action, s.Object)}
		}
		for _, dep := range s.DependsOn {
			if !ids[dep] {
				return &PlanError{Step: s.ID, Err: fmt.Errorf("it depends on step %s, which the plan does not hold", dep)}
			}
		}
		if err := o.validate(p, s); err != nil {
			return &PlanError{Step: s.ID, Err: err}
		}
	}
	if id := cycle(p.Steps); id != "" {
		return &PlanError{Step: id, Err: errors.New("it depends on itself through other steps")}
	}
	return nil
}

// cycle returns the ID of a step on a dependency cycle, or "".
func cycle(steps []plan.Step) string {
	g := newGraph(steps)
	var ready []int
	for i := range steps {
		if g.waiting[i] == 0 {
			ready = append(ready, i)
		}
	}
	for len(ready) > 0 {
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		for _, d := range g.dependents[i] {
			if g.waiting[d]--; g.waiting[d] == 0 {
				ready = append(ready, d)
			}
		}
	}
	for i, n := range g.waiting {
		if n > 0 {
			return steps[i].ID
		}
	}
	return ""
}

// rule is one requirement of a step.
type rule func(p *plan.Plan, s *plan.Step) error

// needs checks the rules in order.
func needs(rules ...rule) func(p *plan.Plan, s *plan.Step) error {
	return func(p *plan.Plan, s *plan.Step) error {
		for _, r := range rules {
			if err := r(p, s); err != nil {
				return err
			}
		}
		return nil
	}
}

func afterDescription(_ *plan.Plan, s *plan.Step) error {
	return required(s.After != nil && s.After.Description != nil, "the description it sets")
}

func afterVersion(_ *plan.Plan, s *plan.Step) error {
	return required(s.After != nil && s.After.Version != nil, "the version it creates")
}

func afterService(_ *plan.Plan, s *plan.Step) error {
	return required(s.After != nil && s.After.Service != nil, "the service fields it sets")
}

func afterSet(_ *plan.Plan, s *plan.Step) error {
	return required(s.After != nil && s.After.VersionSet != nil && s.Set != "", "the version set it writes")
}

func liveContainer(_ *plan.Plan, s *plan.Step) error {
	return required(s.Container != nil, "the live container it acts on")
}

func liveService(_ *plan.Plan, s *plan.Step) error {
	return required(s.Service != nil, "the live service it acts on")
}

// containerOrCreated: the live container, or a step of the plan that
// creates it and that this step waits for.
func containerOrCreated(p *plan.Plan, s *plan.Step) error {
	if s.Container != nil {
		return nil
	}
	return createdBefore(p, s, plan.ObjContainer, "container")
}

// serviceOrCreated: the live service, or a step that creates it first.
func serviceOrCreated(p *plan.Plan, s *plan.Step) error {
	if s.Service != nil {
		return nil
	}
	return createdBefore(p, s, plan.ObjService, "service")
}

// createdBefore checks that s depends on the step creating obj of its
// kind and name.
func createdBefore(p *plan.Plan, s *plan.Step, obj plan.Object, what string) error {
	for _, dep := range s.DependsOn {
		if d, ok := p.Step(dep); ok && d.Action == plan.Create && d.Object == obj && d.Kind == s.Kind && d.Name == s.Name {
			return nil
		}
	}
	return fmt.Errorf("it carries no live %s and waits for no step that creates it", what)
}

func versionGuard(_ *plan.Plan, s *plan.Step) error {
	want := 1
	if s.Container != nil {
		want = s.Container.Latest + 1
	}
	return guarded(s.Guard.Version == want, fmt.Sprintf("container (at v%d, the next version is v%d, not v%d)", want-1, want, s.Guard.Version))
}

func descriptionGuard(_ *plan.Plan, s *plan.Step) error {
	return guarded(s.Guard.Fingerprint == backend.DescriptionFingerprint(s.Container.Description), "container's description it carries")
}

func serviceGuard(_ *plan.Plan, s *plan.Step) error {
	return guarded(s.Guard.Fingerprint == backend.ServiceFingerprint(*s.Service), "service's fields it carries")
}

func setGuard(_ *plan.Plan, s *plan.Step) error {
	if s.Service == nil {
		return nil // created by this run: guarded on the service as created
	}
	var live *spec.VersionSet
	if vs, ok := s.Service.Spec.VersionSets[s.Set]; ok {
		live = &vs
	}
	return guarded(s.Guard.Fingerprint == backend.VersionSetFingerprint(live), "version set "+s.Set+" it carries")
}

func required(ok bool, what string) error {
	if ok {
		return nil
	}
	return fmt.Errorf("it lacks %s", what)
}

// guarded refuses a guard that does not match the live value the step
// carries: the backend guards on that value, so a guard edited apart
// from it would guard nothing.
func guarded(ok bool, value string) error {
	if ok {
		return nil
	}
	return fmt.Errorf("its guard does not match the live %s, as if the saved plan had been edited", value)
}
