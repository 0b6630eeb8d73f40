package backend_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// versionedKinds are the container kinds with a version of test content
// for each (the content tells versions apart) and a way to read it back.
var versionedKinds = []struct {
	kind    spec.Kind
	version func(content string) backend.Version
	content func(backend.Version) string
}{
	{spec.KindAgent, func(c string) backend.Version { return agentVersion(testAgent(c)) },
		func(v backend.Version) string { return v.Agent.Background }},
	{spec.KindContextGraph, func(c string) backend.Version { return graphVersion(testGraph(c)) },
		func(v backend.Version) string { return v.ContextGraph.Description }},
}

// TestReadVersionOfAMissingVersion: a version that does not exist, of a
// container with or without versions, is ErrNotFound on both APIs.
func TestReadVersionOfAMissingVersion(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		for _, vk := range versionedKinds {
			empty := mustContainer(t, w.b, vk.kind, "empty")
			one := mustContainer(t, w.b, vk.kind, "one")
			if err := w.b.CreateVersion(ctx, one, 1, vk.version("First."), backend.Index{}); err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				c backend.Container
				n int
			}{{empty, 1}, {one, 2}, {one, 99}} {
				_, err := w.b.ReadVersion(ctx, tc.c, tc.n, backend.Index{})
				var be *backend.Error
				if !errors.Is(err, apiclient.ErrNotFound) || !errors.As(err, &be) || be.Kind != vk.kind || be.Name != tc.c.Name {
					t.Errorf("reading version %d of %s %s: %v; want a *backend.Error naming it that matches ErrNotFound", tc.n, vk.kind, tc.c.Name, err)
				}
				if want := fmt.Sprintf("read version %d of %s %s: ", tc.n, vk.kind.Noun(), tc.c.Name); err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("message %v; want it to start %q", err, want)
				}
			}
			v, err := w.b.ReadVersion(ctx, one, 1, backend.Index{})
			if err != nil || v.Kind() != vk.kind || vk.content(v) != "First." {
				t.Errorf("reading version 1 of %s one: %+v, %v", vk.kind, v, err)
			}
		}
	})
}

// TestCreateVersionNeedsAGuard: there is no unguarded creation, and a
// version of the wrong kind is refused; neither sends anything.
func TestCreateVersionNeedsAGuard(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		for i, vk := range versionedKinds {
			c := mustContainer(t, w.b, vk.kind, "guarded")
			other := versionedKinds[1-i]
			for _, tc := range []struct {
				expect int
				v      backend.Version
				want   string
			}{
				{0, vk.version("x"), "the expected version must be 1 or more, not 0"},
				{-1, vk.version("x"), "the expected version must be 1 or more, not -1"},
				{1, other.version("x"), fmt.Sprintf("the version holds a%s %s, not a%s %s",
					map[bool]string{true: "n"}[other.kind == spec.KindAgent], other.kind.Noun(), map[bool]string{true: "n"}[vk.kind == spec.KindAgent], vk.kind.Noun())},
				{1, backend.Version{}, "a version holds exactly one agent or context graph, not none"},
			} {
				err := w.b.CreateVersion(ctx, c, tc.expect, tc.v, backend.Index{})
				if want := fmt.Sprintf("create version %d of %s guarded: %s", tc.expect, vk.kind.Noun(), tc.want); err == nil || err.Error() != want {
					t.Errorf("create: %v; want %q", err, want)
				}
			}
			if got := container(t, w.b, vk.kind, "guarded"); got.Latest != 0 {
				t.Errorf("refused creations left %s guarded at version %d", vk.kind, got.Latest)
			}
		}
	})
}

// TestVersionCreatedBetweenReadAndCreate: the other writer creates
// version 1 after this writer decided to create version 1 and right
// before its request arrives. Classic refuses the guarded request;
// Platform (no guard parameter) creates version 2 and the client notices.
// Either way the caller gets a *GuardError and version 1 is the other's.
func TestVersionCreatedBetweenReadAndCreate(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		for _, vk := range versionedKinds {
			c := mustContainer(t, w.b, vk.kind, "raced")
			var otherErr error
			w.beforeNextPost(func() { otherErr = w.other.CreateVersion(ctx, c, 1, vk.version("Theirs."), backend.Index{}) })
			err := w.b.CreateVersion(ctx, c, 1, vk.version("Mine."), backend.Index{})
			if otherErr != nil {
				t.Fatalf("the other writer: %v", otherErr)
			}
			var ge *backend.GuardError
			if !errors.As(err, &ge) || ge.Guard != backend.GuardVersion || ge.Expected != 0 || !errors.Is(err, apiclient.ErrConflict) {
				t.Fatalf("create in a race: %v; want a version guard error expecting no version", err)
			}
			prefix := "conflict: " + vk.kind.Noun() + " raced: v1 was created by someone else after the plan found no version"
			want := map[spec.Dialect]struct {
				created int
				msg     string
			}{
				spec.DialectClassic:  {0, prefix + "; nothing was overwritten; run plan again"},
				spec.DialectPlatform: {2, prefix + ", and our version was created on top of it as v2; nothing was overwritten; run plan again"},
			}[d]
			if ge.Created != want.created || err.Error() != want.msg {
				t.Errorf("guard error %+v:\n%s\nwant created %d and\n%s", ge, err, want.created, want.msg)
			}
			v, err := w.b.ReadVersion(ctx, c, 1, backend.Index{})
			if err != nil || vk.content(v) != "Theirs." {
				t.Errorf("%s version 1 holds %+v (%v); want the other writer's", vk.kind, v, err)
			}
		}
	})
}

// TestValidateVersion: Classic validates a context graph version on the
// server (dry_run) and creates nothing; nothing else can be validated
// without being created.
func TestValidateVersion(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		for _, vk := range versionedKinds {
			c := mustContainer(t, w.b, vk.kind, "checked")
			if err := w.b.ValidateVersion(ctx, c, 0, vk.version("x"), backend.Index{}); err == nil {
				t.Errorf("validating version 0 of %s: no error", vk.kind)
			}
			err := w.b.ValidateVersion(ctx, c, 1, vk.version("Checked."), backend.Index{})
			if d == spec.DialectPlatform || vk.kind == spec.KindAgent {
				want := fmt.Sprintf("validate version 1 of %s checked: the %s API cannot validate %s versions without creating them: not supported by this API", vk.kind.Noun(), d, vk.kind.Noun())
				if !errors.Is(err, backend.ErrUnsupported) || err.Error() != want {
					t.Errorf("validate: %v; want %q", err, want)
				}
				continue
			}
			if err != nil {
				t.Fatalf("validating a valid graph: %v", err)
			}
			bad := testGraph("Bad.")
			bad.TerminalState = "nowhere"
			var be *backend.Error
			if err := w.b.ValidateVersion(ctx, c, 1, graphVersion(bad), backend.Index{}); !errors.As(err, &be) ||
				!(errors.Is(err, apiclient.ErrBadRequest) || errors.Is(err, apiclient.ErrValidation)) {
				t.Errorf("validating an invalid graph: %v; want the server's 400 or 422", err)
			}
			var ge *backend.GuardError
			if err := w.b.ValidateVersion(ctx, c, 2, vk.version("Stale."), backend.Index{}); !errors.As(err, &ge) || ge.Expected != 1 {
				t.Errorf("validating version 2 of a graph without versions: %v; want a guard error", err)
			}
			if got := container(t, w.b, vk.kind, "checked"); got.Latest != 0 {
				t.Errorf("validation created version %d", got.Latest)
			}
		}
	})
}
