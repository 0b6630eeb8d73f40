package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/views"
)

// runCLI runs the command line in-process and returns its exit status and output.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	streams := &IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code = run(context.Background(), args, streams)
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
		wantErr  string
	}{
		{"version", []string{"version"}, 0, []string{"amigosync dev"}, ""},
		{"version as JSON", []string{"version", "--output", "json"}, 0, []string{`"format_version": "1.0"`, `"version": "dev"`, `"platform": "`}, ""},
		{"help", []string{"--help"}, 0, []string{"Usage: amigosync", "AMIGO_PLATFORM_API_KEY", "Exit status: 0 success, 1 error", "emulate", "validate"}, ""},
		{"emulate help", []string{"emulate", "--help"}, 0, []string{"Usage: amigosync emulate", "Values from the environment are never printed", "Fault injection", "--fault-seed", "amigosync emulate --state .emu/"}, ""},
		{"unknown command", []string{"frobnicate"}, 1, nil, "amigosync: unexpected argument frobnicate\nRun \"amigosync --help\" for usage.\n"},
		{"unknown flag", []string{"emulate", "--bogus"}, 1, nil, "amigosync: unknown flag --bogus\nRun \"amigosync emulate --help\" for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.wantCode, errOut)
			}
			for _, want := range tt.wantOut {
				if !strings.Contains(out, want) {
					t.Errorf("stdout does not contain %q:\n%s", want, out)
				}
			}
			if errOut != tt.wantErr {
				t.Errorf("stderr %q, want %q", errOut, tt.wantErr)
			}
		})
	}
}

// codedError is an error of another package that chooses its exit status.
type codedError struct{ code int }

func (e codedError) Error() string { return fmt.Sprintf("changes present (%d)", e.code) }
func (e codedError) ExitCode() int { return e.code }

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode int
		wantErr  string
	}{
		{"success", nil, 0, ""},
		{"plain error", errors.New("serve: boom"), 1, "amigosync: serve: boom\n"},
		{"silent exit", &exitError{code: 1}, 1, ""},
		{"shown by the view", fmt.Errorf("validate: %w", &views.ShownError{Err: errors.New("no such directory")}), 1, ""},
		{"exit with cause", fmt.Errorf("validate: %w", &exitError{code: 1, err: errors.New("3 errors")}), 1, "amigosync: validate: 3 errors\n"},
		{"wrapped exit coder", fmt.Errorf("plan: %w", codedError{code: 2}), 2, "amigosync: plan: changes present (2)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := exitStatus(tt.err, &stderr); got != tt.wantCode || stderr.String() != tt.wantErr {
				t.Errorf("exitStatus = %d, stderr %q; want %d, %q", got, stderr.String(), tt.wantCode, tt.wantErr)
			}
		})
	}
}
