package emulate

import (
	"errors"
	"fmt"
	"time"

	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
)

// Emulators are the two emulators built from one Config.
type Emulators struct {
	Classic  *classicemu.Server  // the Classic API of the organization
	Platform *platformemu.Server // the Platform API of the workspace
	cfg      Config
}

// New builds both emulators, loading their state files.
func New(cfg Config) (*Emulators, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	cs, err := classicemu.New(classicemu.Config{
		Org: cfg.Org,
		Credentials: classicemu.Credentials{
			APIKey:   cfg.Credentials.APIKey.Value,
			APIKeyID: cfg.Credentials.APIKeyID.Value,
			UserID:   cfg.Credentials.UserID.Value,
		},
		TokenLifetime: cfg.TokenLifetime,
		Kit:           cfg.Kit,
		StatePath:     cfg.Classic.State,
		SeedPath:      cfg.Classic.Seed,
	})
	if err != nil {
		return nil, fmt.Errorf("start the classic emulator: %w", err)
	}
	ps, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: cfg.Workspace, Name: cfg.WorkspaceName, BackendOrgID: cfg.Org}},
		APIKeys:    []string{cfg.Credentials.PlatformAPIKey.Value},
		Kit:        cfg.Kit,
		StatePath:  cfg.Platform.State,
		SeedPath:   cfg.Platform.Seed,
	})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("start the platform emulator: %w", err), cs.Close())
	}
	return &Emulators{Classic: cs, Platform: ps, cfg: cfg}, nil
}

// Config returns the configuration in use, defaults filled in.
func (e *Emulators) Config() Config { return e.cfg }

// RateWindow is the length of the rate limits' "minute" in use: clients
// that pace themselves (apiclient.Options.RateWindow) should use the same.
func (e *Emulators) RateWindow() time.Duration { return e.cfg.Kit.Window }

// Stats returns the request counters of each emulator.
func (e *Emulators) Stats() (classic, platform emukit.Stats) {
	return e.Classic.Kit().Stats(), e.Platform.Kit().Stats()
}

// SetFaults changes the injected faults of both emulators.
func (e *Emulators) SetFaults(f emukit.Faults) {
	e.Classic.Kit().SetFaults(f)
	e.Platform.Kit().SetFaults(f)
}

// Close releases both emulators.
func (e *Emulators) Close() error {
	return errors.Join(e.Classic.Close(), e.Platform.Close())
}
