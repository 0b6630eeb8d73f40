package backend_test

import (
	"context"
	"errors"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestDeleteVersionSet deletes a set on both APIs, and refuses what no
// API would delete before sending anything.
func TestDeleteVersionSet(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		idx := serviceWorld(t, w)
		planned, _ := lineService(t, w, idx)
		for _, name := range []string{"staging", "canary"} {
			if err := w.b.UpsertVersionSet(ctx, planned, name, spec.VersionSet{Agent: number(1), ContextGraph: number(2)}); err != nil {
				t.Fatalf("upsert %s: %v", name, err)
			}
		}
		live := mustService(t, w, planned.ID)
		if err := w.b.DeleteVersionSet(ctx, live, "staging"); err != nil {
			t.Fatalf("delete staging: %v", err)
		}
		after := mustService(t, w, planned.ID)
		if _, ok := after.Spec.VersionSets["staging"]; ok {
			t.Error("staging is still there")
		}
		if _, ok := after.Spec.VersionSets["canary"]; !ok {
			t.Error("deleting staging took canary with it")
		}
		if backend.ServiceFingerprint(after) != backend.ServiceFingerprint(live) {
			t.Error("deleting a version set changed the service's fields")
		}

		err := w.b.DeleteVersionSet(ctx, after, "staging")
		if want := "delete version set staging of service line: the plan read no version set staging to delete"; err == nil || err.Error() != want {
			t.Errorf("deleting a set the plan did not read: %v; want %q", err, want)
		}
		if d == spec.DialectClassic {
			for _, name := range []string{"edge", "release"} {
				if err := w.b.DeleteVersionSet(ctx, after, name); !errors.Is(err, backend.ErrUnsupported) {
					t.Errorf("deleting classic %s: %v; want ErrUnsupported", name, err)
				}
			}
		}
	})
}

// TestRemoveService: Platform deletes the service; Classic, which has no
// delete, deactivates it. Either way a service that moved since the plan
// read it is not removed.
func TestRemoveService(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		idx := serviceWorld(t, w)
		planned, s := lineService(t, w, idx)
		if err := w.other.UpsertVersionSet(ctx, planned, "staging", spec.VersionSet{Agent: number(1), ContextGraph: number(1)}); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err := w.b.RemoveService(ctx, planned)
		checkGuard(t, err, planned, backend.GuardVersionSet,
			"conflict: service line: version set staging was created by someone else after the plan found none; nothing was removed; run plan again")
		live := mustService(t, w, planned.ID)
		if !live.Spec.Active() {
			t.Fatal("a refused removal deactivated the service")
		}
		theirs := s
		theirs.Keyterms = []string{"theirs"}
		if err := w.other.UpdateService(ctx, live, theirs, idx); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err = w.b.RemoveService(ctx, live)
		checkGuard(t, err, live, backend.GuardFields,
			"conflict: service line: its fields were changed by someone else after the plan read them; nothing was removed; run plan again")

		live = mustService(t, w, planned.ID)
		if err := w.b.RemoveService(ctx, live); err != nil {
			t.Fatalf("remove: %v", err)
		}
		got, err := w.b.Service(ctx, planned.ID, idx)
		switch d {
		case spec.DialectPlatform:
			if !errors.Is(err, apiclient.ErrNotFound) {
				t.Errorf("after removal the service reads %+v, %v; want ErrNotFound", got, err)
			}
			err = w.b.UpdateService(ctx, live, s, idx)
			checkGuard(t, err, live, backend.GuardFields,
				"conflict: service line: it was removed by someone else after the plan read it; nothing was overwritten; run plan again")
		case spec.DialectClassic:
			if err != nil || got.Spec.Active() {
				t.Errorf("after removal the service reads %+v, %v; want it inactive", got, err)
			}
		}
	})
}

// TestSetDescriptionRefusedAfterAConcurrentChange: Platform keeps
// container descriptions; a change planned against an old one is refused.
func TestSetDescriptionRefusedAfterAConcurrentChange(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		if d == spec.DialectClassic {
			plain := mustContainer(t, w.b, spec.KindContextGraph, "plain")
			if err := w.b.SetDescription(ctx, plain, "Words."); !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("a classic description: %v; want ErrUnsupported", err)
			}
			return
		}
		for _, kind := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
			planned, err := w.b.CreateContainer(ctx, kind, "described", "First words.")
			if err != nil {
				t.Fatal(err)
			}
			if err := w.other.SetDescription(ctx, planned, "Their words."); err != nil {
				t.Fatalf("the other writer: %v", err)
			}
			err = w.b.SetDescription(ctx, planned, "My words.")
			var ge *backend.GuardError
			if !errors.As(err, &ge) || ge.Guard != backend.GuardDescription || ge.Kind != kind ||
				ge.ExpectedFingerprint != backend.DescriptionFingerprint("First words.") || ge.FoundFingerprint != backend.DescriptionFingerprint("Their words.") {
				t.Fatalf("set description over another writer's: %v (%+v); want a description guard error", err, ge)
			}
			if want := "conflict: " + kind.Noun() + " described: its description was changed by someone else after the plan read it; nothing was overwritten; run plan again"; err.Error() != want {
				t.Errorf("message\n%s\nwant\n%s", err, want)
			}
			if got := container(t, w.b, kind, "described"); got.Description != "Their words." {
				t.Errorf("after the refusal the description is %q; want the other writer's", got.Description)
			}
		}
	})
}
