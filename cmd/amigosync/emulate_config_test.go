package main

import (
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// TestEmulateConfigFromFlags: every fault, rate and token flag reaches the
// emulators' configuration, and the credentials come from the environment.
func TestEmulateConfigFromFlags(t *testing.T) {
	c := EmulateCmd{
		Org: "acme", Workspace: "11111111-2222-3333-4444-555555555555",
		FaultRate: 0.2, FaultKinds: []string{"503", "drop-after"}, FaultSeed: 9, Latency: 50 * time.Millisecond,
		RateWindow: 250 * time.Millisecond, NoRateLimits: true, TokenLifetime: 2 * time.Hour,
	}
	env := map[string]string{"AMIGO_PLATFORM_API_KEY": "fake-platform-key-1"}
	cfg, err := c.config(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	want := emukit.Options{
		Window:       250 * time.Millisecond,
		Faults:       emukit.Faults{Rate503: 0.1, DropAfter: 0.1, Latency: 50 * time.Millisecond, Seed: 9},
		NoRateLimits: true,
	}
	if cfg.Kit.Window != want.Window || cfg.Kit.Faults != want.Faults || cfg.Kit.NoRateLimits != want.NoRateLimits {
		t.Errorf("Kit options %+v, want %+v", cfg.Kit, want)
	}
	if cfg.Org != "acme" || cfg.Workspace != c.Workspace || cfg.TokenLifetime != 2*time.Hour {
		t.Errorf("config %+v: org, workspace or token lifetime lost", cfg)
	}
	if p := cfg.Credentials.PlatformAPIKey; p.Value != "fake-platform-key-1" || p.Env != "AMIGO_PLATFORM_API_KEY" {
		t.Errorf("platform key %+v, want the environment's", p)
	}
	if cfg.Classic.State != "" || cfg.Platform.State != "" {
		t.Errorf("state files %q %q without --state, want in memory", cfg.Classic.State, cfg.Platform.State)
	}
}
