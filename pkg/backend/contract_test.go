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
			if err := w.b.CreateAgentVersion(ctx, agent, n, a); err != nil {
				t.Fatalf("create agent version %d: %v", n, err)
			}
			if err := w.b.CreateContextGraphVersion(ctx, graph, n, g, backend.Index{}); err != nil {
				t.Fatalf("create graph version %d: %v", n, err)
			}
			gotA, err := w.b.ReadAgent(ctx, agent, n)
			if err != nil {
				t.Fatalf("read agent version %d: %v", n, err)
			}
			if diff := cmp.Diff(norm.NormalizeAgent(a), gotA); diff != "" {
				t.Errorf("agent version %d (-sent +read):\n%s", n, diff)
			}
			gotG, err := w.b.ReadContextGraph(ctx, graph, n, backend.Index{})
			if err != nil {
				t.Fatalf("read graph version %d: %v", n, err)
			}
			if diff := cmp.Diff(norm.NormalizeContextGraph(g), gotG); diff != "" {
				t.Errorf("graph version %d (-sent +read):\n%s", n, diff)
			}
		}
		for _, c := range []backend.Container{agent, graph} {
			listed := index(t, w.b)
			if _, ok := listed.ID(c.Kind, c.Name); !ok {
				t.Errorf("%s %s is not listed", c.Kind, c.Name)
			}
		}
		_, err := w.b.ReadAgent(ctx, agent, 9)
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
		if err := w.other.CreateAgentVersion(ctx, agent, 1, theirs); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		tests := []struct {
			expect     int
			wantLatest int
		}{
			{expect: 1, wantLatest: 1}, // the version exists already
			{expect: 3, wantLatest: 1}, // a stale or wrong plan that skips a number
		}
		for _, tc := range tests {
			err := w.b.CreateAgentVersion(ctx, agent, tc.expect, testAgent("Mine."))
			var ge *backend.GuardError
			if !errors.As(err, &ge) {
				t.Fatalf("create version %d: %v; want a *backend.GuardError", tc.expect, err)
			}
			if ge.Name != agent.Name || ge.ID != agent.ID || ge.Expected != tc.expect || ge.Latest != tc.wantLatest || ge.Created != 0 {
				t.Errorf("guard error %+v; want name %s, id %s, expected %d, latest %d", ge, agent.Name, agent.ID, tc.expect, tc.wantLatest)
			}
			msg := err.Error()
			for _, part := range []string{agent.Name, fmt.Sprint(tc.expect), fmt.Sprint(tc.wantLatest)} {
				if !strings.Contains(msg, part) {
					t.Errorf("message %q does not name %q", msg, part)
				}
			}
			if !errors.Is(err, apiclient.ErrConflict) {
				t.Errorf("guard error does not match apiclient.ErrConflict: %v", err)
			}
		}
		got, err := w.b.ReadAgent(ctx, agent, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got.Background != "Theirs." {
			t.Errorf("version 1 holds %q; the other writer's version was overwritten", got.Background)
		}
		if _, err := w.b.ReadAgent(ctx, agent, 2); !errors.Is(err, apiclient.ErrNotFound) {
			t.Errorf("a refused create left a version 2 behind: %v", err)
		}
	})
}

func TestGraphGuardRefusesAConcurrentWriter(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		graph := mustContainer(t, w.b, spec.KindContextGraph, "contested-graph")
		if err := w.other.CreateContextGraphVersion(ctx, graph, 1, testGraph("Theirs."), backend.Index{}); err != nil {
			t.Fatalf("the other writer: %v", err)
		}
		err := w.b.CreateContextGraphVersion(ctx, graph, 1, testGraph("Mine."), backend.Index{})
		var ge *backend.GuardError
		if !errors.As(err, &ge) || ge.Kind != spec.KindContextGraph || ge.Expected != 1 || ge.Latest != 1 {
			t.Fatalf("create over the other writer: %v; want a guard error expecting 1, seeing 1", err)
		}
		got, err := w.b.ReadContextGraph(ctx, graph, 1, backend.Index{})
		if err != nil || got.Description != "Theirs." {
			t.Errorf("version 1 is %q (%v); want the other writer's", got.Description, err)
		}
	})
}

func TestRemoveContainerKeepsVersions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		agent := mustContainer(t, w.b, spec.KindAgent, "retired")
		if err := w.b.CreateAgentVersion(ctx, agent, 1, testAgent("Old.")); err != nil {
			t.Fatal(err)
		}
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
		if _, err := w.b.ReadAgent(ctx, agent, 1); err != nil {
			t.Errorf("the removed agent's version 1 is not readable: %v", err)
		}
	})
}

func TestDescriptions(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		c, err := w.b.CreateContainer(ctx, spec.KindAgent, "described", "What it does.")
		if d == spec.DialectClassic {
			if !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("classic agent with a description: %v; want ErrUnsupported", err)
			}
			a := testAgent("B.")
			a.Description = "x"
			plain := mustContainer(t, w.b, spec.KindAgent, "plain")
			if err := w.b.CreateAgentVersion(ctx, plain, 1, a); !errors.Is(err, backend.ErrUnsupported) {
				t.Errorf("classic agent version with a description: %v; want ErrUnsupported", err)
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
		listed, err := w.b.Containers(ctx, spec.KindAgent)
		if err != nil || len(listed) != 1 || listed[0].Description != "Something else." {
			t.Errorf("listed %+v (%v); want the new description", listed, err)
		}
	})
}

// TestVersionGuardAgainstARaceBetweenCheckAndWrite: the other writer
// creates version 1 after this writer decided to create version 1 and
// right before its request arrives. Classic refuses the guarded request;
// Platform (no guard parameter) creates version 2 and the client notices.
// Either way the caller gets a *GuardError and version 1 is the other's.
func TestVersionGuardAgainstARaceBetweenCheckAndWrite(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		agent := mustContainer(t, w.b, spec.KindAgent, "raced")
		var otherErr error
		w.beforeNextPost(func() { otherErr = w.other.CreateAgentVersion(ctx, agent, 1, testAgent("Theirs.")) })
		err := w.b.CreateAgentVersion(ctx, agent, 1, testAgent("Mine."))
		if otherErr != nil {
			t.Fatalf("the other writer: %v", otherErr)
		}
		var ge *backend.GuardError
		if !errors.As(err, &ge) || ge.Expected != 1 || !errors.Is(err, apiclient.ErrConflict) {
			t.Fatalf("create in a race: %v; want a guard error expecting version 1", err)
		}
		wantCreated := map[spec.Dialect]int{spec.DialectClassic: 0, spec.DialectPlatform: 2}[d]
		if ge.Created != wantCreated || !strings.Contains(err.Error(), "version 1") {
			t.Errorf("guard error %+v (%v); want created %d", ge, err, wantCreated)
		}
		got, err := w.b.ReadAgent(ctx, agent, 1)
		if err != nil || got.Background != "Theirs." {
			t.Errorf("version 1 holds %q (%v); want the other writer's", got.Background, err)
		}
	})
}
