package platform

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// GuardError reports that a guarded version creation did not create
// exactly the version it expected. The Platform API has no guard parameter,
// so the guard is: read latest_version right before creating, refuse when
// the version to create is not the expected one, and check afterwards that
// the server created exactly latest+1. It matches apiclient.ErrConflict.
type GuardError struct {
	// Kind is "agent" or "context graph"; ID and Name identify it.
	Kind, ID, Name string
	// Expected is the version number the caller expected to create.
	Expected int
	// Latest is the latest version number the server reported last.
	Latest int
	// Created is the version the server created for this request, or 0
	// when this request created nothing.
	Created int
}

// Error names the resource and the versions seen.
func (e *GuardError) Error() string {
	who := fmt.Sprintf("%s %q (%s)", e.Kind, e.Name, e.ID)
	if e.Created == 0 {
		return fmt.Sprintf("%s: expected to create version %d, but its latest version is %d: it changed since it was read, so nothing was created; plan again",
			who, e.Expected, e.Latest)
	}
	return fmt.Sprintf("%s: expected to create version %d, but the server created version %d: another writer created a version at the same time; review the versions and plan again",
		who, e.Expected, e.Created)
}

// Is makes errors.Is(err, apiclient.ErrConflict) true.
func (e *GuardError) Is(target error) bool { return target == apiclient.ErrConflict }

// defaultGuardedSends bounds how often a guarded creation is sent when each
// failure is proven (by re-reading latest_version) to have changed nothing,
// unless Options.MaxAttempts says otherwise.
const defaultGuardedSends = 5

// head is the part of a container the guard reads.
type head struct {
	Name          string `json:"name"`
	LatestVersion int    `json:"latest_version"`
}

// createGuarded creates a version of k under the guard described on
// GuardError. A failure that may have been applied (no answer, 408, 5xx) is
// resolved by re-reading latest_version: unchanged means nothing happened
// and the request is sent again; one more means it was created if the new
// version holds what was sent. So a retry never creates a duplicate.
func createGuarded[V any](ctx context.Context, c *Client, k versioned, id string, expected int, req any, version func(V) int) (V, error) {
	var zero V
	if expected < 1 {
		return zero, fmt.Errorf("create %s version: the expected version must be 1 or more, not %d", k.noun, expected)
	}
	h, err := get[head](ctx, c, k.collection, id)
	if err != nil {
		return zero, fmt.Errorf("read before creating a version: %w", err)
	}
	next := h.LatestVersion + 1
	guard := &GuardError{Kind: k.noun, ID: id, Name: h.Name, Expected: expected, Latest: h.LatestVersion}
	if expected != next {
		return zero, guard
	}
	for send := 1; ; send++ {
		v, err := createVersion[V](ctx, c, k, id, req)
		if err == nil {
			if got := version(v); got != next {
				guard.Created, guard.Latest = got, got
				return v, guard
			}
			return v, nil
		}
		if !apiclient.IsUncertain(err) || ctx.Err() != nil {
			return zero, err
		}
		v, created, rerr := resolveUncertain[V](ctx, c, k, id, next, req, guard)
		switch {
		case created:
			return v, rerr // nil, or a *GuardError when it got another number
		case rerr != nil:
			return zero, fmt.Errorf("%w; then %w", err, rerr)
		case send >= c.maxSends:
			return zero, fmt.Errorf("version %d not created after %d tries: %w", next, send, err)
		}
	}
}

// resolveUncertain finds out whether a creation of version next whose answer
// was lost happened. It returns false and no error when nothing changed
// (safe to send again). Otherwise it looks for the content sent among the
// versions from next to the latest: found as next, it returns (version,
// true, nil); found under a later number (another writer got in first), it
// returns (version, true, *GuardError with Created set); not found, a
// *GuardError saying nothing was created.
func resolveUncertain[V any](ctx context.Context, c *Client, k versioned, id string, next int, req any, guard *GuardError) (V, bool, error) {
	var zero V
	h, err := get[head](ctx, c, k.collection, id)
	if err != nil {
		return zero, false, fmt.Errorf("checking whether version %d was created: %w", next, err)
	}
	if h.LatestVersion == next-1 {
		return zero, false, nil
	}
	guard.Latest = h.LatestVersion
	for n := next; n <= h.LatestVersion; n++ {
		got, err := getVersion[json.RawMessage](ctx, c, k, id, strconv.Itoa(n))
		if err != nil {
			return zero, false, fmt.Errorf("checking whether version %d was created: %w", n, err)
		}
		if !sameContent(req, got) {
			continue
		}
		var v V
		if err := json.Unmarshal(got, &v); err != nil {
			return zero, false, fmt.Errorf("decode version %d: %w", n, err)
		}
		if n != next {
			guard.Created = n
			return v, true, guard
		}
		return v, true, nil
	}
	return zero, false, guard
}

// sameContent reports whether the version the server holds (got) carries
// everything that was sent, by apiclient.SameContent: fields the server
// added (ids, timestamps, defaults) are ignored. An answer that cannot be
// compared (not JSON) does not hold it.
func sameContent(sent any, got json.RawMessage) bool {
	same, err := apiclient.SameContent(sent, got)
	return err == nil && same
}
