package backend

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/spec"
)

// adapter is the Backend over one dialect's calls. The error wrapping,
// the checks of arguments and every guard (re-read right before the
// write, compare, then write) are written here once; each dialect
// (classic.go, platform.go) provides only its calls and conversions, as a
// kind table built once when the Backend is made and a serviceCalls.
type adapter struct {
	Normalizer
	info Info
	// stats reads the client's request counters.
	stats func() apiclient.Stats
	kinds map[spec.Kind]kindCalls
	svc   serviceCalls
}

// kindCalls are one dialect's calls on one container kind, answers
// already converted to the manifest model. A nil describe means the
// dialect's containers have no description; a nil validate that it cannot
// validate a version without creating it.
type kindCalls struct {
	list   func(ctx context.Context) iter.Seq2[Container, error]
	get    func(ctx context.Context, id string) (Container, error)
	create func(ctx context.Context, name, description string) (Container, error)
	// describe sets the description of container id.
	describe func(ctx context.Context, id, description string) error
	remove   func(ctx context.Context, id string) error
	read     func(ctx context.Context, c Container, n int, idx Index) (Version, error)
	// createVersion returns a *GuardError when the guard refused.
	createVersion func(ctx context.Context, c Container, expect int, v Version, idx Index) error
	validate      func(ctx context.Context, c Container, expect int, v Version, idx Index) error
}

// serviceCalls are one dialect's calls on services. The writes take the
// live value just re-read.
type serviceCalls interface {
	list(ctx context.Context, idx Index) iter.Seq2[Service, error]
	// get reads one service; a missing one matches apiclient.ErrNotFound.
	get(ctx context.Context, id string, idx Index) (Service, error)
	create(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error)
	update(ctx context.Context, live Service, s spec.ServiceSpec, idx Index) error
	upsertSet(ctx context.Context, live Service, name string, set spec.VersionSet) error
	// deletable refuses, before any request, a set the API never deletes.
	deletable(name string) error
	deleteSet(ctx context.Context, live Service, name string) error
	remove(ctx context.Context, live Service) error
}

// Info implements Backend.
func (a *adapter) Info() Info { return a.info }

// calls returns the calls of a container kind, or the *Error refusing it.
func (a *adapter) calls(op string, k spec.Kind) (kindCalls, error) {
	calls, ok := a.kinds[k]
	if !ok {
		return kindCalls{}, errKind(op, k)
	}
	return calls, nil
}

// Containers implements Backend.
func (a *adapter) Containers(ctx context.Context, kind spec.Kind) ([]Container, error) {
	calls, err := a.calls("list", kind)
	if err != nil {
		return nil, err
	}
	return collect(calls.list(ctx), func(err error) error { return fail("list", kind, "", err) })
}

// CreateContainer implements Backend.
func (a *adapter) CreateContainer(ctx context.Context, kind spec.Kind, name, description string) (Container, error) {
	calls, err := a.calls("create", kind)
	if err != nil {
		return Container{}, err
	}
	if description != "" && calls.describe == nil {
		return Container{}, fail("create", kind, name, a.noDescription(kind))
	}
	c, err := calls.create(ctx, name, description)
	return c, fail("create", kind, name, err)
}

// SetDescription implements Backend.
func (a *adapter) SetDescription(ctx context.Context, planned Container, description string) error {
	const op = "set the description of"
	calls, err := a.calls(op, planned.Kind)
	if err != nil {
		return err
	}
	if calls.describe == nil {
		if description != "" {
			return fail(op, planned.Kind, planned.Name, a.noDescription(planned.Kind))
		}
		return nil
	}
	if err := a.recheck(ctx, op, calls, planned, false); err != nil {
		return err
	}
	return fail(op, planned.Kind, planned.Name, calls.describe(ctx, planned.ID, description))
}

