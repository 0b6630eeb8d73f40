package promote_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/promote"
	"github.com/amigosync/amigosync/pkg/spec"
)

const service = "front-desk"

var latest = spec.Pin{Kind: spec.PinLatest}

// staged is `amigosync init`'s project applied with release pinning
// agent v1 and staging agent v2 (the agent changed since release).
func staged(t *testing.T, d spec.Dialect) *world {
	t.Helper()
	w := newWorld(t, d, "")
	w.edit(t, "services/front-desk.yaml", "release:\n      agent: current", "release:\n      agent: 1")
	w.edit(t, "agents/assistant.yaml", "knows its opening hours", "knows its opening hours by heart")
	w.apply(t)
	return w
}

func TestPromote(t *testing.T) {
	bothDialects(t, func(t *testing.T, d spec.Dialect) {
		w := staged(t, d)
		before, _ := w.set(t, service, "staging")
		res, err := promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "release", Source: w.side})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Plan.Steps) != 1 || res.Plan.Steps[0].Set != "release" || res.Plan.Steps[0].Before == nil {
			t.Fatalf("plan: %+v", res.Plan.Steps)
		}
		w.run(t, res.Plan, res.Live)
		release, _ := w.set(t, service, "release")
		staging, _ := w.set(t, service, "staging")
		if release.Agent != spec.NumberPin(2) || release.ContextGraph != spec.NumberPin(1) {
			t.Errorf("release after promote: %+v, want agent 2, context graph 1", release)
		}
		if diff := cmp.Diff(before, staging); diff != "" {
			t.Errorf("staging changed (-before +after):\n%s", diff)
		}
		again, err := promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "release", Source: w.side})
		if err != nil || !again.Plan.Empty() {
			t.Errorf("a second promote: %v, steps %+v", err, again.Plan.Steps)
		}
		if d == spec.DialectClassic {
			// edge, kept by the Classic server, pins the latest versions.
			edge, err := promote.Promote(context.Background(), promote.Request{Service: service, From: "edge", To: "release", Source: w.side})
			if err != nil || !edge.Plan.Empty() {
				t.Errorf("promote of edge (latest: agent v2, graph v1) to release: %v, steps %+v", err, edge.Plan.Steps)
			}
			_, err = promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "edge", Source: w.side})
			if err == nil || !strings.Contains(err.Error(), "version set edge is managed by the Classic server") {
				t.Errorf("promote to edge: %v", err)
			}
		}
		_, err = promote.Promote(context.Background(), promote.Request{Service: service, From: "canary", To: "release", Source: w.side})
		if want := `target "local": service front-desk has no version set canary (it has `; err == nil || err.Error()[:len(want)] != want {
			t.Errorf("promote of a set that does not exist: %v", err)
		}
	})
}

// movingBackend is someone else changing version set name right before
// our write of it: the guard must see the move and write nothing.
type movingBackend struct {
	backend.Backend
	to spec.VersionSet
}

// UpsertVersionSet first lets the other writer change the set (guarded
// on the same reading, which still holds), then makes our write.
func (m *movingBackend) UpsertVersionSet(ctx context.Context, planned backend.Service, name string, set spec.VersionSet) error {
	if err := m.Backend.UpsertVersionSet(ctx, planned, name, m.to); err != nil {
		return err
	}
	return m.Backend.UpsertVersionSet(ctx, planned, name, set)
}

func TestPromoteConflict(t *testing.T) {
	bothDialects(t, func(t *testing.T, d spec.Dialect) {
		w := staged(t, d)
		res, err := promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "release", Source: w.side})
		if err != nil {
			t.Fatal(err)
		}
		theirs := spec.VersionSet{Agent: latest, ContextGraph: spec.NumberPin(1)}
		rep, err := apply.Run(context.Background(), &movingBackend{Backend: w.b, to: theirs}, res.Plan, apply.Options{Live: res.Live})
		if err != nil {
			t.Fatal(err)
		}
		var guard *backend.GuardError
		if rep.Complete() || len(rep.Outcomes) != 1 || !errors.Is(rep.Outcomes[0].Err, apiclient.ErrConflict) || !errors.As(rep.Outcomes[0].Err, &guard) || guard.Guard != backend.GuardVersionSet {
			t.Fatalf("apply over a moved set: %s, %v", rep.Summary(), rep.Outcomes[0].Err)
		}
		release, _ := w.set(t, service, "release")
		if release.Agent != latest || release.ContextGraph != spec.NumberPin(1) {
			t.Errorf("release after the conflict: %+v, want the other writer's (agent latest, context graph 1)", release)
		}
	})
}

