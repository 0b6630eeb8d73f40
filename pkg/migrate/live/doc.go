// Package live is the I/O half of `amigosync migrate`, around the pure
// translation of pkg/migrate: it reads a Classic organization into a
// migrate.Source (lists, then the versions the translation needs, through
// the version cache), checks that a Platform workspace maps to that
// organization (backend_org_id), and finds what an earlier migration
// already created in the workspace, by the id map it wrote and by content,
// so that a second run creates nothing twice.
//
// It talks to the APIs only through pkg/backend and pkg/cache, and links
// no emulator.
package live
