package classic

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// VersionConflictError reports that a guarded version creation
// (`?version=N`) was refused because the resource's next version is not N:
// someone else created a version since it was read, or the plan is stale.
// It wraps the server's 409, so apiclient.IsConflict is true for it.
type VersionConflictError struct {
	// Kind is "agent" or "context graph"; ID is the resource's id.
	Kind, ID string
	// Version is the version number this client tried to create.
	Version int
	// Latest is the latest version seen on the server after the refusal:
	// 0 when there is none, -1 when it could not be read.
	Latest int
	// Err is the server's answer.
	Err error
}

// Error names the resource, the version wanted and the version seen.
func (e *VersionConflictError) Error() string {
	what := fmt.Sprintf("create %s %s version %d", e.Kind, e.ID, e.Version)
	switch {
	case e.Latest == e.Version:
		return fmt.Sprintf("%s: version conflict: version %d already exists, created by another writer; read the live state and plan again", what, e.Version)
	case e.Latest >= 0:
		return fmt.Sprintf("%s: version conflict: the latest version on the server is %d, so the next is %d, not %d; read the live state and plan again", what, e.Latest, e.Latest+1, e.Version)
	}
	return fmt.Sprintf("%s: version conflict: the server refused version %d (%v); read the live state and plan again", what, e.Version, e.Err)
}

// Unwrap returns the server's answer.
func (e *VersionConflictError) Unwrap() error { return e.Err }

// guardedCreate is one `POST .../{id}/?version=N` call.
type guardedCreate struct {
	kind    versionedKind
	id      string
	version int
	body    any
	// read reads one version of the resource: "latest" or a number; a
	// missing one matches apiclient.ErrNotFound.
	read func(ctx context.Context, sel string) (storedVersion, error)
}

// createVersion creates version g.version with the guard. The request is
// retried on network errors and 5xx: the guard makes a repeat harmless.
// When a repeated request fails (typically with 409), or the last attempt
// got no answer, an earlier attempt may have committed before its answer
// was lost, so version N is read: when it exists with the content sent,
// that is success. Any other 409 is a *VersionConflictError.
func (c *Client) createVersion(ctx context.Context, g guardedCreate) (CreateVersionResponse, error) {
	if g.version < 1 {
		return CreateVersionResponse{}, fmt.Errorf("create %s version: the guard version must be 1 or more, not %d", g.kind.noun, g.version)
	}
	var out CreateVersionResponse
	call := &authCall{}
	err := c.api.Do(context.WithValue(ctx, authCallKey{}, call), apiclient.Request{
		Endpoint: c.eps.ep(g.kind.createVersion),
		Method:   http.MethodPost,
		Path:     c.itemPath(g.kind, g.id),
		Query:    versionParams(g.version, false),
		Body:     g.body,
		Retry:    apiclient.RetryGuarded,
	}, &out)
	if err == nil {
		return out, nil
	}
	if ctx.Err() != nil {
		return out, err
	}
	// An earlier attempt may have committed if the request was sent more
	// than once, or the last attempt may have if its outcome is uncertain.
	if call.resent() || apiclient.IsUncertain(err) {
		if v, ok := c.committed(ctx, g); ok {
			return CreateVersionResponse{Version: v.number, CreatedAt: v.createdAt}, nil
		}
	}
	if apiclient.IsConflict(err) {
		return out, c.conflict(ctx, g, err)
	}
	return out, err
}

// committed reports whether version g.version exists with the content g
// sent, i.e. an earlier attempt of this call took effect. It reads that
// version rather than the latest, so that a version another writer added
// right after ours does not hide our commit.
func (c *Client) committed(ctx context.Context, g guardedCreate) (storedVersion, bool) {
	v, err := g.read(ctx, strconv.Itoa(g.version))
	if err != nil || v.number != g.version {
		return v, false
	}
	same, err := sameContent(g.body, v.content)
	return v, err == nil && same
}

// conflict builds the error of a refused guard, naming the latest version.
func (c *Client) conflict(ctx context.Context, g guardedCreate, err error) error {
	e := &VersionConflictError{Kind: g.kind.noun, ID: g.id, Version: g.version, Latest: -1, Err: err}
	switch v, lerr := g.read(ctx, "latest"); {
	case lerr == nil:
		e.Latest = v.number
	case apiclient.IsNotFound(lerr):
		e.Latest = 0
	}
	return e
}
