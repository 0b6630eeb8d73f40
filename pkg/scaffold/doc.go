// Package scaffold writes a new amigosync project: a project file with an
// embedded target (and commented URL targets to fill in), a .gitignore for
// the local state, and one valid example manifest of each kind (agent,
// context graph, service) in the chosen API dialect.
//
// The files are templates embedded from templates/<dialect>/; the tests
// validate them with pkg/spec, with the embedded target and with the
// commented URL target uncommented. It never overwrites anything: it
// refuses a directory that is not empty.
package scaffold
