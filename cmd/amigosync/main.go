// Command amigosync keeps Amigo agent configuration (agents, context graphs,
// services and their version sets) in git: it validates manifests offline,
// and serves emulators of the Classic and Platform APIs for tests and demos.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/alecthomas/kong"
)

// Version is the tool version, set at build time with
// -ldflags "-X main.Version=v1.2.3".
var Version = "dev"

// CLI is the command tree. Each command lives in its own file and has a
// Run(ctx context.Context, io *IO) error method.
type CLI struct {
	Emulate  EmulateCmd  `cmd:"" help:"Serve the Classic and Platform API emulators on loopback."`
	Validate ValidateCmd `cmd:"" help:"Check manifests offline: syntax, schemas, context-graph rules and references."`
	Version  VersionCmd  `cmd:"" help:"Print the amigosync version."`
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

// exitCoder is implemented by errors that choose the process exit status.
type exitCoder interface{ ExitCode() int }

// exitError is an error that sets the exit status without being printed
// again (the command has already reported it).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }
func (e *exitError) ExitCode() int { return e.code }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], &IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// run parses args, runs the chosen command and returns the exit status.
func run(ctx context.Context, args []string, streams *IO) int {
	var cli CLI
	exited := -1
	parser, err := kong.New(&cli,
		kong.Name("amigosync"),
		kong.Description("Version control for Amigo AI agent configuration: validate manifests offline and run the API emulators."),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.Writers(streams.Stdout, streams.Stderr),
		kong.Exit(func(code int) { exited = code; panic(kongExit{}) }),
		kong.BindTo(ctx, (*context.Context)(nil)),
		kong.Bind(streams),
	)
	if err != nil {
		fmt.Fprintf(streams.Stderr, "amigosync: %v\n", err)
		return 1
	}
	code := func() (code int) {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(kongExit); ok {
					code = exited
					return
				}
				panic(r)
			}
		}()
		kctx, err := parser.Parse(args)
		if err != nil {
			fmt.Fprintf(streams.Stderr, "amigosync: %v\n", err)
			return 1
		}
		if err := kctx.Run(); err != nil {
			var ec exitCoder
			if errors.As(err, &ec) {
				var silent *exitError
				if !errors.As(err, &silent) || silent.err != nil {
					fmt.Fprintf(streams.Stderr, "amigosync: %v\n", err)
				}
				return ec.ExitCode()
			}
			fmt.Fprintf(streams.Stderr, "amigosync: %v\n", err)
			return 1
		}
		return 0
	}()
	return code
}

// kongExit unwinds the parser when --help or a usage error asks to exit.
type kongExit struct{}
