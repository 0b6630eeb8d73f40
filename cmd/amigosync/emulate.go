package main

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/credenv"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
)

// EmulateCmd serves the Classic and Platform API emulators on loopback.
type EmulateCmd struct {
	Classic          string        `group:"network" default:"127.0.0.1:0" placeholder:"HOST:PORT" help:"Address to serve the Classic API on (port 0 picks a free one)."`
	Platform         string        `group:"network" default:"127.0.0.1:0" placeholder:"HOST:PORT" help:"Address to serve the Platform API on (port 0 picks a free one)."`
	AllowNonLoopback bool          `group:"network" help:"Allow non-loopback addresses, exposing the emulators and their credentials to the network."`
	Org              string        `group:"served" default:"demo" help:"Classic organization to serve."`
	Workspace        string        `group:"served" default:"6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b" help:"Platform workspace uuid to serve (its backend_org_id is --org)."`
	TokenLifetime    time.Duration `group:"served" default:"1h" help:"Lifetime of Classic sign-in tokens."`
	State            string        `group:"state" placeholder:"FILE|DIR" help:"Keep state in files (DIR/classic.json and DIR/platform.json, or FILE's name with .classic.json/.platform.json); in memory when unset."`
	Seed             string        `group:"state" placeholder:"FILE|DIR" help:"Initial state, named like --state, used when the state files do not exist yet."`
	RateWindow       time.Duration `group:"limits" default:"1m" help:"Length of a rate-limit \"minute\" (scale it down for tests, e.g. 1s)."`
	NoRateLimits     bool          `group:"limits" help:"Turn the documented rate limits off."`
	FaultRate        float64       `group:"faults" placeholder:"FRACTION" help:"Fraction (0..1) of requests that get an injected fault."`
	FaultKinds       []string      `group:"faults" default:"${fault_kinds}" help:"Faults to inject, sharing --fault-rate equally: ${fault_kinds_help}."`
	FaultSeed        int64         `group:"faults" default:"1" help:"Seed of the fault sequence: the same seed and requests give the same faults."`
	Latency          time.Duration `group:"faults" help:"Latency added to every request (e.g. 50ms)."`
	StatsEvery       time.Duration `name:"stats" placeholder:"INTERVAL" help:"Also print the request counters every INTERVAL."`
	Output           string        `enum:"text,json" default:"text" help:"Output format: text, or json (one versioned object per line: serving, stats, error)."`
}

// Help explains what the emulators are for, what is printed and how they stop.
func (EmulateCmd) Help() string {
	return `Serves local emulators of the Classic and Platform APIs for demos, tests and CI:
the documented validation, version guards, pagination and per-endpoint rate limits,
with optional fault injection. Both listen on loopback (127.0.0.1, a free port each)
unless told otherwise.

On start it prints the two base URLs, the organization and the workspace served (whose
backend_org_id is the organization) and the credentials accepted: those in
` + credenv.ClassicList + ` (Classic) and ` + credenv.PlatformAPIKey + ` (Platform),
or fixed demo values, printed, when unset. Values from the environment are never printed.

It runs until interrupted (Ctrl-C or SIGTERM), then prints the request counters per
endpoint and status. With --state every change is saved atomically before it is
answered, so even kill -9 leaves a usable state file.

Examples:

    amigosync emulate --state .emu/
    amigosync emulate --rate-window 1s --fault-rate 0.1 --fault-seed 7`
}

// Run serves until ctx is cancelled (SIGINT) or SIGTERM arrives.
func (c *EmulateCmd) Run(ctx context.Context, streams *IO) error {
	view := views.NewEmulate(views.Format(c.Output), streams.view())
	cfg, err := c.config(streams.Getenv)
	if err != nil {
		return view.Failed(err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	srv, err := emulate.Listen(cfg, emulate.Network{ClassicAddr: c.Classic, PlatformAddr: c.Platform, AllowNonLoopback: c.AllowNonLoopback})
	if err != nil {
		return view.Failed(err)
	}
	if err := view.Serving(srv.Config(), srv.ClassicURL, srv.PlatformURL); err != nil {
		return errors.Join(err, srv.Close())
	}
	return serveWithStats(ctx, view, srv, c.StatsEvery)
}

// serveWithStats serves srv until ctx is done or a server fails, showing
// the counters every interval (0: never) and once at the end. The printer
// stops when Serve ends, whatever ended it, not only on a signal.
func serveWithStats(ctx context.Context, view views.Emulate, srv *emulate.Served, every time.Duration) error {
	statsCtx, stopStats := context.WithCancel(ctx)
	var wg sync.WaitGroup
	if every > 0 {
		wg.Go(func() { showStatsEvery(statsCtx, view, srv.Emulators, every) })
	}
	serveErr := srv.Serve(ctx)
	stopStats()
	wg.Wait()
	classic, platform := srv.Stats()
	return errors.Join(serveErr, view.Stats(classic, platform, true))
}

// showStatsEvery shows the counters every interval until ctx is done.
func showStatsEvery(ctx context.Context, view views.Emulate, emus *emulate.Emulators, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			classic, platform := emus.Stats()
			_ = view.Stats(classic, platform, false) // best effort, like a log line
		}
	}
}

// config turns the flags into the emulators' configuration.
func (c *EmulateCmd) config(getenv func(string) string) (emulate.Config, error) {
	faults, err := emukit.FaultSettings{Rate: c.FaultRate, Kinds: c.FaultKinds, Latency: c.Latency, Seed: c.FaultSeed}.Faults()
	if err != nil {
		return emulate.Config{}, fmt.Errorf("fault injection: %w", err)
	}
	if c.RateWindow <= 0 {
		return emulate.Config{}, fmt.Errorf("--rate-window must be positive, not %s", c.RateWindow)
	}
	classic, platform, err := emulate.FilesFor(c.State, c.Seed)
	if err != nil {
		return emulate.Config{}, err
	}
	return emulate.Config{
		Org:           c.Org,
		Workspace:     c.Workspace,
		Credentials:   emulate.CredentialsFromEnv(getenv),
		TokenLifetime: c.TokenLifetime,
		Kit:           emukit.Options{Window: c.RateWindow, Faults: faults, NoRateLimits: c.NoRateLimits},
		Classic:       classic,
		Platform:      platform,
	}, nil
}
