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
	target, err := startEmbedded(opts)
	if err != nil {
		return nil, nil, err
	}
	b, err := embeddedBackend(opts, target)
	if err != nil {
		return nil, nil, errors.Join(err, target.Close())
	}
	return b, target, nil
}

// startEmbedded starts the embedded emulator of the project in opts.Dir.
func startEmbedded(opts Options) (*emulate.Target, error) {
	if opts.Dir == "" {
		return nil, fmt.Errorf("open embedded target %q: the project directory is required", opts.Target.Name)
	}
	kit := emukit.Options{Window: opts.Target.RateWindow, Now: opts.Now}
	target, err := emulate.Embedded(opts.Dir, emulate.Config{Kit: kit})
	if err != nil {
		return nil, fmt.Errorf("open embedded target %q: %w", opts.Target.Name, err)
	}
	return target, nil
}

// embeddedBackend is the Backend of opts.Target on the running embedded
// emulator, with its demo credentials.
func embeddedBackend(opts Options, target *emulate.Target) (backend.Backend, error) {
	cfg := target.Config()
	creds := map[string]string{
		classic.EnvAPIKey: cfg.Credentials.APIKey.Value, classic.EnvAPIKeyID: cfg.Credentials.APIKeyID.Value,
		classic.EnvUserID: cfg.Credentials.UserID.Value, platform.EnvAPIKey: cfg.Credentials.PlatformAPIKey.Value,
	}
	opts.Getenv = func(name string) string { return creds[name] }
	if opts.Target.API == spec.DialectClassic {
		return openClassic(opts, target.ClassicURL, cfg.Org, &http.Client{Transport: target.ClassicTransport}, target.RateWindow())
	}
	return openPlatform(opts, target.PlatformURL, cfg.Workspace, &http.Client{Transport: target.PlatformTransport}, target.RateWindow())
}

// OpenPair opens two targets of one project at once, such as migrate's
// Classic organization and Platform workspace. Two embedded targets share
// one embedded emulator, which serves both APIs over the project's one
// state directory (a second emulator on it would be refused); they need
// the same rate_window. The Closer releases both.
func OpenPair(ctx context.Context, opts Options, a, b spec.Target) (backend.Backend, backend.Backend, io.Closer, error) {
	if !a.Embedded || !b.Embedded {
		return openEach(ctx, opts, a, b)
	}
	if a.RateWindow != b.RateWindow {
		return nil, nil, nil, fmt.Errorf("embedded targets %q and %q share one emulator, so they need the same rate_window, not %s and %s", a.Name, b.Name, a.RateWindow, b.RateWindow)
	}
	for _, t := range []spec.Target{a, b} {
		if t.API != spec.DialectClassic && t.API != spec.DialectPlatform {
			return nil, nil, nil, fmt.Errorf("open target %q: api must be classic or platform, not %q", t.Name, t.API)
		}
	}
	opts.Target = a
	emu, err := startEmbedded(opts)
	if err != nil {
		return nil, nil, nil, err
	}
	ba, err := embeddedBackend(opts, emu)
	if err != nil {
		return nil, nil, nil, errors.Join(err, emu.Close())
	}
	opts.Target = b
	bb, err := embeddedBackend(opts, emu)
	if err != nil {
		return nil, nil, nil, errors.Join(err, emu.Close())
	}
	return ba, bb, emu, nil
}

// openEach opens a and b one after the other.
func openEach(ctx context.Context, opts Options, a, b spec.Target) (backend.Backend, backend.Backend, io.Closer, error) {
	opts.Target = a
	ba, ca, err := Open(ctx, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	opts.Target = b
	bb, cb, err := Open(ctx, opts)
	if err != nil {
		return nil, nil, nil, errors.Join(err, ca.Close())
	}
	return ba, bb, closers{ca, cb}, nil
}

// closers closes each of its closers.
type closers []io.Closer

// Close closes every closer and joins their errors.
func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
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
