package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/amigosync/amigosync/pkg/spec"
)

// errNotTTY is why confirmation cannot be asked: the errors of
// confirmCommand wrap it, so that a command may say it its own way.
var errNotTTY = errors.New("stdin is not a terminal")

// confirm asks on the terminal whether to apply the plan shown.
func confirm(ctx context.Context, streams *IO) error { return confirmCommand(ctx, streams, "apply") }

// confirmCommand asks on the terminal whether to apply the plan command
// (apply, promote, rollback) has shown. Without a terminal it refuses:
// --auto-approve is the only way to skip the question.
func confirmCommand(ctx context.Context, streams *IO, command string) error {
	if !isTerminal(streams.Stdin) {
		return fmt.Errorf("%w, so %s cannot ask for confirmation; review the plan, then run %s again with --auto-approve", errNotTTY, command, command)
	}
	fmt.Fprint(streams.Stderr, "\nDo you want to apply these changes? Only 'yes' will be accepted: ")
	answer := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(streams.Stdin).ReadString('\n')
		answer <- strings.TrimSpace(line)
	}()
	select {
	case <-ctx.Done():
		return fmt.Errorf("%s cancelled before it started; nothing was changed: %w", command, ctx.Err())
	case a := <-answer:
		if a != "yes" {
			return fmt.Errorf("%s cancelled: only 'yes' applies the plan; nothing was changed", command)
		}
		return nil
	}
}

// projectTarget reads only the project file of dir (the default project
// when there is none) and returns its target name (the default target
// when name is ""): a saved plan needs the target, not the manifests,
// which may have changed since.
func projectTarget(dir, name string) (spec.Target, error) {
	if dir == "" {
		return spec.Target{}, errors.New("the project directory is an empty name; give . for the current directory")
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return spec.Target{}, fmt.Errorf("%s is a file, not a project directory: give the directory that holds %s", dir, spec.ProjectFile)
	}
	fsys := fstest.MapFS{}
	file := filepath.Join(dir, spec.ProjectFile)
	switch b, err := os.ReadFile(file); {
	case err == nil:
		fsys[spec.ProjectFile] = &fstest.MapFile{Data: b}
	case !errors.Is(err, os.ErrNotExist):
		return spec.Target{}, fmt.Errorf("read the project file %s: %w", file, err)
	}
	v, err := spec.NewValidator()
	if err != nil {
		return spec.Target{}, err
	}
	bundle, diags := v.Validate(fsys, spec.Options{Root: dir, Target: name})
	var msgs []string
	for _, d := range diags {
		if d.Severity == spec.SeverityError && d.Code != spec.CodeNoManifests {
			msgs = append(msgs, d.String())
		}
	}
	if len(msgs) > 0 {
		return spec.Target{}, fmt.Errorf("the project file cannot open a target:\n%s", strings.Join(msgs, "\n"))
	}
	return bundle.Target, nil
}
