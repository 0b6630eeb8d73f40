package apply

import (
	"context"
	"fmt"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/plan"
)

// op is what apply does for one (object, action) of a step: the one
// place a new kind of step is added. exec makes the Backend call;
// validate refuses, before anything runs, a step that lacks what exec
// needs or whose guard does not match the value it carries (a saved plan
// edited by hand).
type op struct {
	exec     func(ctx context.Context, r *run, s *plan.Step) (warning error, err error)
	validate func(p *plan.Plan, s *plan.Step) error
}

type opKey struct {
	object plan.Object
	action plan.Action
}

// ops maps every kind of step a plan holds to what executes it.
var ops = map[opKey]op{
	{plan.ObjContainer, plan.Create}:   {exec: createContainer, validate: needs(afterDescription)},
	{plan.ObjDescription, plan.Update}: {exec: setDescription, validate: needs(afterDescription, liveContainer, descriptionGuard)},
	{plan.ObjVersion, plan.NewVersion}: {exec: newVersion, validate: needs(afterVersion, containerOrCreated, versionGuard)},
	{plan.ObjService, plan.Create}:     {exec: createService, validate: needs(afterService)},
	{plan.ObjService, plan.Update}:     {exec: updateService, validate: needs(afterService, liveService, serviceGuard)},
	{plan.ObjVersionSet, plan.Update}:  {exec: upsertSet, validate: needs(afterSet, serviceOrCreated, setGuard)},
	{plan.ObjVersionSet, plan.Remove}:  {exec: deleteSet, validate: needs(liveService, setGuard)},
	{plan.ObjService, plan.Remove}:     {exec: removeService, validate: needs(liveService, serviceGuard)},
	{plan.ObjContainer, plan.Remove}:   {exec: removeContainer, validate: needs(liveContainer, descriptionGuard)},
}

// step runs one step, reporting its start and end.
func (r *run) step(ctx context.Context, s *plan.Step) Outcome {
	start := r.now()
	r.emit(Event{Type: EventStart, Step: s, At: start})
	ctx = context.WithValue(ctx, stepKey{}, &stepRun{r: r, step: s, start: start})
	warning, err := ops[opKey{s.Object, s.Action}].exec(ctx, r, s)
	end := r.now()
	o := Outcome{Step: s, Status: StatusDone, Warning: warning, Elapsed: end.Sub(start)}
	e := Event{Type: EventDone, Step: s, At: end, Elapsed: o.Elapsed, Warning: warning}
	if err != nil {
		o.Status, o.Err = StatusFailed, err
		e.Type, e.Err = EventFailed, err
	}
	r.emit(e)
	return o
}

func createContainer(ctx context.Context, r *run, s *plan.Step) (error, error) {
	c, err := r.b.CreateContainer(ctx, s.Kind, s.Name, *s.After.Description)
	if err != nil {
		return nil, err
	}
	r.created(c)
	return nil, nil
}

func setDescription(ctx context.Context, r *run, s *plan.Step) (error, error) {
	return nil, r.b.SetDescription(ctx, *s.Container, *s.After.Description)
}

// newVersion creates the version and keeps it in the version cache, in
// the form a read gives (references by id).
func newVersion(ctx context.Context, r *run, s *plan.Step) (error, error) {
	c, err := r.container(s)
	if err != nil {
		return nil, err
	}
	idx := r.index()
	if err := r.b.CreateVersion(ctx, c, s.Guard.Version, *s.After.Version, idx); err != nil {
		return nil, err
	}
	if r.o.Cache == nil {
		return nil, nil
	}
	if err := r.o.Cache.Put(cache.KeyOf(r.info, c, s.Guard.Version), cache.ByID(*s.After.Version, idx)); err != nil {
		return fmt.Errorf("%s %s v%d was created, but the version cache could not keep it (the next plan reads it again): %w",
			s.Kind.Noun(), s.Name, s.Guard.Version, err), nil
	}
	return nil, nil
}

// createService creates the service and reads it back: Classic gives a
// new service `edge` and a `release` equal to it, and the version set
// steps that follow are guarded on the service as created.
func createService(ctx context.Context, r *run, s *plan.Step) (error, error) {
	idx := r.index()
	svc, err := r.b.CreateService(ctx, s.Name, *s.After.Service, idx)
	if err != nil {
		return nil, err
	}
	read, err := r.b.Service(ctx, svc.ID, idx)
	if err != nil {
		return nil, fmt.Errorf("service %s was created (%s), but reading it back failed: %w", s.Name, svc.ID, err)
	}
	r.mu.Lock()
	r.services[s.Name] = read
	r.mu.Unlock()
	return nil, nil
}

func updateService(ctx context.Context, r *run, s *plan.Step) (error, error) {
	return nil, r.b.UpdateService(ctx, *s.Service, *s.After.Service, r.index())
}

func upsertSet(ctx context.Context, r *run, s *plan.Step) (error, error) {
	svc, err := r.service(s)
	if err != nil {
		return nil, err
	}
	return nil, r.b.UpsertVersionSet(ctx, svc, s.Set, *s.After.VersionSet)
}

func deleteSet(ctx context.Context, r *run, s *plan.Step) (error, error) {
	return nil, r.b.DeleteVersionSet(ctx, *s.Service, s.Set)
}

func removeService(ctx context.Context, r *run, s *plan.Step) (error, error) {
	return nil, r.b.RemoveService(ctx, *s.Service)
}

func removeContainer(ctx context.Context, r *run, s *plan.Step) (error, error) {
	return nil, r.b.RemoveContainer(ctx, *s.Container)
}

// container is the container a step acts on: the live one the plan read,
// or the one this run created.
func (r *run) container(s *plan.Step) (backend.Container, error) {
	if s.Container != nil {
		return *s.Container, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.containers[plan.Selector{Kind: s.Kind, Name: s.Name}]; ok {
		return c, nil
	}
	return backend.Container{}, fmt.Errorf("%s %s: the plan creates it in a step of this apply that has not been done", s.Kind.Noun(), s.Name)
}

// service is the service a step acts on: the live one the plan read, or
// the one this run created, as read back.
func (r *run) service(s *plan.Step) (backend.Service, error) {
	if s.Service != nil {
		return *s.Service, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if svc, ok := r.services[s.Name]; ok {
		return svc, nil
	}
	return backend.Service{}, fmt.Errorf("service %s: the plan creates it in a step of this apply that has not been done", s.Name)
}
