package backend

import (
	"errors"
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// ErrUnsupported matches an operation or a field the API of the Backend
// cannot carry (a description on Classic, an external transition on
// Platform, a "current" pin not yet resolved).
var ErrUnsupported = errors.New("not supported by this API")

// Error is the failure of one Backend operation on one resource. It wraps
// the cause, so errors.Is and errors.As reach the clients' errors and the
// apiclient sentinels (apiclient.ErrNotFound, ErrConflict...).
type Error struct {
	// Op is what was being done: "list", "create", "read version 3"...
	Op string
	// Kind and Name say which resource; Name is "" for a list.
	Kind spec.Kind
	Name string
	// Err is the cause.
	Err error
}

// Error reads as "create context graph billing: <cause>", or "list
// agents: <cause>" when no resource is named.
func (e *Error) Error() string {
	what := e.Op + " " + noun(e.Kind)
	if e.Name != "" {
		what += " " + e.Name
	} else {
		what += "s"
	}
	return what + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// GuardError reports that a guarded version creation did not create the
// version it expected because another writer got there first. Nothing of
// the other writer's was overwritten. It wraps the client's error
// (*classic.VersionConflictError or *platform.GuardError), so errors.Is(err,
// apiclient.ErrConflict) holds.
type GuardError struct {
	// Kind and Name (and ID) say which agent or context graph.
	Kind     spec.Kind
	Name, ID string
	// Expected is the version the caller expected to create.
	Expected int
	// Latest is the latest version seen on the server after the refusal
	// (0 when it could not be read).
	Latest int
	// Created is the version this request created anyway (Platform, when
	// another writer raced between the check and the create), else 0.
	Created int
	// Err is the client's error.
	Err error
}

// Error names the resource and the versions expected and seen.
func (e *GuardError) Error() string {
	who := fmt.Sprintf("%s %s (%s)", noun(e.Kind), e.Name, e.ID)
	switch {
	case e.Created != 0:
		return fmt.Sprintf("%s: expected to create version %d, but another writer raced and this request became version %d; review the versions and plan again",
			who, e.Expected, e.Created)
	case e.Latest != 0:
		return fmt.Sprintf("%s: expected to create version %d, but the latest version is already %d (another writer got there first); nothing was created, plan again",
			who, e.Expected, e.Latest)
	}
	return fmt.Sprintf("%s: expected to create version %d, but the server refused it as not the next version; nothing was created, plan again", who, e.Expected)
}

// Unwrap returns the client's error.
func (e *GuardError) Unwrap() error { return e.Err }

// noun names a kind in messages.
func noun(k spec.Kind) string {
	switch k {
	case spec.KindAgent:
		return "agent"
	case spec.KindContextGraph:
		return "context graph"
	case spec.KindService:
		return "service"
	}
	return string(k)
}

// fail wraps err as an *Error, or returns nil for a nil err.
func fail(op string, kind spec.Kind, name string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: kind, Name: name, Err: err}
}

// unsupported is an ErrUnsupported naming what.
func unsupported(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrUnsupported)
}

// errKind refuses a kind that is not a container kind.
func errKind(op string, k spec.Kind) error {
	return fail(op, k, "", unsupported("%s is not an agent or a context graph", k))
}
