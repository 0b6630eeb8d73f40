package backend_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// The contract of the guarded service writes: each takes the service as
// the plan read it, and refuses, changing nothing, when another writer
// changed what it guards in between.

// lineService creates the service "line" of serviceWorld's agent and graph.
func lineService(t *testing.T, w world, idx backend.Index) (backend.Service, spec.ServiceSpec) {
	t.Helper()
	s := spec.ServiceSpec{Agent: "svc-agent", ContextGraph: "svc-graph", Description: "A line."}
	svc, err := w.b.CreateService(context.Background(), "line", s, idx)
	if err != nil {
		t.Fatalf("create service: %v", err)
	}
	return svc, s
}

// checkGuard checks that err is the *GuardError of a service write
// refused by guard, reading exactly msg.
func checkGuard(t *testing.T, err error, svc backend.Service, guard backend.Guard, msg string) *backend.GuardError {
	t.Helper()
	var ge *backend.GuardError
	if !errors.As(err, &ge) || !errors.Is(err, apiclient.ErrConflict) {
		t.Fatalf("%v; want a *backend.GuardError matching apiclient.ErrConflict", err)
	}
	if ge.Kind != spec.KindService || ge.Name != svc.Name || ge.ID != svc.ID || ge.Guard != guard ||
		ge.ExpectedFingerprint == ge.FoundFingerprint && !ge.Gone {
		t.Errorf("guard error %+v; want service %s (%s) guarded on %s, fingerprints apart", ge, svc.Name, svc.ID, guard)
	}
	if err.Error() != msg {
		t.Errorf("message\n%s\nwant\n%s", err, msg)
	}
	return ge
}

// TestServiceReadsOne: Service reads what Services lists, and a missing
// service is ErrNotFound.
func TestServiceReadsOne(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		idx := serviceWorld(t, w)
		svc, _ := lineService(t, w, idx)
		listed, err := w.b.Services(ctx, idx)
		if err != nil || len(listed) != 1 {
			t.Fatalf("listed %+v, %v", listed, err)
		}
		got, err := w.b.Service(ctx, svc.ID, idx)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if diff := cmp.Diff(listed[0], got); diff != "" {
			t.Errorf("read (-listed +read):\n%s", diff)
		}
		if diff := cmp.Diff(listed[0], svc); diff != "" {
			t.Errorf("CreateService did not return the service as the server holds it (-listed +created):\n%s", diff)
		}
		missing := map[spec.Dialect]string{spec.DialectClassic: "0123456789abcdef01234567", spec.DialectPlatform: "00000000-0000-4000-8000-000000000000"}[d]
		if _, err := w.b.Service(ctx, missing, idx); !errors.Is(err, apiclient.ErrNotFound) {
			t.Errorf("reading a missing service: %v; want ErrNotFound", err)
		}
	})
}

// TestUpdateServiceRefusedAfterAConcurrentChange: another writer changes
// the service between the plan's read and the update.
func TestUpdateServiceRefusedAfterAConcurrentChange(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		idx := serviceWorld(t, w)
		planned, s := lineService(t, w, idx)
		theirs := s
		theirs.Description = "Their words."
		if err := w.other.UpdateService(ctx, planned, theirs, idx); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		mine := s
		mine.Description = "My words."
		err := w.b.UpdateService(ctx, planned, mine, idx)
		ge := checkGuard(t, err, planned, backend.GuardFields,
			"conflict: service line: its fields were changed by someone else after the plan read them; nothing was overwritten; run plan again")
		live, rerr := w.b.Service(ctx, planned.ID, idx)
		if rerr != nil || live.Spec.Description != "Their words." {
			t.Fatalf("after the refusal the service reads %q (%v); want the other writer's", live.Spec.Description, rerr)
		}
		if ge.ExpectedFingerprint != backend.ServiceFingerprint(planned) || ge.FoundFingerprint != backend.ServiceFingerprint(live) {
			t.Errorf("fingerprints %s → %s; want the planned and the live one", ge.ExpectedFingerprint, ge.FoundFingerprint)
		}
		// Planned against the live value, the same update goes through.
		if err := w.b.UpdateService(ctx, live, mine, idx); err != nil {
			t.Fatalf("update against the live value: %v", err)
		}
		if got, _ := w.b.Service(ctx, planned.ID, idx); got.Spec.Description != "My words." {
			t.Errorf("after the update the description is %q", got.Spec.Description)
		}
	})
}

// TestVersionSetGuards: an upsert or a delete refused after another
// writer created, changed or deleted the same set; the other sets do not
// matter.
func TestVersionSetGuards(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		idx := serviceWorld(t, w)
		planned, _ := lineService(t, w, idx)
		one := spec.VersionSet{Agent: number(1), ContextGraph: number(1)}
		two := spec.VersionSet{Agent: number(2), ContextGraph: number(2)}
		const msg = "conflict: service line: version set staging was %s; nothing was overwritten; run plan again"

		// The plan found no staging set; someone else creates one.
		if err := w.other.UpsertVersionSet(ctx, planned, "staging", two); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err := w.b.UpsertVersionSet(ctx, planned, "staging", one)
		checkGuard(t, err, planned, backend.GuardVersionSet, fmt.Sprintf(msg, "created by someone else after the plan found none"))
		live := mustService(t, w, planned.ID)
		if got := live.Spec.VersionSets["staging"]; !cmp.Equal(got, two) {
			t.Errorf("staging is %+v after the refusal; want the other writer's", got)
		}

		// The plan read staging; someone else changes it.
		if err := w.other.UpsertVersionSet(ctx, live, "staging", one); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err = w.b.UpsertVersionSet(ctx, live, "staging", two)
		checkGuard(t, err, live, backend.GuardVersionSet, fmt.Sprintf(msg, "changed by someone else after the plan read it"))
		err = w.b.DeleteVersionSet(ctx, live, "staging")
		ge := checkGuard(t, err, live, backend.GuardVersionSet, fmt.Sprintf(msg, "changed by someone else after the plan read it"))
		if ge.VersionSet != "staging" || ge.ExpectedFingerprint != backend.VersionSetFingerprint(&two) || ge.FoundFingerprint != backend.VersionSetFingerprint(&one) {
			t.Errorf("guard error %+v; want staging, from the fingerprint of v2/v2 to that of v1/v1", ge)
		}

		// Another set changing does not stop a write to this one.
		live = mustService(t, w, planned.ID)
		if err := w.other.UpsertVersionSet(ctx, live, "canary", one); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		if err := w.b.UpsertVersionSet(ctx, live, "staging", two); err != nil {
			t.Errorf("upsert while another set changed: %v", err)
		}

		// The plan read staging; someone else deletes it.
		live = mustService(t, w, planned.ID)
		if err := w.other.DeleteVersionSet(ctx, live, "staging"); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err = w.b.DeleteVersionSet(ctx, live, "staging")
		checkGuard(t, err, live, backend.GuardVersionSet, fmt.Sprintf(msg, "deleted by someone else after the plan read it"))
		if _, ok := mustService(t, w, planned.ID).Spec.VersionSets["canary"]; !ok {
			t.Error("deleting staging took canary with it")
		}
	})
}

// mustService reads a service or fails the test.
func mustService(t *testing.T, w world, id string) backend.Service {
	t.Helper()
	s, err := w.b.Service(context.Background(), id, backend.Index{})
	if err != nil {
		t.Fatalf("read service %s: %v", id, err)
	}
	return s
}
