// Package emulate runs the Classic and Platform API emulators together: on
// loopback listeners for `amigosync emulate` ([Listen], [Served.Serve]), or
// in-process over state files under a project's .amigosync/ directory for
// the embedded target ([Embedded]), where clients reach them through an
// http.RoundTripper instead of a socket.
//
// It owns the defaults both share: the organization (demo), the workspace
// (a fixed uuid whose backend_org_id is that organization) and the accepted
// credentials, read from the same environment variables the clients read or
// fixed demo values. A credential read from the environment is never shown:
// [Secret.String] names its variable instead.
//
// It does not implement any endpoint; see pkg/classic/emulator and
// pkg/platform/emulator, and pkg/emukit for rate limits and faults.
package emulate
