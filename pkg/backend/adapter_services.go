package backend

import (
	"context"
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Services implements Backend.
func (a *adapter) Services(ctx context.Context, idx Index) ([]Service, error) {
	return collect(a.svc.list(ctx, idx), func(err error) error { return fail("list", spec.KindService, "", err) })
}

// Service implements Backend.
func (a *adapter) Service(ctx context.Context, id string, idx Index) (Service, error) {
	s, err := a.svc.get(ctx, id, idx)
	return s, fail("read", spec.KindService, id, err)
}

// CreateService implements Backend.
func (a *adapter) CreateService(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error) {
	svc, err := a.svc.create(ctx, name, s, idx)
	return svc, fail("create", spec.KindService, name, err)
}

// UpdateService implements Backend.
func (a *adapter) UpdateService(ctx context.Context, planned Service, s spec.ServiceSpec, idx Index) error {
	return a.guarded(ctx, "update", planned, idx, GuardFields,
		func(live Service) *GuardError { return checkFields(planned, live) },
		func(live Service) error { return a.svc.update(ctx, live, s, idx) })
}

// UpsertVersionSet implements Backend.
func (a *adapter) UpsertVersionSet(ctx context.Context, planned Service, name string, set spec.VersionSet) error {
	return a.guarded(ctx, "upsert version set "+name+" of", planned, Index{}, GuardVersionSet,
		func(live Service) *GuardError { return checkSet(planned, live, name) },
		func(live Service) error { return a.svc.upsertSet(ctx, live, name, set) })
}

// DeleteVersionSet implements Backend.
func (a *adapter) DeleteVersionSet(ctx context.Context, planned Service, name string) error {
	op := "delete version set " + name + " of"
	if err := a.svc.deletable(name); err != nil {
		return fail(op, spec.KindService, planned.Name, err)
	}
	if setOf(planned, name) == nil {
		return fail(op, spec.KindService, planned.Name, fmt.Errorf("the plan read no version set %s to delete", name))
	}
	return a.guarded(ctx, op, planned, Index{}, GuardVersionSet,
		func(live Service) *GuardError { return checkSet(planned, live, name) },
		func(live Service) error { return a.svc.deleteSet(ctx, live, name) })
}

// RemoveService implements Backend.
func (a *adapter) RemoveService(ctx context.Context, planned Service) error {
	err := a.guarded(ctx, "remove", planned, Index{}, GuardFields,
		func(live Service) *GuardError { return checkService(planned, live) },
		func(live Service) error { return a.svc.remove(ctx, live) })
	var ge *GuardError
	if errors.As(err, &ge) {
		ge.removal = true
	}
	return err
}

// guarded re-reads the service planned right before a write, and writes
// only when check finds that it has not moved; a service gone (found by a
// write guarded on g), or moved, is a *GuardError and nothing is written.
func (a *adapter) guarded(ctx context.Context, op string, planned Service, idx Index, g Guard,
	check func(live Service) *GuardError, write func(live Service) error,
) error {
	live, err := a.svc.get(ctx, planned.ID, idx)
	switch {
	case apiclient.IsNotFound(err):
		return goneGuard(spec.KindService, planned.Name, planned.ID, g)
	case err != nil:
		return fail(op, spec.KindService, planned.Name, fmt.Errorf("re-read before writing: %w", err))
	}
	if g := check(live); g != nil {
		return g
	}
	return fail(op, spec.KindService, planned.Name, write(live))
}
