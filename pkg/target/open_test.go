package target_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// Obviously fake credentials the test emulators accept.
const (
	fakeKey         = "fake-key-123"
	fakeKeyID       = "fake-key-id-123"
	fakeUser        = "fake-user-123"
	fakePlatformKey = "fake-platform-key-123"
	testOrg         = "test-org"
	testWorkspace   = "11111111-2222-4333-8444-555555555555"
)

// env is a fake environment.
func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// fakeEnv holds every credential the test emulators accept.
func fakeEnv() func(string) string {
	return env(map[string]string{
		classic.EnvAPIKey: fakeKey, classic.EnvAPIKeyID: fakeKeyID, classic.EnvUserID: fakeUser,
		platform.EnvAPIKey: fakePlatformKey,
	})
}

// servers are both emulators on loopback listeners.
type servers struct {
	classic                 *classicemu.Server
	platform                *platformemu.Server
	classicURL, platformURL string
}

// testServers starts both emulators on loopback listeners with the fake
// credentials, over the rest of classicCfg and platformCfg (rate limits,
// clocks).
func testServers(t *testing.T, classicCfg classicemu.Config, platformCfg platformemu.Config) servers {
	t.Helper()
	classicCfg.Org = testOrg
	classicCfg.Credentials = classicemu.Credentials{APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser}
	cs, err := classicemu.New(classicCfg)
	if err != nil {
		t.Fatal(err)
	}
	platformCfg.Workspaces = []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}}
	platformCfg.APIKeys = []string{fakePlatformKey}
	ps, err := platformemu.New(platformCfg)
	if err != nil {
		t.Fatal(err)
	}
	classicSrv, platformSrv := httptest.NewServer(cs.Handler()), httptest.NewServer(ps.Handler())
	t.Cleanup(func() {
		classicSrv.Close()
		platformSrv.Close()
		cs.Close()
		ps.Close()
	})
	return servers{classic: cs, platform: ps, classicURL: classicSrv.URL, platformURL: platformSrv.URL}
}

// listed reports whether an agent called name is listed.
func listed(t *testing.T, b backend.Backend, name string) bool {
	t.Helper()
	cs, err := b.Containers(context.Background(), spec.KindAgent)
	if err != nil {
		t.Fatalf("list agents: %v", err)
	}
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

// createAndList creates agent "opened" and checks it is listed.
func createAndList(t *testing.T, b backend.Backend) {
	t.Helper()
	if _, err := b.CreateContainer(context.Background(), spec.KindAgent, "opened", ""); err != nil {
		t.Fatalf("create agent: %v", err)
	}
	if !listed(t, b, "opened") {
		t.Error("the agent just created is not listed")
	}
}

func TestOpenEmbeddedKeepsStateAcrossReopen(t *testing.T) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
			opts := target.Options{
				Dir: t.TempDir(), Target: spec.Target{Name: "local", API: d, Embedded: true},
				Getenv: env(nil), Now: clock.Now, Sleep: clock.Sleep,
			}
			b, closer, err := target.Open(context.Background(), opts)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			createAndList(t, b)
			if err := closer.Close(); err != nil {
				t.Fatal(err)
			}
			b, closer, err = target.Open(context.Background(), opts)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer closer.Close()
			if !listed(t, b, "opened") {
				t.Error("after reopening, the agent is gone")
			}
			info := b.Info()
			if info.Dialect != d || info.BaseURL == "" || info.Scope == "" {
				t.Errorf("info %+v; want dialect %s, a base URL and a scope", info, d)
			}
		})
	}
}

func TestOpenURLTargets(t *testing.T) {
	srv := testServers(t, classicemu.Config{}, platformemu.Config{})
	tests := []struct {
		target spec.Target
		scope  string
	}{
		{spec.Target{Name: "c", API: spec.DialectClassic, URL: srv.classicURL, Org: testOrg}, testOrg},
		{spec.Target{Name: "p", API: spec.DialectPlatform, URL: srv.platformURL, Workspace: testWorkspace}, testWorkspace},
	}
	for _, tc := range tests {
		t.Run(string(tc.target.API), func(t *testing.T) {
			b, closer, err := target.Open(context.Background(), target.Options{Target: tc.target, Getenv: fakeEnv()})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer closer.Close()
			want := backend.Info{Dialect: tc.target.API, BaseURL: tc.target.URL, Scope: tc.scope}
			if b.Info() != want {
				t.Errorf("info %+v; want %+v", b.Info(), want)
			}
			createAndList(t, b)
		})
	}
}

