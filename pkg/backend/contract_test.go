package backend_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// The contract: every test here runs against both emulators through both
// adapters, and must pass the same way.

func TestContainersCreateAndList(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		for _, kind := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
			made := mustContainer(t, w.b, kind, "first-"+strings.ToLower(string(kind)))
			if made.ID == "" || made.Kind != kind || made.Latest != 0 {
				t.Errorf("created %+v; want an id, kind %s, latest 0", made, kind)
			}
			got, err := w.b.Containers(ctx, kind)
			if err != nil {
				t.Fatalf("list %s: %v", kind, err)
			}
			if diff := cmp.Diff([]backend.Container{made}, got); diff != "" {
				t.Errorf("listed %s (-created +listed):\n%s", kind, diff)
			}
			_, err = w.b.CreateContainer(ctx, kind, made.Name, "")
			if !errors.Is(err, apiclient.ErrConflict) {
				t.Errorf("creating %s %s twice: %v; want a conflict", kind, made.Name, err)
			}
		}
		if _, err := w.b.Containers(ctx, spec.KindService); !errors.Is(err, backend.ErrUnsupported) {
			t.Errorf("listing services as containers: %v; want ErrUnsupported", err)
		}
	})
}

func TestContainersPageAtTheEndpointMaximum(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		tests := []struct {
			kind    spec.Kind
			page    int
			counter string
		}{
			{spec.KindAgent, w.agentPage, "list_agents"},
			{spec.KindContextGraph, w.graphPage, map[spec.Dialect]string{spec.DialectClassic: "list_shsms", spec.DialectPlatform: "list_context_graphs"}[d]},
		}
		for _, tc := range tests {
			n := tc.page + 5 // two pages
			want := map[string]bool{}
			for i := range n {
				want[mustContainer(t, w.b, tc.kind, fmt.Sprintf("paged-%03d", i)).ID] = true
			}
			before := w.stats()[tc.counter][200]
			got, err := w.b.Containers(context.Background(), tc.kind)
			if err != nil {
				t.Fatalf("list %s: %v", tc.kind, err)
			}
			seen := map[string]bool{}
			for _, c := range got {
				seen[c.ID] = true
			}
			if len(got) != n || !cmp.Equal(seen, want) {
				t.Errorf("listed %d %s with %d distinct ids; want the %d created", len(got), tc.kind, len(seen), n)
			}
			if calls := w.stats()[tc.counter][200] - before; calls != 2 {
				t.Errorf("listing %d %s took %d requests; want 2 pages of %d", n, tc.kind, calls, tc.page)
			}
		}
	})
}

func TestVersionsCreateAndRead(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		norm := backend.NormalizerFor(d)
		agent := mustContainer(t, w.b, spec.KindAgent, "versioned-agent")
		graph := mustContainer(t, w.b, spec.KindContextGraph, "versioned-graph")
		for n := 1; n <= 2; n++ {
			a, g := testAgent(fmt.Sprintf("Background %d.", n)), testGraph(fmt.Sprintf("Graph %d.", n))
			if err := w.b.CreateVersion(ctx, agent, n, agentVersion(a), backend.Index{}); err != nil {
				t.Fatalf("create agent version %d: %v", n, err)
			}
			if err := w.b.CreateVersion(ctx, graph, n, graphVersion(g), backend.Index{}); err != nil {
				t.Fatalf("create graph version %d: %v", n, err)
			}
			gotA, err := readAgent(ctx, w.b, agent, n)
			if err != nil {
				t.Fatalf("read agent version %d: %v", n, err)
			}
			if diff := cmp.Diff(normalizeAgent(norm)(a), gotA); diff != "" {
				t.Errorf("agent version %d (-sent +read):\n%s", n, diff)
			}
			gotG, err := readGraph(ctx, w.b, graph, n, backend.Index{})
			if err != nil {
				t.Fatalf("read graph version %d: %v", n, err)
			}
			if diff := cmp.Diff(normalizeGraph(norm)(g), gotG); diff != "" {
				t.Errorf("graph version %d (-sent +read):\n%s", n, diff)
			}
		}
		for _, c := range []backend.Container{agent, graph} {
			listed := index(t, w.b)
			if _, ok := listed.ID(c.Kind, c.Name); !ok {
				t.Errorf("%s %s is not listed", c.Kind, c.Name)
			}
		}
		_, err := readAgent(ctx, w.b, agent, 9)
		var be *backend.Error
		if !errors.Is(err, apiclient.ErrNotFound) || !errors.As(err, &be) || be.Name != agent.Name {
			t.Errorf("reading a missing version: %v; want a *backend.Error naming %s that matches apiclient.ErrNotFound", err, agent.Name)
		}
	})
}

