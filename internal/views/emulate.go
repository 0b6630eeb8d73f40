package views

import (
	"fmt"
	"io"
	"sync"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/emulate"
)

// EmulateFormatVersion is the format_version of every line of
// `emulate --output json`.
const EmulateFormatVersion = "1.0"

// Emulate shows what `amigosync emulate` serves and its request counters.
// Its methods may be called from several goroutines (the counters are
// printed while serving).
type Emulate interface {
	// Serving shows what is served: the base URLs, the organization and
	// workspace, the credentials accepted and where state is kept.
	Serving(cfg emulate.Config, classicURL, platformURL string) error
	// Stats shows the request counters; final is true for the last ones,
	// once serving has ended.
	Stats(classic, platform emukit.Stats, final bool) error
	// Failed shows why the emulators could not be served and returns the
	// error for Run to return.
	Failed(err error) error
}

// NewEmulate returns the view for format.
func NewEmulate(format Format, v *View) Emulate {
	if format == FormatJSON {
		return &EmulateJSON{view: v}
	}
	return &EmulateHuman{view: v}
}

// EmulateHuman prints the banner and the counters as text on stdout.
type EmulateHuman struct {
	mu   sync.Mutex
	view *View
}

// Serving prints the banner and how to stop.
func (h *EmulateHuman) Serving(cfg emulate.Config, classicURL, platformURL string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := emulate.Banner(h.view.Stdout, cfg, classicURL, platformURL); err != nil {
		return fmt.Errorf("write banner: %w", err)
	}
	_, err := io.WriteString(h.view.Stdout, "serving; stop with Ctrl-C\n")
	return err
}

// Stats prints the counters of both emulators.
func (h *EmulateHuman) Stats(classic, platform emukit.Stats, _ bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return emulate.WriteStats(h.view.Stdout, classic, platform)
}

// Failed returns err for main to print on stderr.
func (h *EmulateHuman) Failed(err error) error { return err }

// EmulateJSON prints one JSON object per line on stdout (JSON Lines), each
// with "format_version" and "type": "serving" (see [EmulateServing]) once,
// "stats" (see [EmulateStats]) with every report of the counters, and
// "error" (see [EmulateError]) when serving could not start.
type EmulateJSON struct {
	mu   sync.Mutex
	view *View
}

// EmulateServing is the "serving" line.
type EmulateServing struct {
	FormatVersion string `json:"format_version"`
	Type          string `json:"type"` // "serving"
	Classic       struct {
		URL          string `json:"url"`
		Organization string `json:"organization"`
		APIKey       Secret `json:"x-api-key"`
		APIKeyID     Secret `json:"x-api-key-id"`
		UserID       Secret `json:"x-user-id"`
		State        string `json:"state"` // state file; "" when in memory
	} `json:"classic"`
	Platform struct {
		URL          string `json:"url"`
		Workspace    string `json:"workspace"`
		BackendOrgID string `json:"backend_org_id"`
		APIKey       Secret `json:"api_key"` // the bearer key
		State        string `json:"state"`
	} `json:"platform"`
}

// Secret is a credential the emulators accept: its value when it is a
// demo value, or the environment variable it was read from (whose value
// is never shown).
type Secret struct {
	Value string `json:"value"` // "" when read from the environment
	Env   string `json:"env"`   // "" for a demo value
}

// EmulateStats is a "stats" line: requests per endpoint and status
// (status "0" counts dropped connections).
type EmulateStats struct {
	FormatVersion string       `json:"format_version"`
	Type          string       `json:"type"` // "stats"
	Final         bool         `json:"final"`
	Classic       emukit.Stats `json:"classic"`
	Platform      emukit.Stats `json:"platform"`
}

// EmulateError is an "error" line.
type EmulateError struct {
	FormatVersion string `json:"format_version"`
	Type          string `json:"type"` // "error"
	Message       string `json:"message"`
}

// Serving prints the "serving" line.
func (j *EmulateJSON) Serving(cfg emulate.Config, classicURL, platformURL string) error {
	out := EmulateServing{FormatVersion: EmulateFormatVersion, Type: "serving"}
	c := cfg.Credentials
	out.Classic.URL, out.Classic.Organization, out.Classic.State = classicURL, cfg.Org, cfg.Classic.State
	out.Classic.APIKey, out.Classic.APIKeyID, out.Classic.UserID = secret(c.APIKey), secret(c.APIKeyID), secret(c.UserID)
	out.Platform.URL, out.Platform.Workspace, out.Platform.BackendOrgID = platformURL, cfg.Workspace, cfg.Org
	out.Platform.APIKey, out.Platform.State = secret(c.PlatformAPIKey), cfg.Platform.State
	return j.line(out)
}

// secret shows a demo value, or only the variable of an environment value.
func secret(s emulate.Secret) Secret {
	if s.Env != "" {
		return Secret{Env: s.Env}
	}
	return Secret{Value: s.Value}
}

// Stats prints a "stats" line.
func (j *EmulateJSON) Stats(classic, platform emukit.Stats, final bool) error {
	if classic == nil {
		classic = emukit.Stats{}
	}
	if platform == nil {
		platform = emukit.Stats{}
	}
	return j.line(EmulateStats{FormatVersion: EmulateFormatVersion, Type: "stats", Final: final, Classic: classic, Platform: platform})
}

// Failed prints an "error" line and returns a [ShownError].
func (j *EmulateJSON) Failed(err error) error {
	if werr := j.line(EmulateError{FormatVersion: EmulateFormatVersion, Type: "error", Message: err.Error()}); werr != nil {
		return fmt.Errorf("%w (and %w)", err, werr)
	}
	return &ShownError{Err: err}
}

// line writes one line under the lock.
func (j *EmulateJSON) line(v any) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return writeJSONLine(j.view.Stdout, v)
}
