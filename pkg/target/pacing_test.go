package target_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// The scaled window of the test servers, and how many lists each test
// sends: 45 at 20 per window (the Classic list_agents limit) need three
// windows, so at least two full windows pass between the first and the last.
const (
	serverWindow = time.Second
	lists        = 45
	listLimit    = 20
)

// pacingRun is what one run of lists showed.
type pacingRun struct {
	elapsed time.Duration // on the shared fake clock
	stats   emukit.Stats  // the server's counters
}

// listMany lists agents lists times and returns the fake time it took.
func listMany(t *testing.T, b backend.Backend, clock *fakeclock.Clock) time.Duration {
	t.Helper()
	start := clock.Now()
	for i := range lists {
		if _, err := b.Containers(context.Background(), spec.KindAgent); err != nil {
			t.Fatalf("list %d: %v", i+1, err)
		}
	}
	return clock.Now().Sub(start)
}

// serveClassic is `amigosync emulate --rate-window 1s` in-process, on real
// loopback listeners, with the test's fake clock.
func serveClassic(t *testing.T, clock *fakeclock.Clock) (*emulate.Served, func(string) string) {
	t.Helper()
	srv, err := emulate.Listen(emulate.Config{Kit: emukit.Options{Window: serverWindow, Now: clock.Now}}, emulate.Network{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("serve: %v", err)
		}
	})
	c := srv.Config().Credentials
	return srv, env(map[string]string{classic.EnvAPIKey: c.APIKey.Value, classic.EnvAPIKeyID: c.APIKeyID.Value, classic.EnvUserID: c.UserID.Value})
}

// runClassicURL lists against a served Classic emulator through a URL
// target with the given rate_window.
func runClassicURL(t *testing.T, window time.Duration) pacingRun {
	clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	srv, getenv := serveClassic(t, clock)
	tgt := spec.Target{Name: "staging", API: spec.DialectClassic, URL: srv.ClassicURL, Org: srv.Config().Org, RateWindow: window}
	b, closer, err := target.Open(context.Background(), target.Options{Target: tgt, Getenv: getenv, Now: clock.Now, Sleep: clock.Sleep})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	elapsed := listMany(t, b, clock)
	stats, _ := srv.Stats()
	return pacingRun{elapsed, stats}
}

// runPlatformURL lists against a Platform emulator with list_agents
// limited (the document publishes no limits; the client learns this one
// from X-RateLimit-Limit) on a real loopback listener.
func runPlatformURL(t *testing.T, window time.Duration) pacingRun {
	clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	srv := testServers(t, classicemu.Config{},
		platformemu.Config{Limits: map[string]int{platform.ListAgents: listLimit}, Kit: emukit.Options{Window: serverWindow, Now: clock.Now}})
	tgt := spec.Target{Name: "staging", API: spec.DialectPlatform, URL: srv.platformURL, Workspace: testWorkspace, RateWindow: window}
	b, closer, err := target.Open(context.Background(), target.Options{Target: tgt, Getenv: fakeEnv(), Now: clock.Now, Sleep: clock.Sleep})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	elapsed := listMany(t, b, clock)
	return pacingRun{elapsed, srv.platform.Kit().Stats()}
}

// runEmbedded lists on the embedded target with the given rate_window,
// which scales the embedded emulator's limits as well.
func runEmbedded(t *testing.T, window time.Duration) pacingRun {
	clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	tgt := spec.Target{Name: "local", API: spec.DialectClassic, Embedded: true, RateWindow: window}
	b, closer, err := target.Open(context.Background(), target.Options{Dir: t.TempDir(), Target: tgt, Now: clock.Now, Sleep: clock.Sleep})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	elapsed := listMany(t, b, clock)
	emus, ok := closer.(*emulate.Target)
	if !ok {
		t.Fatalf("the embedded target's closer is a %T, not the emulator", closer)
	}
	stats, _ := emus.Stats()
	return pacingRun{elapsed, stats}
}

// TestRateWindowPacesToTheServer: with rate_window set to the server's
// window, every list is answered 200 (no 429) and the lists are spread over
// the windows the limit needs, in seconds; without it the documented
// per-minute limits hold, so the same lists take minutes. A rate_window
// shorter than the server's earns 429s, which shows the check for them can
// see one. All on a fake clock shared by client and server: no real time
// passes.
func TestRateWindowPacesToTheServer(t *testing.T) {
	tests := []struct {
		name     string
		run      func(*testing.T, time.Duration) pacingRun
		window   time.Duration
		min, max time.Duration // the elapsed fake time allowed
		refused  bool          // 429s expected
	}{
		{"classic url with rate_window", runClassicURL, serverWindow, 2 * serverWindow, time.Minute, false},
		{"classic url without: per minute", runClassicURL, 0, 2 * time.Minute, time.Hour, false},
		{"classic url with a shorter window than the server's", runClassicURL, serverWindow / 10, 0, time.Minute, true},
		{"platform url with rate_window", runPlatformURL, serverWindow, 2 * serverWindow, time.Minute, false},
		{"embedded with rate_window", runEmbedded, serverWindow, 2 * serverWindow, time.Minute, false},
		{"embedded without: per minute", runEmbedded, 0, 2 * time.Minute, time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.run(t, tc.window)
			t.Logf("%d lists in %v of fake time; server saw %v", lists, got.elapsed, got.stats)
			if got.elapsed < tc.min || got.elapsed >= tc.max {
				t.Errorf("%d lists took %v; want at least %v and under %v", lists, got.elapsed, tc.min, tc.max)
			}
			refusals := 0
			for _, byStatus := range got.stats {
				refusals += byStatus[http.StatusTooManyRequests]
			}
			if (refusals > 0) != tc.refused {
				t.Errorf("the server answered 429 %d times; want 429s: %v", refusals, tc.refused)
			}
			// Both dialects name the endpoint list_agents.
			if n := got.stats[classic.EndpointListAgents][http.StatusOK]; n != lists {
				t.Errorf("list_agents answered 200 %d times; want %d", n, lists)
			}
		})
	}
}
