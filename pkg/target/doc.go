// Package target opens the Backend of a project target (amigosync.yaml):
// the embedded emulator, in-process over state files under the project's
// .amigosync/ directory, or a client of a URL with credentials read only
// from the environment (the variables the clients name: classic.EnvAPIKey,
// classic.EnvAPIKeyID, classic.EnvUserID, platform.EnvAPIKey).
//
// It is the one package between the commands and the backends that links
// the emulators, so that pkg/backend, pkg/plan and pkg/apply stay free of
// them (a test checks their dependencies). It does not plan or apply; it
// only wires a target's settings (its URL, scope, credentials and
// rate_window) into a client and a Backend.
package target