func TestVersionGuardRefusesAConcurrentWriter(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		agent := mustContainer(t, w.b, spec.KindAgent, "contested")
		// Both writers planned version 1; the other one creates it first.
		theirs := testAgent("Theirs.")
		if err := w.other.CreateVersion(ctx, agent, 1, agentVersion(theirs), backend.Index{}); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		tests := []struct {
			expect int
			want   string
		}{
			// The version exists already.
			{1, "conflict: agent contested: v1 was created by someone else after the plan found no version; nothing was overwritten; run plan again"},
			// A stale or wrong plan that skips a number.
			{3, "conflict: agent contested: the plan read v2, but the latest version is now v1; nothing was overwritten; run plan again"},
		}
		for _, tc := range tests {
			err := w.b.CreateVersion(ctx, agent, tc.expect, agentVersion(testAgent("Mine.")), backend.Index{})
			var ge *backend.GuardError
			if !errors.As(err, &ge) {
				t.Fatalf("create version %d: %v; want a *backend.GuardError", tc.expect, err)
			}
			want := backend.GuardError{Kind: spec.KindAgent, Name: agent.Name, ID: agent.ID, Guard: backend.GuardVersion, Expected: tc.expect - 1, Found: 1}
			if ge.Kind != want.Kind || ge.Name != want.Name || ge.ID != want.ID || ge.Guard != want.Guard ||
				ge.Expected != want.Expected || ge.Found != want.Found || ge.Created != 0 {
				t.Errorf("guard error %+v; want %+v", ge, want)
			}
			if err.Error() != tc.want {
				t.Errorf("message\n%s\nwant\n%s", err, tc.want)
			}
			if !errors.Is(err, apiclient.ErrConflict) {
				t.Errorf("guard error does not match apiclient.ErrConflict: %v", err)
			}
		}
		got, err := readAgent(ctx, w.b, agent, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got.Background != "Theirs." {
			t.Errorf("version 1 holds %q; the other writer's version was overwritten", got.Background)
		}
		if _, err := readAgent(ctx, w.b, agent, 2); !errors.Is(err, apiclient.ErrNotFound) {
			t.Errorf("a refused create left a version 2 behind: %v", err)
		}
	})
}

func TestGraphGuardRefusesAConcurrentWriter(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		graph := mustContainer(t, w.b, spec.KindContextGraph, "contested-graph")
		if err := w.other.CreateVersion(ctx, graph, 1, graphVersion(testGraph("Theirs.")), backend.Index{}); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err := w.b.CreateVersion(ctx, graph, 1, graphVersion(testGraph("Mine.")), backend.Index{})
		var ge *backend.GuardError
		if !errors.As(err, &ge) || ge.Kind != spec.KindContextGraph || ge.Guard != backend.GuardVersion || ge.Expected != 0 || ge.Found != 1 {
			t.Fatalf("create over the other writer: %v; want a version guard error expecting none, finding v1", err)
		}
		got, err := readGraph(ctx, w.b, graph, 1, backend.Index{})
		if err != nil || got.Description != "Theirs." {
			t.Errorf("version 1 is %q (%v); want the other writer's", got.Description, err)
		}
	})
}

func TestRemoveContainerKeepsVersions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		agent := mustContainer(t, w.b, spec.KindAgent, "retired")
		if err := w.b.CreateVersion(ctx, agent, 1, agentVersion(testAgent("Old.")), backend.Index{}); err != nil {
			t.Fatal(err)
		}
		// As listed before the version: the guard refuses to remove a
		// container that moved since it was read.
		err := w.b.RemoveContainer(ctx, agent)
		var ge *backend.GuardError
		if !errors.As(err, &ge) || ge.Guard != backend.GuardVersion || ge.Expected != 0 || ge.Found != 1 ||
			err.Error() != "conflict: agent retired: v1 was created by someone else after the plan found no version; nothing was removed; run plan again" {
			t.Errorf("removing a container that moved: %v; want a version guard error", err)
		}
		agent = container(t, w.b, spec.KindAgent, agent.Name)
		if err := w.b.RemoveContainer(ctx, agent); err != nil {
			t.Fatalf("remove: %v", err)
		}
		listed, err := w.b.Containers(ctx, spec.KindAgent)
		if err != nil {
			t.Fatal(err)
		}
		live := 0
		for _, c := range listed {
			if !c.Deprecated {
				live++
			}
		}
		if live != 0 {
			t.Errorf("after removal %d live agents are listed: %+v", live, listed)
		}
		if _, err := readAgent(ctx, w.b, agent, 1); err != nil {
			t.Errorf("the removed agent's version 1 is not readable: %v", err)
		}
	})
}

func TestDescriptions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		// A version holds no description on either API: it is the container's.
		a := testAgent("B.")
		a.Description = "x"
		plain := mustContainer(t, w.b, spec.KindAgent, "plain")
		err := w.b.CreateVersion(ctx, plain, 1, agentVersion(a), backend.Index{})
		if want := "create version 1 of agent plain: an agent version holds no description: it is the agent's, changed with SetDescription"; err == nil || err.Error() != want {
			t.Errorf("agent version with a description: %v; want %q", err, want)
		}
		c, err := w.b.CreateContainer(ctx, spec.KindAgent, "described", "What it does.")
		if d == spec.DialectClassic {
			if !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("classic agent with a description: %v; want ErrUnsupported", err)
			}
			if err := w.b.SetDescription(ctx, plain, "Words."); !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("classic agent description: %v; want ErrUnsupported", err)
			}
			if err := w.b.SetDescription(ctx, plain, ""); err != nil {
				t.Errorf("setting no description on classic: %v", err)
			}
			return
		}
		if err != nil || c.Description != "What it does." {
			t.Fatalf("create with a description: %+v, %v", c, err)
		}
		if err := w.b.SetDescription(ctx, c, "Something else."); err != nil {
			t.Fatalf("set description: %v", err)
		}
		if got := container(t, w.b, spec.KindAgent, c.Name); got.Description != "Something else." {
			t.Errorf("listed %+v; want the new description", got)
		}
	})
}
