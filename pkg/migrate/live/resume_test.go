package live_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/live"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
)

const (
	fakePlatformKey = "fake-platform-key-123"
	testWorkspace   = "11111111-2222-4333-8444-555555555555"
)

// workspace is a Platform Backend on an in-process emulator.
func workspace(t *testing.T) backend.Backend {
	t.Helper()
	emu, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: "example-clinic"}},
		APIKeys:    []string{fakePlatformKey}, Kit: emukit.Options{NoRateLimits: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emu.Close() })
	c, err := platform.New(platform.Options{BaseURL: "http://127.0.0.1:1", APIKey: fakePlatformKey, Workspace: testWorkspace,
		HTTPClient: &http.Client{Transport: emukit.Transport(emu.Handler())}})
	if err != nil {
		t.Fatal(err)
	}
	return backend.Platform(c)
}

// TestResume: the entries of an earlier id map that still hold are
// adopted, those that do not are named and dropped, and versions the
// workspace holds are found by content, in order.
func TestResume(t *testing.T) {
	ctx := context.Background()
	b := workspace(t)
	res := clinic(t)
	agent := res.Agents[0] // billing-agent: Classic 2, 3, 4 → Platform 1, 2, 3
	ct, err := b.CreateContainer(ctx, spec.KindAgent, agent.Name, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range agent.Versions[:2] {
		if err := b.CreateVersion(ctx, ct, i+1, backend.Version{Agent: &v.Spec}, backend.Index{}); err != nil {
			t.Fatal(err)
		}
	}
	prev := &migrate.IDMap{FormatVersion: migrate.IDMapFormatVersion, Entries: []migrate.IDMapEntry{
		// Holds: Classic v2 is Platform v1.
		{Kind: spec.KindAgent, Classic: migrate.ClassicRef{ID: agent.ClassicID, Name: agent.Name, Version: 2},
			Platform: migrate.PlatformRef{ID: ct.ID, Name: agent.Name, Version: 1}, Applied: true},
		// Gone: the workspace has no version 7.
		{Kind: spec.KindAgent, Classic: migrate.ClassicRef{ID: agent.ClassicID, Name: agent.Name, Version: 3},
			Platform: migrate.PlatformRef{ID: ct.ID, Name: agent.Name, Version: 7}, Applied: true},
		// Another container: front-desk is not in the workspace.
		{Kind: spec.KindAgent, Classic: migrate.ClassicRef{ID: res.Agents[1].ClassicID, Name: "front-desk", Version: 1},
			Platform: migrate.PlatformRef{ID: "gone", Name: "front-desk", Version: 1}, Applied: true},
	}}
	got, err := live.Resume(ctx, b, nil, res, prev)
	if err != nil {
		t.Fatal(err)
	}
	if got.Adopted != 1 || got.Found != 1 || len(got.Dropped) != 2 {
		t.Fatalf("Resume = %+v; want 1 adopted, 1 found by content, 2 dropped", got)
	}
	for i, want := range []string{"agent billing-agent has no version 7", "the workspace has no agent front-desk"} {
		if !strings.Contains(got.Dropped[i], want) {
			t.Errorf("dropped[%d] = %q, want it to say %q", i, got.Dropped[i], want)
		}
	}
	for classic, want := range map[int]struct {
		platform int
		applied  bool
	}{2: {1, true}, 3: {2, true}, 4: {3, false}} {
		e, _ := res.IDMap.Lookup(spec.KindAgent, agent.ClassicID, classic)
		if e.Platform.Version != want.platform || e.Applied != want.applied {
			t.Errorf("Classic v%d: Platform v%d applied %v, want v%d applied %v", classic, e.Platform.Version, e.Applied, want.platform, want.applied)
		}
	}
	if rounds := res.Rounds(); len(rounds) != 1 || len(rounds[0].Agents) != 1 || rounds[0].Agents[0].Name != "front-desk" {
		t.Errorf("rounds after resuming: %+v; want only front-desk's older version left", rounds)
	}
}