func TestRollBack(t *testing.T) {
	bothDialects(t, func(t *testing.T, d spec.Dialect) {
		w := staged(t, d)
		rb, err := promote.ParseRollback("", true, true, false)
		if err != nil {
			t.Fatal(err)
		}
		res, err := promote.RollBack(context.Background(), promote.RollbackRequest{Service: service, Set: "staging", Rollback: rb, Side: w.side})
		if err != nil {
			t.Fatal(err)
		}
		w.run(t, res.Plan, res.Live)
		staging, _ := w.set(t, service, "staging")
		if staging.Agent != spec.NumberPin(1) || staging.ContextGraph != spec.NumberPin(1) {
			t.Errorf("staging after rollback --previous --agent-only: %+v", staging)
		}
		if res.Pins.ContextGraph.Kind != 0 || res.Pins.Agent != spec.NumberPin(1) {
			t.Errorf("pins to write: %+v, want only the agent's", res.Pins)
		}
		_, err = promote.RollBack(context.Background(), promote.RollbackRequest{Service: service, Set: "staging", Rollback: rb, Side: w.side})
		want := `target "local": service front-desk: version set staging pins agent assistant v1, and no earlier version exists to roll back to`
		if err == nil || err.Error() != want {
			t.Errorf("rollback below v1: %v, want %s", err, want)
		}
	})
}

// classicFixture is pkg/plan's Classic project: graph billing references
// graph payments, pinned by number.
const classicFixture = "../plan/testdata/base/classic"

// newClassicWorld applies the Classic fixture, its lookup tool being the
// embedded emulator's demo tool.
func newClassicWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, classicFixture, dir)
	b, err := os.ReadFile(filepath.Join(dir, "amigosync.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(b), "5f1e2d3c4b5a69788796a5b4", `"000000000000000000000001"`, 1)
	if err := os.WriteFile(filepath.Join(dir, "amigosync.yaml"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	return newWorld(t, spec.DialectClassic, dir)
}

// TestPromoteAcrossTargetsReferences: on Classic, billing v2 references
// payments v2, which the destination does not have either: both are
// copied (payments first), the copy of billing references the copy of
// payments by its number there, and a second promote finds both.
func TestPromoteAcrossTargetsReferences(t *testing.T) {
	src, dst := newClassicWorld(t), newClassicWorld(t)
	src.edit(t, "graphs.yaml", "Take the payment.\n", "Take the payment, then confirm it.\n")
	src.edit(t, "graphs.yaml", "      graph: payments\n      version: 1", "      graph: payments\n      version: 2")
	src.apply(t)
	ctx := context.Background()
	req := promote.Request{Service: "billing-line", From: "staging", To: "release", Source: src.side, Dest: dst.side}
	res, err := promote.Promote(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range res.Plan.Steps {
		ids = append(ids, s.ID)
	}
	want := []string{"ContextGraph/payments/version", "ContextGraph/billing/version", "Service/billing-line/version_set/release"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Fatalf("steps (-want +got):\n%s", diff)
	}
	if g := res.Plan.Steps[1].After.Version.ContextGraph; g.References["payments"].Version != spec.NumberPin(2) || g.References["payments"].Graph != "payments" {
		t.Errorf("the copy of billing references %+v, want payments v2 by name", g.References)
	}
	dst.run(t, res.Plan, res.Live)
	release, _ := dst.set(t, "billing-line", "release")
	if release.Agent != spec.NumberPin(1) || release.ContextGraph != spec.NumberPin(2) || len(release.LLMModelPreferences) != 1 {
		t.Errorf("release on the destination: %+v, want agent 1, context graph 2, its LLM preferences kept", release)
	}
	again, err := promote.Promote(ctx, req)
	if err != nil || !again.Plan.Empty() {
		t.Errorf("a second promote across targets: %v, steps %+v", err, again.Plan.Steps)
	}
}

// TestPromoteAcrossTargets: the agent version staging pins is copied to
// the other target as a new version; the graph's identical version is
// found there and pinned as it is.
func TestPromoteAcrossTargets(t *testing.T) {
	bothDialects(t, func(t *testing.T, d spec.Dialect) {
		src, dst := staged(t, d), newWorld(t, d, "")
		res, err := promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "release", Source: src.side, Dest: dst.side})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Plan.Steps) != 2 || res.Plan.Steps[0].Kind != spec.KindAgent || res.Plan.Steps[0].Guard.Version != 2 {
			t.Fatalf("plan: %+v", res.Plan.Steps)
		}
		dst.run(t, res.Plan, res.Live)
		release, _ := dst.set(t, service, "release")
		if release.Agent != spec.NumberPin(2) || release.ContextGraph != spec.NumberPin(1) {
			t.Errorf("release on the destination: %+v, want agent 2, context graph 1", release)
		}
		_, err = promote.Promote(context.Background(), promote.Request{Service: service, From: "staging", To: "release", Source: src.side, Dest: src.side})
		if err != nil {
			t.Errorf("a promote with Dest the same Side is one within a target: %v", err)
		}
	})
}
