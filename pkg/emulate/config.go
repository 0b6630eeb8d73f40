package emulate

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	classicemu "github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
	platformemu "github.com/amigosync/amigosync/pkg/platform/emulator"
)

// Defaults of the organization and workspace served.
const (
	DefaultOrg           = "demo"
	DefaultWorkspace     = platformemu.DefaultWorkspaceID
	DefaultWorkspaceName = "Demo workspace"
	// DemoPlatformAPIKey is the Platform key accepted when
	// AMIGO_PLATFORM_API_KEY is unset; obviously fake.
	DemoPlatformAPIKey = platformemu.DefaultAPIKey
)

// Secret is a credential value and where it came from. Its String never
// shows a value read from the environment.
type Secret struct {
	Value string // the credential itself
	Env   string // the variable it was read from; "" for a demo value
}

// String shows a demo value as is and an environment value as
// "(from NAME)", so printing a Secret never leaks a real credential.
func (s Secret) String() string {
	if s.Env != "" {
		return "(from " + s.Env + ")"
	}
	return s.Value
}

// GoString is String, so that %#v of a Config or Credentials (which fmt
// prints field by field, calling GoString, not String) shows no value read
// from the environment either.
func (s Secret) GoString() string { return s.String() }

// LogValue is what slog records: String.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON encodes String, so that a Config in a JSON document or a
// JSON log line (slog's JSON handler encodes nested structs with
// encoding/json) shows no value read from the environment.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Credentials are the credentials the emulators accept.
type Credentials struct {
	APIKey, APIKeyID, UserID Secret // Classic sign-in headers
	PlatformAPIKey           Secret // Platform bearer key
}

// CredentialsFromEnv reads the credentials from the environment variables
// the clients name (classic.EnvAPIKey, classic.EnvAPIKeyID,
// classic.EnvUserID, platform.EnvAPIKey), using the demo values for
// variables that are unset or empty.
func CredentialsFromEnv(getenv func(string) string) Credentials {
	demo := classicemu.DefaultCredentials()
	pick := func(env, fallback string) Secret {
		if v := getenv(env); v != "" {
			return Secret{Value: v, Env: env}
		}
		return Secret{Value: fallback}
	}
	return Credentials{
		APIKey:         pick(classic.EnvAPIKey, demo.APIKey),
		APIKeyID:       pick(classic.EnvAPIKeyID, demo.APIKeyID),
		UserID:         pick(classic.EnvUserID, demo.UserID),
		PlatformAPIKey: pick(platform.EnvAPIKey, DemoPlatformAPIKey),
	}
}

// Files are one emulator's state file ("" keeps state in memory) and seed
// file (the initial state when the state file does not exist yet).
type Files struct {
	State string // state file, loaded at start and saved after every change
	Seed  string // initial state when State does not exist yet
}

// Config configures both emulators. Zero fields take the defaults.
type Config struct {
	Org           string // Classic organization served; default "demo"
	Workspace     string // uuid of the one workspace served
	WorkspaceName string // its display name
	// Credentials accepted; the zero value means the demo values.
	Credentials   Credentials
	TokenLifetime time.Duration // Classic token lifetime; default one hour
	// Kit is the rate-limit, fault and clock configuration; each emulator
	// gets its own Kit (and counters) built from it. Kit.Window is the
	// length of the documented "minute" of every rate limit: time.Minute
	// (the real limits) when zero; scale it down (e.g. time.Second) so that
	// local runs and tests are not held to real minutes.
	Kit      emukit.Options
	Classic  Files // state and seed files of the Classic emulator
	Platform Files // state and seed files of the Platform emulator
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// withDefaults fills the zero fields of c and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if c.Org == "" {
		c.Org = DefaultOrg
	}
	if c.Workspace == "" {
		c.Workspace = DefaultWorkspace
	}
	if !uuidPattern.MatchString(c.Workspace) {
		return c, fmt.Errorf("workspace %q is not a uuid", c.Workspace)
	}
	if c.WorkspaceName == "" {
		c.WorkspaceName = DefaultWorkspaceName
	}
	if c.Credentials == (Credentials{}) {
		c.Credentials = CredentialsFromEnv(func(string) string { return "" })
	}
	if c.TokenLifetime <= 0 {
		c.TokenLifetime = time.Hour
	}
	if c.Kit.Window <= 0 {
		c.Kit.Window = time.Minute
	}
	return c, nil
}

// StateFiles names the two state files for a --state argument: in a
// directory (an existing one, or a name without an extension), classic.json
// and platform.json; for a file name such as emu.json, emu.classic.json and
// emu.platform.json beside it.
func StateFiles(path string, isDir bool) (classic, platform string) {
	if isDir || filepath.Ext(path) == "" {
		return filepath.Join(path, "classic.json"), filepath.Join(path, "platform.json")
	}
	base := path[:len(path)-len(filepath.Ext(path))]
	return base + ".classic.json", base + ".platform.json"
}
