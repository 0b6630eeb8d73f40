package target

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Options say which target to open and inject what the clients need.
type Options struct {
	// Dir is the project directory; the embedded target keeps its state
	// under Dir/.amigosync/.
	Dir string
	// Target is the project target to talk to. Its RateWindow (rate_window
	// in amigosync.yaml) is the length of the rate limits' "minute" the
	// clients pace every endpoint to, and, for the embedded target, the
	// minute of the embedded emulator's limits; zero means a real minute.
	Target spec.Target
	// Getenv reads the credentials of a URL target (os.Getenv in the CLI).
	// Nothing else is read from the environment.
	Getenv func(string) string
	// Logger receives the clients' redacted request traces; default none.
	Logger *slog.Logger
	// HTTPClient sends the requests of a URL target; default a new client.
	HTTPClient *http.Client
	// Now and Sleep are the clock and the wait of the clients (and the
	// clock of the embedded emulator's rate limits); default the real ones.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// OnWait is told of every wait of the clients for a rate limit (see
	// apiclient.Options.OnWait); apply.OnWait shows them as progress.
	OnWait func(ctx context.Context, w apiclient.Wait)
}

// MissingEnvError reports credentials a URL target needs that the
// environment does not hold. It names the variables, never a value.
type MissingEnvError struct {
	// Target is the target's name; Dialect and URL say what it is.
	Target  string
	Dialect spec.Dialect
	URL     string
	// Vars are the variables that are unset or empty.
	Vars []string
}

// Error names the target and the variables to set.
func (e *MissingEnvError) Error() string {
	return fmt.Sprintf("target %q (%s API at %s) needs %s set in the environment; credentials are read only from there, never from files",
		e.Target, e.Dialect, e.URL, strings.Join(e.Vars, ", "))
}

// Open returns the Backend of opts.Target and what to close when done: the
// embedded emulator over Dir/.amigosync/, or a client of the target's URL
// with credentials from the environment (classic.EnvAPIKey,
// classic.EnvAPIKeyID and classic.EnvUserID for Classic; platform.EnvAPIKey
// for Platform).
func Open(ctx context.Context, opts Options) (backend.Backend, io.Closer, error) {
	t := opts.Target
	if t.API != spec.DialectClassic && t.API != spec.DialectPlatform {
		return nil, nil, fmt.Errorf("open target %q: api must be classic or platform, not %q", t.Name, t.API)
	}
	if t.RateWindow != 0 && t.RateWindow < spec.MinRateWindow {
		return nil, nil, fmt.Errorf("open target %q: rate_window must be at least %s, not %s", t.Name, spec.MinRateWindow, t.RateWindow)
	}
	if t.Embedded {
		return openEmbedded(opts)
	}
	if t.URL == "" {
		return nil, nil, fmt.Errorf("open target %q: it needs embedded: true or a url", t.Name)
	}
	if opts.Getenv == nil {
		return nil, nil, fmt.Errorf("open target %q: no environment to read the credentials from", t.Name)
	}
	if t.API == spec.DialectClassic {
		b, err := openClassic(opts, t.URL, t.Org, opts.HTTPClient, t.RateWindow)
		return b, nopCloser{}, err
	}
	b, err := openPlatform(opts, t.URL, t.Workspace, opts.HTTPClient, t.RateWindow)
	return b, nopCloser{}, err
}

// openEmbedded starts the embedded emulator for opts.Dir with its demo
// credentials (no environment is read), its limits on the target's window.
func openEmbedded(opts Options) (backend.Backend, io.Closer, error) {
	if opts.Dir == "" {
		return nil, nil, fmt.Errorf("open embedded target %q: the project directory is required", opts.Target.Name)
	}
	kit := emukit.Options{Window: opts.Target.RateWindow, Now: opts.Now}
	target, err := emulate.Embedded(opts.Dir, emulate.Config{Kit: kit})
	if err != nil {
		return nil, nil, fmt.Errorf("open embedded target %q: %w", opts.Target.Name, err)
	}
	cfg := target.Config()
	creds := map[string]string{
		classic.EnvAPIKey: cfg.Credentials.APIKey.Value, classic.EnvAPIKeyID: cfg.Credentials.APIKeyID.Value,
		classic.EnvUserID: cfg.Credentials.UserID.Value, platform.EnvAPIKey: cfg.Credentials.PlatformAPIKey.Value,
	}
	opts.Getenv = func(name string) string { return creds[name] }
	var b backend.Backend
	if opts.Target.API == spec.DialectClassic {
		b, err = openClassic(opts, target.ClassicURL, cfg.Org, &http.Client{Transport: target.ClassicTransport}, target.RateWindow())
	} else {
		b, err = openPlatform(opts, target.PlatformURL, cfg.Workspace, &http.Client{Transport: target.PlatformTransport}, target.RateWindow())
	}
	if err != nil {
		return nil, nil, errors.Join(err, target.Close())
	}
	return b, target, nil
}

// credentials reads the variables names, or fails naming those missing.
func credentials(opts Options, url string, names ...string) ([]string, error) {
	vals := make([]string, len(names))
	var missing []string
	for i, n := range names {
		if vals[i] = opts.Getenv(n); vals[i] == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingEnvError{Target: opts.Target.Name, Dialect: opts.Target.API, URL: url, Vars: missing}
	}
	return vals, nil
}

func openClassic(opts Options, url, org string, hc *http.Client, window time.Duration) (backend.Backend, error) {
	if org == "" {
		return nil, fmt.Errorf("open target %q: a classic target needs org", opts.Target.Name)
	}
	creds, err := credentials(opts, url, classic.EnvAPIKey, classic.EnvAPIKeyID, classic.EnvUserID)
	if err != nil {
		return nil, err
	}
	c, err := classic.New(classic.Options{
		BaseURL: url, Org: org, APIKey: creds[0], APIKeyID: creds[1], UserID: creds[2],
		HTTPClient: hc, RateWindow: window, Logger: opts.Logger, Now: opts.Now, Sleep: opts.Sleep,
		OnWait: opts.OnWait,
	})
	if err != nil {
		return nil, fmt.Errorf("open target %q: %w", opts.Target.Name, err)
	}
	return backend.Classic(c), nil
}

func openPlatform(opts Options, url, workspace string, hc *http.Client, window time.Duration) (backend.Backend, error) {
	if workspace == "" {
		return nil, fmt.Errorf("open target %q: a platform target needs workspace", opts.Target.Name)
	}
	creds, err := credentials(opts, url, platform.EnvAPIKey)
	if err != nil {
		return nil, err
	}
	c, err := platform.New(platform.Options{
		BaseURL: url, APIKey: creds[0], Workspace: workspace,
		HTTPClient: hc, RateWindow: window, Logger: opts.Logger, Now: opts.Now, Sleep: opts.Sleep,
		OnWait: opts.OnWait,
	})
	if err != nil {
		return nil, fmt.Errorf("open target %q: %w", opts.Target.Name, err)
	}
	return backend.Platform(c), nil
}

// nopCloser closes nothing: a URL target holds no resources.
type nopCloser struct{}

// Close does nothing.
func (nopCloser) Close() error { return nil }