func TestOpenURLTargetNeedsItsEnvironment(t *testing.T) {
	const secret = "s3cret-value-that-must-not-leak"
	classicTarget := spec.Target{Name: "prod", API: spec.DialectClassic, URL: "https://api.amigo.ai", Org: "clinic"}
	platformTarget := spec.Target{Name: "ws", API: spec.DialectPlatform, URL: "https://api.platform.amigo.ai", Workspace: testWorkspace}
	tests := []struct {
		name    string
		target  spec.Target
		vars    map[string]string
		missing []string
	}{
		{"classic, nothing set", classicTarget, nil, []string{classic.EnvAPIKey, classic.EnvAPIKeyID, classic.EnvUserID}},
		{"classic, key only", classicTarget, map[string]string{classic.EnvAPIKey: secret, platform.EnvAPIKey: secret},
			[]string{classic.EnvAPIKeyID, classic.EnvUserID}},
		{"platform, classic set", platformTarget, map[string]string{classic.EnvAPIKey: secret, classic.EnvAPIKeyID: secret, classic.EnvUserID: secret},
			[]string{platform.EnvAPIKey}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := target.Open(context.Background(), target.Options{Target: tc.target, Getenv: env(tc.vars)})
			var me *target.MissingEnvError
			if !errors.As(err, &me) {
				t.Fatalf("open: %v; want a *target.MissingEnvError", err)
			}
			msg := err.Error()
			for _, want := range append([]string{`"` + tc.target.Name + `"`}, tc.missing...) {
				if !strings.Contains(msg, want) {
					t.Errorf("%q does not name %s", msg, want)
				}
			}
			if strings.Contains(msg, secret) {
				t.Errorf("%q shows a credential", msg)
			}
		})
	}
}

func TestOpenRefusesAnIncompleteTarget(t *testing.T) {
	tests := []struct {
		name   string
		target spec.Target
		want   string
	}{
		{"no api", spec.Target{Name: "t", Embedded: true}, "classic or platform"},
		{"no url", spec.Target{Name: "t", API: spec.DialectClassic}, "url"},
		{"classic without org", spec.Target{Name: "t", API: spec.DialectClassic, URL: "https://api.amigo.ai"}, "org"},
		{"platform without workspace", spec.Target{Name: "t", API: spec.DialectPlatform, URL: "https://api.platform.amigo.ai"}, "workspace"},
		{"embedded without a directory", spec.Target{Name: "t", API: spec.DialectPlatform, Embedded: true}, "directory"},
		{"negative rate window", spec.Target{Name: "t", API: spec.DialectClassic, URL: "https://api.amigo.ai", Org: "o", RateWindow: -time.Second}, "rate_window"},
		{"rate window under 1ms", spec.Target{Name: "t", API: spec.DialectPlatform, Embedded: true, RateWindow: time.Microsecond}, "rate_window must be at least 1ms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := target.Open(context.Background(), target.Options{Target: tc.target, Getenv: fakeEnv()})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("open: %v; want an error about %s", err, tc.want)
			}
		})
	}
}

// TestWrongCredentialsAreAnErrorWithoutThem: a refused key surfaces as a
// *backend.Error matching apiclient.ErrUnauthorized, without the key.
func TestWrongCredentialsAreAnErrorWithoutThem(t *testing.T) {
	const wrong = "fake-but-wrong-key-456"
	srv := testServers(t, classicemu.Config{}, platformemu.Config{})
	b, closer, err := target.Open(context.Background(), target.Options{
		Target: spec.Target{Name: "p", API: spec.DialectPlatform, URL: srv.platformURL, Workspace: testWorkspace},
		Getenv: env(map[string]string{platform.EnvAPIKey: wrong}),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	_, err = b.Containers(context.Background(), spec.KindAgent)
	var be *backend.Error
	if !errors.As(err, &be) || !errors.Is(err, apiclient.ErrUnauthorized) {
		t.Fatalf("list with a wrong key: %v; want a *backend.Error matching apiclient.ErrUnauthorized", err)
	}
	if msg := err.Error(); strings.Contains(msg, wrong) || !strings.HasPrefix(msg, "list agents: ") {
		t.Errorf("message %q: want it to start with \"list agents: \" and not show the key", msg)
	}
}

func TestOpenTellsOnWaitOfTheClientsWaits(t *testing.T) {
	clock := fakeclock.New(fakeclock.Ticking(time.Millisecond))
	var waits []string
	b, closer, err := target.Open(context.Background(), target.Options{
		Dir: t.TempDir(), Target: spec.Target{Name: "local", API: spec.DialectClassic, Embedded: true},
		Getenv: env(nil), Now: clock.Now, Sleep: clock.Sleep,
		OnWait: func(_ context.Context, w apiclient.Wait) { waits = append(waits, w.Endpoint.Name) },
	})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer closer.Close()
	// Creating agents is limited to 10 a minute: the eleventh waits.
	for i := range 11 {
		if _, err := b.CreateContainer(context.Background(), spec.KindAgent, "agent-"+strings.Repeat("x", i+1), ""); err != nil {
			t.Fatal(err)
		}
	}
	if len(waits) == 0 || waits[0] != "create agent" {
		t.Errorf("waits told: %q, want the create agent endpoint's", waits)
	}
}