// RemoveContainer implements Backend.
func (a *adapter) RemoveContainer(ctx context.Context, planned Container) error {
	const op = "remove"
	calls, err := a.calls(op, planned.Kind)
	if err != nil {
		return err
	}
	if err := a.recheck(ctx, op, calls, planned, true); err != nil {
		var ge *GuardError
		if errors.As(err, &ge) {
			ge.removal = true
		}
		return err
	}
	return fail(op, planned.Kind, planned.Name, calls.remove(ctx, planned.ID))
}

// recheck re-reads the container planned and returns a *GuardError when
// it moved (checkContainer).
func (a *adapter) recheck(ctx context.Context, op string, calls kindCalls, planned Container, versions bool) error {
	live, err := calls.get(ctx, planned.ID)
	switch {
	case apiclient.IsNotFound(err):
		return goneGuard(planned.Kind, planned.Name, planned.ID, containerGuard(versions))
	case err != nil:
		return fail(op, planned.Kind, planned.Name, fmt.Errorf("re-read before writing: %w", err))
	}
	if g := checkContainer(planned, live, versions); g != nil {
		return g
	}
	return nil
}

// noDescription refuses a description the dialect's containers cannot hold.
func (a *adapter) noDescription(kind spec.Kind) error {
	return unsupported("%s %s have no description", a.info.Dialect, kind.Plural())
}

// ReadVersion implements Backend.
func (a *adapter) ReadVersion(ctx context.Context, c Container, n int, idx Index) (Version, error) {
	calls, err := a.calls(readOp(n), c.Kind)
	if err != nil {
		return Version{}, err
	}
	v, err := calls.read(ctx, c, n, idx)
	return v, fail(readOp(n), c.Kind, c.Name, err)
}

// CreateVersion implements Backend.
func (a *adapter) CreateVersion(ctx context.Context, c Container, expect int, v Version, idx Index) error {
	calls, err := a.versionCalls(createOp(expect), c, expect, v)
	if err != nil {
		return err
	}
	return fail(createOp(expect), c.Kind, c.Name, calls.createVersion(ctx, c, expect, v, idx))
}

// ValidateVersion implements Backend.
func (a *adapter) ValidateVersion(ctx context.Context, c Container, expect int, v Version, idx Index) error {
	op := "validate version " + strconv.Itoa(expect) + " of"
	calls, err := a.versionCalls(op, c, expect, v)
	if err != nil {
		return err
	}
	if calls.validate == nil {
		return fail(op, c.Kind, c.Name, unsupported("the %s API cannot validate %s versions without creating them", a.info.Dialect, c.Kind.Noun()))
	}
	return fail(op, c.Kind, c.Name, calls.validate(ctx, c, expect, v, idx))
}

// versionCalls checks the arguments of a version write and returns the
// calls of c's kind.
func (a *adapter) versionCalls(op string, c Container, expect int, v Version) (kindCalls, error) {
	calls, err := a.calls(op, c.Kind)
	if err != nil {
		return kindCalls{}, err
	}
	if expect < 1 {
		return kindCalls{}, fail(op, c.Kind, c.Name, fmt.Errorf("the expected version must be 1 or more, not %d", expect))
	}
	return calls, fail(op, c.Kind, c.Name, checkVersion(c.Kind, v))
}

func readOp(n int) string   { return "read version " + strconv.Itoa(n) + " of" }
func createOp(n int) string { return "create version " + strconv.Itoa(n) + " of" }

// collect gathers a listing, wrapping its error with wrap.
func collect[T any](seq iter.Seq2[T, error], wrap func(error) error) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return nil, wrap(err)
		}
		out = append(out, item)
	}
	return out, nil
}

// convertSeq maps the items of a client iterator.
func convertSeq[T, U any](seq iter.Seq2[T, error], f func(T) U) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		for t, err := range seq {
			var u U
			if err == nil {
				u = f(t)
			}
			if !yield(u, err) || err != nil {
				return
			}
		}
	}
}
