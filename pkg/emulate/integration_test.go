package emulate

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	classicapi "github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

func TestServeOnLoopback(t *testing.T) {
	dir := t.TempDir()
	classicState, platformState := StateFiles(dir, true)
	cfg := Config{
		Org:         "acme",
		Credentials: CredentialsFromEnv(func(k string) string { return map[string]string{classicapi.EnvAPIKey: "fake-key-123"}[k] }),
		Kit:         emukit.Options{Window: 200 * time.Millisecond},
		Classic:     Files{State: classicState},
		Platform:    Files{State: platformState},
	}
	srv, err := Listen(cfg, Network{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()

	a := newAPIs(t, srv.Config(), srv.ClassicURL, srv.PlatformURL, http.DefaultTransport, http.DefaultTransport)
	a.signIn(t)
	if got := a.createClassicAgent(t, "intake"); got != http.StatusCreated {
		t.Errorf("create classic agent: %d, want 201", got)
	}
	if got := a.createPlatformAgent(t, "intake"); got != http.StatusCreated {
		t.Errorf("create platform agent: %d, want 201", got)
	}
	if ws := a.workspace(t); ws["backend_org_id"] != "acme" || ws["id"] != DefaultWorkspace {
		t.Errorf("workspace %v, want id %s with backend_org_id acme", ws, DefaultWorkspace)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	a.checkConformance(t)
	classic, platform := srv.Stats()
	if classic.Total() < 2 || platform.Total() < 2 {
		t.Errorf("stats classic %v platform %v, want the requests counted", classic, platform)
	}
	for _, p := range []string{classicState, platformState} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("state file: %v", err)
		}
	}
}

func TestEmbeddedKeepsStateAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	run := func(wantStatus int) {
		t.Helper()
		target, err := Embedded(dir, Config{})
		if err != nil {
			t.Fatal(err)
		}
		defer target.Close()
		a := newAPIs(t, target.Config(), target.ClassicURL, target.PlatformURL, target.ClassicTransport, target.PlatformTransport)
		a.signIn(t)
		if got := a.createClassicAgent(t, "intake"); got != wantStatus {
			t.Errorf("create classic agent: %d, want %d", got, wantStatus)
		}
		if got := a.createPlatformAgent(t, "intake"); got != wantStatus {
			t.Errorf("create platform agent: %d, want %d", got, wantStatus)
		}
		if ws := a.workspace(t); ws["backend_org_id"] != DefaultOrg {
			t.Errorf("workspace %v, want backend_org_id %s", ws, DefaultOrg)
		}
		a.checkConformance(t)
	}
	run(http.StatusCreated)
	for _, name := range []string{"classic.json", "platform.json"} {
		if _, err := os.Stat(filepath.Join(dir, ".amigosync", "emulator", name)); err != nil {
			t.Errorf("embedded state: %v", err)
		}
	}
	run(http.StatusConflict) // the second run sees the first run's agents
}

func TestEmbeddedDropAfterCommits(t *testing.T) {
	target, err := Embedded(t.TempDir(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	a := newAPIs(t, target.Config(), target.ClassicURL, target.PlatformURL, target.ClassicTransport, target.PlatformTransport)
	a.signIn(t)
	target.SetFaults(emukit.Faults{DropAfter: 1})
	req, err := http.NewRequest("POST", a.classicURL+"/v1/demo/organization/agent", strings.NewReader(`{"agent_name":"dropped"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := a.classic.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %s, want a dropped connection", resp.Status)
	} else if !errors.Is(err, emukit.ErrDropped) {
		t.Fatalf("error %v, want emukit.ErrDropped", err)
	}
	target.SetFaults(emukit.Faults{})
	if got := a.createClassicAgent(t, "dropped"); got != http.StatusConflict {
		t.Errorf("after a drop-after the agent should exist: create again gave %d, want 409", got)
	}
	classic, _ := target.Stats()
	if classic[classicapi.EndpointCreateAgent][0] != 1 {
		t.Errorf("classic stats %v, want one drop of %s", classic, classicapi.EndpointCreateAgent)
	}
	a.checkConformance(t)
}
