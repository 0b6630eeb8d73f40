package emulate

import (
	"net/http"
	"path/filepath"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// StateDir is where the embedded target keeps its state, under a project
// directory.
const StateDir = ".amigosync/emulator"

// Base URLs of the embedded target. The .invalid names never resolve, so a
// client that forgets the Target's transport fails at once instead of
// reaching anything. They are https because the clients refuse plain http
// to anything but loopback; the in-process transports ignore the scheme.
const (
	EmbeddedClassicURL  = "https://classic.embedded.invalid"
	EmbeddedPlatformURL = "https://platform.embedded.invalid"
)

// Target is the embedded emulator: both APIs served in-process over state
// files under a project directory.
type Target struct {
	*Emulators
	// ClassicURL and PlatformURL are the base URLs to give the clients;
	// they resolve nowhere, so requests must go through the transports.
	ClassicURL, PlatformURL string
	// ClassicTransport and PlatformTransport serve the requests in-process.
	ClassicTransport, PlatformTransport http.RoundTripper
}

// Embedded starts the embedded target for the project in dir: the state of
// the two emulators lives in dir/.amigosync/emulator/classic.json and
// platform.json (created on the first change), overriding cfg's files;
// clients reach them through the returned transports.
//
// The rate limits are the documented ones per real minute unless
// cfg.Kit.Window scales the minute down, e.g. to time.Second for a quick
// local plan/apply; pace clients with [Emulators.RateWindow].
func Embedded(dir string, cfg Config) (*Target, error) {
	cfg.Classic = Files{State: filepath.Join(dir, StateDir, "classic.json")}
	cfg.Platform = Files{State: filepath.Join(dir, StateDir, "platform.json")}
	emus, err := New(cfg)
	if err != nil {
		return nil, err
	}
	return &Target{
		Emulators:         emus,
		ClassicURL:        EmbeddedClassicURL,
		PlatformURL:       EmbeddedPlatformURL,
		ClassicTransport:  emukit.Transport(emus.Classic.Handler()),
		PlatformTransport: emukit.Transport(emus.Platform.Handler()),
	}, nil
}
