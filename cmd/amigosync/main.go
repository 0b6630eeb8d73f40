// Command amigosync keeps Amigo agent configuration (agents, context graphs,
// services and their version sets) in git: it validates manifests offline,
// and serves emulators of the Classic and Platform APIs for tests and demos.
//
// It only wires: each command parses its flags and calls the packages that
// do the work (pkg/spec, pkg/emulate, ...), writing to the injected IO
// streams. No manifest, API or emulator logic lives here.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/credenv"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Version is the tool version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "dev"

// CLI is the command tree. Each command lives in its own file and has a
// Run(ctx context.Context, io *IO) error method that parses its flags,
// calls the packages that do the work and hands the results to its view
// (internal/views: Human and JSON implementations over io's streams, chosen
// once from --output).
type CLI struct {
	Apply    ApplyCmd    `cmd:"" help:"Apply the plan of a directory (after confirmation), or a saved plan, with version guards."`
	Emulate  EmulateCmd  `cmd:"" help:"Serve the Classic and Platform API emulators on loopback."`
	Export   ExportCmd   `cmd:"" help:"Write the live state of a target as manifests, one file per resource."`
	Graph    GraphCmd    `cmd:"" help:"Draw a context graph as a Mermaid flowchart or Graphviz DOT."`
	Init     InitCmd     `cmd:"" help:"Write a new project: amigosync.yaml and one example manifest of each kind."`
	Migrate  MigrateCmd  `cmd:"" help:"Move a Classic organization to a Platform workspace: translate, report, and (with --apply) apply."`
	Plan     PlanCmd     `cmd:"" help:"Show the ordered, guarded changes that would make the live state match the manifests."`
	Promote  PromoteCmd  `cmd:"" help:"Set a service's version set to the versions another set pins (e.g. staging to release), with guards."`
	Rollback RollbackCmd `cmd:"" help:"Re-pin a service's version set to earlier versions that exist, with guards."`
	Validate ValidateCmd `cmd:"" help:"Check manifests offline: syntax, schemas, context-graph rules and references."`
	Version  VersionCmd  `cmd:"" help:"Print the amigosync version."`
}

// description is the long help of the tool.
const description = `Keeps Amigo agent configuration (agents, context graphs, services and
their version sets) in git: validate manifests offline, plan and apply them to a Classic
organization or a Platform workspace with version guards, and run local emulators of the
Classic and Platform APIs.

Credentials are read only from the environment: ` + credenv.Summary + `.

Exit status: 0 success, 1 error (a usage error, or a command that failed).`

// flagGroups titles the groups that commands put their flags in
// (`group:"key"` tags).
func flagGroups() []kong.Group {
	return []kong.Group{
		{Key: "network", Title: "Where to listen"},
		{Key: "served", Title: "What is served"},
		{Key: "state", Title: "State"},
		{Key: "limits", Title: "Rate limits"},
		{Key: "faults", Title: "Fault injection"},
	}
}

// helpVars are the ${name} variables of the commands' tags: lists that are
// defined once in the packages and only shown here.
func helpVars() kong.Vars {
	var kinds []string
	for _, k := range emukit.FaultKinds() {
		kinds = append(kinds, string(k))
	}
	return kong.Vars{
		"fault_kinds":      strings.Join(kinds, ","),
		"fault_kinds_help": emukit.FaultKindsHelp(),
	}
}

// IO carries the streams a command writes to, so that tests can capture them
// and no command touches os.Stdout directly.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
}

// view is the views' streams: the command's stdout and stderr.
func (s *IO) view() *views.View { return &views.View{Stdout: s.Stdout, Stderr: s.Stderr} }

// exitCoder is implemented by errors that choose the process exit status.
type exitCoder interface{ ExitCode() int }

// exitError is an error that sets the exit status without being printed
// again (the command has already reported it).
type exitError struct {
	code int
	err  error
}

// Error returns the cause's message, or "exit status N" without one.
func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// Unwrap returns the cause.
func (e *exitError) Unwrap() error { return e.err }

// ExitCode returns the exit status to use.
func (e *exitError) ExitCode() int { return e.code }

// exitInterrupted is the exit status after a second Ctrl-C, as a shell
// reports a process ended by SIGINT (128 + 2).
const exitInterrupted = 130

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	interrupts := make(chan os.Signal, 2)
	signal.Notify(interrupts, os.Interrupt)
	go func() {
		// The first Ctrl-C cancels ctx and asks the command to stop (apply
		// lets the steps in flight finish); a second one ends the process
		// at once, whatever the first left running.
		<-interrupts
		cancel()
		<-interrupts
		fmt.Fprintln(os.Stderr, "amigosync: interrupted again: stopping at once (run plan to see what remains)")
		os.Exit(exitInterrupted)
	}()
	code := run(ctx, os.Args[1:], &IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	cancel()
	os.Exit(code)
}

// run parses args, runs the chosen command and returns the exit status:
// 0 on success, 1 on a usage or command error, or what an error with an
// ExitCode method says.
func run(ctx context.Context, args []string, streams *IO) (code int) {
	var cli CLI
	parser, err := newParser(ctx, &cli, streams)
	if err != nil {
		fmt.Fprintf(streams.Stderr, "amigosync: %v\n", err)
		return 1
	}
	defer func() {
		if r := recover(); r != nil {
			exit, ok := r.(kongExit)
			if !ok {
				panic(r)
			}
			code = exit.code
		}
	}()
	kctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(streams.Stderr, "amigosync: %v\nRun %q for usage.\n", err, helpCommand(err))
		return 1
	}
	return exitStatus(kctx.Run(), streams.Stderr)
}

// newParser builds the command line parser over cli. Parsing fills cli and
// runs nothing; tests use it to check command lines written elsewhere (the
// CI workflow example) against the real flags.
func newParser(ctx context.Context, cli *CLI, streams *IO) (*kong.Kong, error) {
	return kong.New(cli,
		kong.Name("amigosync"),
		kong.Description(description),
		kong.ExplicitGroups(flagGroups()),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.Writers(streams.Stdout, streams.Stderr),
		kong.Exit(func(code int) { panic(kongExit{code: code}) }),
		kong.BindTo(ctx, (*context.Context)(nil)),
		kong.Bind(streams),
		kong.Vars(helpVars()),
	)
}

// helpCommand is the --help command line for the command a parse error is
// about ("amigosync emulate --help"), or the tool's.
func helpCommand(err error) string {
	var perr *kong.ParseError
	if errors.As(err, &perr) && perr.Context != nil && perr.Context.Command() != "" {
		return "amigosync " + perr.Context.Command() + " --help"
	}
	return "amigosync --help"
}

// exitStatus reports a command's error on stderr (unless it is a silent
// *exitError, or one the view has shown) and returns the exit status it
// calls for.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var silent *exitError
	var shown *views.ShownError
	if (!errors.As(err, &silent) || silent.err != nil) && !errors.As(err, &shown) {
		fmt.Fprintf(stderr, "amigosync: %v\n", err)
	}
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return 1
}

// kongExit unwinds the parser when --help asks to exit with code.
type kongExit struct{ code int }
