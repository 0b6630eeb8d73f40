package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/migrate/migratetest"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Obviously fake credentials the migrate tests' emulators accept.
const (
	migKey         = "fake-key-123"
	migKeyID       = "fake-key-id-123"
	migUser        = "fake-user-123"
	migPlatformKey = "fake-platform-key-123"
	clinicOrg      = "example-clinic"
	clinicWS       = "7e57c11c-0000-4000-8000-00000000c11c"
	strangerWS     = "7e57c11c-0000-4000-8000-000000005752"
)

// testWindow is the rate limits' "minute" of the tests' clients: the
// emulators do not limit, so the clients need not pace.
const testWindow = 10 * time.Millisecond

// migrateWorld is a Classic emulator holding the seeded clinic
// organization and a Platform emulator with its workspace (and one that
// maps to another organization), on loopback, and a project naming them.
type migrateWorld struct {
	// cwd is the package directory (the tests run migrate from project).
	cwd     string
	project string
	env     map[string]string
	src     migrate.Source // the clinic as seeded (Classic ids of the fixture)
	classic backend.Backend
	plat    backend.Backend
	// platformStats counts the requests the Platform emulator served.
	platformStats func() emukit.Stats
	// platformFaults sets the faults the Platform emulator injects.
	platformFaults func(emukit.Faults)
}

// newMigrateWorld starts the emulators, seeds the organization with
// pkg/migrate/testdata/clinic-org and writes the project file.
func newMigrateWorld(t *testing.T) *migrateWorld {
	t.Helper()
	ce, err := classicemu.New(classicemu.Config{Org: clinicOrg, Credentials: classicemu.Credentials{APIKey: migKey, APIKeyID: migKeyID, UserID: migUser},
		Kit: emukit.Options{NoRateLimits: true}})
	if err != nil {
		t.Fatal(err)
	}
	pe, err := platformemu.New(platformemu.Config{
		Workspaces: []platformemu.Workspace{{ID: clinicWS, Name: "Clinic", BackendOrgID: clinicOrg}, {ID: strangerWS, Name: "Other", BackendOrgID: "another-org"}},
		APIKeys:    []string{migPlatformKey}, Kit: emukit.Options{NoRateLimits: true}})
	if err != nil {
		t.Fatal(err)
	}
	cs, ps := httptest.NewServer(ce.Handler()), httptest.NewServer(pe.Handler())
	t.Cleanup(func() { cs.Close(); ps.Close(); ce.Close(); pe.Close() })
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	w := &migrateWorld{cwd: cwd, project: t.TempDir(), platformStats: pe.Kit().Stats, platformFaults: pe.Kit().SetFaults,
		env: map[string]string{classic.EnvAPIKey: migKey, classic.EnvAPIKeyID: migKeyID, classic.EnvUserID: migUser, platform.EnvAPIKey: migPlatformKey}}
	cc, err := classic.New(classic.Options{BaseURL: cs.URL, Org: clinicOrg, APIKey: migKey, APIKeyID: migKeyID, UserID: migUser, HTTPClient: &http.Client{}, RateWindow: testWindow})
	if err != nil {
		t.Fatal(err)
	}
	pc, err := platform.New(platform.Options{BaseURL: ps.URL, APIKey: migPlatformKey, Workspace: clinicWS, HTTPClient: &http.Client{}, RateWindow: testWindow})
	if err != nil {
		t.Fatal(err)
	}
	w.classic, w.plat = backend.Classic(cc), backend.Platform(pc)
	if w.src, err = migratetest.LoadSource(os.DirFS(filepath.Join(cwd, "..", "..", "pkg", "migrate", "testdata", "clinic-org")), nil); err != nil {
		t.Fatal(err)
	}
	// The fixture's tools become the emulator's two demo tools.
	tools := map[string]string{"5f1e2d3c4b5a69788796a5b4": "000000000000000000000001", "5f1e2d3c4b5a69788796a5b5": "000000000000000000000002"}
	if err := migratetest.Seed(context.Background(), w.classic, w.src, tools); err != nil {
		t.Fatalf("seed the clinic organization: %v", err)
	}
	project := fmt.Sprintf(`targets:
  clinic: {api: classic, url: %q, org: %s, rate_window: 10ms}
  workspace: {api: platform, url: %q, workspace: %s, rate_window: 10ms}
  stranger: {api: platform, url: %q, workspace: %s, rate_window: 10ms}
default_target: clinic
`, cs.URL, clinicOrg, ps.URL, clinicWS, ps.URL, strangerWS)
	if err := os.WriteFile(filepath.Join(w.project, "amigosync.yaml"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	// The mapping file sits in the project, so the reports name it map.yaml.
	mapFile, err := os.ReadFile(filepath.Join(cwd, "testdata", "migrate", "map.yaml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(w.project, "map.yaml"), mapFile, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// migrate runs `amigosync migrate --from clinic --project P --dir OUT` with
// args, from the project directory (so that OUT is short in the output).
func (w *migrateWorld) migrate(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(w.project)
	return runCLI(t, w.env, append([]string{"migrate", "--from", "clinic", "--dir", "out"}, args...)...)
}

// writes counts the requests of the Platform emulator's endpoints that
// change something (create_, update_, upsert_, delete_).
func (w *migrateWorld) writes() int {
	n := 0
	for endpoint, statuses := range w.platformStats() {
		if writeEndpoint.MatchString(endpoint) {
			for _, c := range statuses {
				n += c
			}
		}
	}
	return n
}

var writeEndpoint = regexp.MustCompile(`^(create|update|upsert|delete)_`)

// scrub makes the command's output stable: loopback ports and elapsed
// times vary from run to run.
func scrub(s string) string {
	s = loopback.ReplaceAllString(s, "http://127.0.0.1:PORT")
	return elapsed.ReplaceAllString(s, "${1}TIME")
}

var (
	loopback = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`)
	elapsed  = regexp.MustCompile(`(in |done in )[0-9.]+(µs|ms|s|m[0-9.]+s)`)
)

// exportPath is where OUT holds the manifest of kind called name.
func exportPath(kind spec.Kind, name string) string {
	return filepath.FromSlash(export.Path(kind, name))
}
