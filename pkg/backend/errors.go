package backend

import (
	"errors"
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/spec"
)

// ErrUnsupported matches an operation or a field the API of the Backend
// cannot carry (a description on Classic, an external transition on
// Platform, a "current" pin not yet resolved).
var ErrUnsupported = errors.New("not supported by this API")

// Error is the failure of one Backend operation on one resource. It wraps
// the cause, so errors.Is and errors.As reach the clients' errors and the
// apiclient sentinels (apiclient.ErrNotFound, ErrConflict...). It is the
// one layer that names the resource: the clients' errors below it name
// only the endpoint.
type Error struct {
	// Op is what was being done: "list", "create", "read version 3 of"...
	Op string
	// Kind and Name say which resource; Name is "" for a list.
	Kind spec.Kind
	Name string
	// Err is the cause.
	Err error
}

// Error reads as "create context graph billing: <cause>", or "list
// agents: <cause>" when no resource is named. When the cause is the API's
// answer to this very operation, it is given without the endpoint, which
// Op already says: "create agent a1: 409 Conflict: … (request …)".
func (e *Error) Error() string {
	what := e.Op + " " + e.Kind.Plural()
	if e.Name != "" {
		what = e.Op + " " + e.Kind.Noun() + " " + e.Name
	}
	if ae, ok := e.Err.(*apiclient.APIError); ok {
		return what + ": " + ae.Reason()
	}
	return what + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// fail wraps err as an *Error, or returns nil for a nil err. A
// *GuardError, which names its resource itself, is returned as it is.
func fail(op string, kind spec.Kind, name string, err error) error {
	var ge *GuardError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ge):
		return err
	}
	return &Error{Op: op, Kind: kind, Name: name, Err: err}
}

// unsupported is an ErrUnsupported naming what.
func unsupported(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrUnsupported)
}

// errKind refuses a kind that is not a container of versions.
func errKind(op string, k spec.Kind) error {
	var versioned []string
	for _, info := range spec.Kinds() {
		if info.Versioned {
			versioned = append(versioned, info.Plural)
		}
	}
	return fail(op, k, "", unsupported("%s are not containers of versions (%s are)", k.Plural(), strings.Join(versioned, " and ")))
}
