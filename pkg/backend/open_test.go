package backend_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emulate"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
)

// env is a fake environment.
func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// createAndRead creates agent "opened" version 1 and checks it is listed.
func createAndRead(t *testing.T, b backend.Backend) {
	t.Helper()
	c := mustContainer(t, b, spec.KindAgent, "opened")
	if err := b.CreateVersion(context.Background(), c, 1, agentVersion(testAgent("Opened.")), backend.Index{}); err != nil {
		t.Fatal(err)
	}
	if got := container(t, b, spec.KindAgent, "opened"); got.Latest != 1 {
		t.Errorf("listed at version %d; want 1", got.Latest)
	}
}

func TestOpenEmbeddedKeepsStateAcrossReopen(t *testing.T) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			clock := clientClock()
			opts := backend.OpenOptions{
				Dir: t.TempDir(), Target: spec.Target{Name: "local", API: d, Embedded: true},
				Getenv: env(nil), Now: clock.Now, Sleep: clock.Sleep,
			}
			b, closer, err := backend.Open(context.Background(), opts)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			createAndRead(t, b)
			if err := closer.Close(); err != nil {
				t.Fatal(err)
			}
			b, closer, err = backend.Open(context.Background(), opts)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer closer.Close()
			if got := container(t, b, spec.KindAgent, "opened"); got.Latest != 1 {
				t.Errorf("after reopening, the agent is at version %d; want 1", got.Latest)
			}
			info := b.Info()
			if info.Dialect != d || info.BaseURL == "" || info.Scope == "" {
				t.Errorf("info %+v; want dialect %s, a base URL and a scope", info, d)
			}
		})
	}
}

func TestOpenURLTargets(t *testing.T) {
	cs, err := classicemu.New(classicemu.Config{Org: testOrg, Credentials: classicemu.Credentials{APIKey: fakeKey, APIKeyID: fakeKeyID, UserID: fakeUser}})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}}, APIKeys: []string{fakePlatformKey}})
	if err != nil {
		t.Fatal(err)
	}
	classicSrv, platformSrv := httptest.NewServer(cs.Handler()), httptest.NewServer(ps.Handler())
	defer classicSrv.Close()
	defer platformSrv.Close()
	vars := env(map[string]string{
		emulate.EnvAPIKey: fakeKey, emulate.EnvAPIKeyID: fakeKeyID, emulate.EnvUserID: fakeUser,
		emulate.EnvPlatformAPIKey: fakePlatformKey,
	})
	tests := []struct {
		target spec.Target
		scope  string
	}{
		{spec.Target{Name: "c", API: spec.DialectClassic, URL: classicSrv.URL, Org: testOrg}, testOrg},
		{spec.Target{Name: "p", API: spec.DialectPlatform, URL: platformSrv.URL, Workspace: testWorkspace}, testWorkspace},
	}
	for _, tc := range tests {
		t.Run(string(tc.target.API), func(t *testing.T) {
			b, closer, err := backend.Open(context.Background(), backend.OpenOptions{Target: tc.target, Getenv: vars})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer closer.Close()
			want := backend.Info{Dialect: tc.target.API, BaseURL: tc.target.URL, Scope: tc.scope}
			if b.Info() != want {
				t.Errorf("info %+v; want %+v", b.Info(), want)
			}
			createAndRead(t, b)
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
		{"classic, nothing set", classicTarget, nil, []string{emulate.EnvAPIKey, emulate.EnvAPIKeyID, emulate.EnvUserID}},
		{"classic, key only", classicTarget, map[string]string{emulate.EnvAPIKey: secret, emulate.EnvPlatformAPIKey: secret},
			[]string{emulate.EnvAPIKeyID, emulate.EnvUserID}},
		{"platform, classic set", platformTarget, map[string]string{emulate.EnvAPIKey: secret, emulate.EnvAPIKeyID: secret, emulate.EnvUserID: secret},
			[]string{emulate.EnvPlatformAPIKey}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := backend.Open(context.Background(), backend.OpenOptions{Target: tc.target, Getenv: env(tc.vars)})
			var me *backend.MissingEnvError
			if !errors.As(err, &me) {
				t.Fatalf("open: %v; want a *backend.MissingEnvError", err)
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
	vars := env(map[string]string{emulate.EnvAPIKey: "k", emulate.EnvAPIKeyID: "i", emulate.EnvUserID: "u", emulate.EnvPlatformAPIKey: "p"})
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := backend.Open(context.Background(), backend.OpenOptions{Target: tc.target, Getenv: vars})
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
	ps, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}}, APIKeys: []string{fakePlatformKey}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ps.Handler())
	defer srv.Close()
	b, closer, err := backend.Open(context.Background(), backend.OpenOptions{
		Target: spec.Target{Name: "p", API: spec.DialectPlatform, URL: srv.URL, Workspace: testWorkspace},
		Getenv: env(map[string]string{emulate.EnvPlatformAPIKey: wrong}),
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
