// Package views renders what each amigosync command has to say, for people
// and for programs, so that commands only parse flags, call the packages
// that do the work and hand the results to their view. It follows
// Terraform's internal/command/views.
//
// The pattern, for every command (validate, emulate and version today;
// plan and apply next):
//
//   - An interface named after the command (Validate, Emulate, Version)
//     with one method per thing the command reports (Results, Serving,
//     Stats, Failed, ...). Methods take the domain values (a *spec.Bundle
//     and its spec.Diagnostics, an emulate.Config), never preformatted
//     strings, and return the error of writing.
//   - Two implementations, <Command>Human and <Command>JSON, chosen once by
//     New<Command>(format, ..., *View) from the command's --output flag
//     (a kong enum of "text" and "json"). Run never tests the format.
//   - They write only to the injected streams of the [View] (the command's
//     IO, so tests capture them), never to os.Stdout. Human output puts
//     results on stdout and summaries on stderr; JSON output is one
//     versioned object (or, for a command that runs on, one object per
//     line) on stdout and nothing on stderr.
//   - JSON documents carry "format_version" (major.minor; a new minor only
//     adds keys) and are described in the README's "JSON output" section.
//     Every key is always present, so consumers need no defaults.
//   - Text from manifests, file names and the environment goes through
//     internal/safetext, so one problem is one line and no terminal code
//     gets through.
//   - When a command cannot run at all, Failed(err) shows the error in the
//     view's form and returns the error Run should return: the error
//     itself for people (main prints it on stderr), or a [ShownError] after
//     the JSON form has reported it (main then prints nothing more).
//
// A new command adds a file here with its interface, both implementations
// and a golden test of each (internal/golden, testdata/).
package views
