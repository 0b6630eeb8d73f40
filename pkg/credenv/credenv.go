// Package credenv names the environment variables that hold the API
// credentials, and nothing else. The clients (pkg/classic, pkg/platform)
// export these names as their own (classic.EnvAPIKey, platform.EnvAPIKey,
// ...); pkg/spec names them in its messages about credentials in project
// files. spec must not import the clients (that would link net/http and
// the whole HTTP layer into the offline validator, and make the clients
// unable ever to use spec's model), so the one definition lives here, in a
// package without dependencies that both can import.
//
// It does not read the environment: callers inject getenv.
package credenv

// The variables, one per credential.
const (
	// ClassicAPIKey holds the Classic x-api-key.
	ClassicAPIKey = "AMIGO_API_KEY"
	// ClassicAPIKeyID holds the Classic x-api-key-id.
	ClassicAPIKeyID = "AMIGO_API_KEY_ID"
	// ClassicUserID holds the Classic x-user-id.
	ClassicUserID = "AMIGO_USER_ID"
	// PlatformAPIKey holds the Platform bearer key.
	PlatformAPIKey = "AMIGO_PLATFORM_API_KEY"
)

// ClassicList names the three Classic variables as a phrase for messages
// and help: "AMIGO_API_KEY, AMIGO_API_KEY_ID and AMIGO_USER_ID".
const ClassicList = ClassicAPIKey + ", " + ClassicAPIKeyID + " and " + ClassicUserID

// Summary names every variable with its dialect, for messages that tell a
// user what to set: "AMIGO_API_KEY, AMIGO_API_KEY_ID and AMIGO_USER_ID
// (classic) or AMIGO_PLATFORM_API_KEY (platform)".
const Summary = ClassicList + " (classic) or " + PlatformAPIKey + " (platform)"

// Classic returns the Classic variables in the order the client takes the
// credentials: key, key id, user id.
func Classic() []string { return []string{ClassicAPIKey, ClassicAPIKeyID, ClassicUserID} }

// Platform returns the Platform variables.
func Platform() []string { return []string{PlatformAPIKey} }
