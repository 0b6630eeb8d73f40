// Package schemas holds the JSON Schemas (draft 2020-12) of the amigosync
// manifest kinds, one per kind and API dialect, plus the project file's, and
// embeds them in the binary. pkg/spec compiles and applies them; this package
// only carries the files.
//
// Besides standard keywords the schemas use two annotations that validators
// ignore and pkg/spec reads: "x-message", a plain-language message shown
// instead of the validator's wording, and "x-code", the diagnostic code.
package schemas

import "embed"

//go:embed *.json
var files embed.FS

// FS returns the embedded schema files (common.json, project.json and
// <kind>.<dialect>.json such as contextgraph.classic.json).
func FS() embed.FS { return files }
