package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/credenv"
)

// ciWorkflow is the example GitHub Actions workflow (examples/ci tests it
// with actionlint).
var ciWorkflow = filepath.Join("..", "..", "examples", "ci", "github-actions.yml")

// workflowFile is what the tests read of a GitHub Actions workflow.
type workflowFile struct {
	Env map[string]string `yaml:"env"`
	On  struct {
		WorkflowDispatch struct {
			Inputs map[string]struct {
				Default string `yaml:"default"`
			} `yaml:"inputs"`
		} `yaml:"workflow_dispatch"`
	} `yaml:"on"`
	Jobs map[string]struct {
		Env   map[string]string `yaml:"env"`
		Steps []workflowStep    `yaml:"steps"`
	} `yaml:"jobs"`
}

type workflowStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Env  map[string]string `yaml:"env"`
	Run  yaml.Node         `yaml:"run"`
}

// workflowCommand is one amigosync command line of a run: script.
type workflowCommand struct {
	job  string
	pos  string // file:line
	args []string
	errs []string
}

func readWorkflow(t *testing.T, path string) *workflowFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflowFile
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &wf
}

// expression matches a ${{ ... }} expression of a workflow.
var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// plausible replaces each ${{ ... }} in s by a value it could have: an
// input's default (or "example-NAME"), the workflow's env value, a fake
// secret, or "example" for the rest (github.*, steps.*).
func (wf *workflowFile) plausible(s string) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		expr := expression.FindStringSubmatch(m)[1]
		switch ctx, name, _ := strings.Cut(expr, "."); ctx {
		case "inputs", "github.event.inputs":
			if in, ok := wf.On.WorkflowDispatch.Inputs[name]; ok && in.Default != "" {
				return in.Default
			}
			return "example-" + name
		case "env":
			if v, ok := wf.Env[name]; ok {
				return v
			}
		case "secrets":
			return "fake-secret"
		}
		return "example"
	})
}

// amigosyncCommands returns every amigosync command of the workflow's
// run: scripts, with the variables a runner sets and the workflow's env
// (workflow, job, step) expanded.
func (wf *workflowFile) amigosyncCommands(path string) []workflowCommand {
	var out []workflowCommand
	jobs := make([]string, 0, len(wf.Jobs))
	for name := range wf.Jobs {
		jobs = append(jobs, name)
	}
	sort.Strings(jobs)
	for _, job := range jobs {
		j := wf.Jobs[job]
		for _, step := range j.Steps {
			if step.Run.Value == "" {
				continue
			}
			vars := map[string]string{"RUNNER_TEMP": "/tmp/runner", "GITHUB_OUTPUT": "/tmp/output", "GITHUB_STEP_SUMMARY": "/tmp/summary"}
			for _, env := range []map[string]string{wf.Env, j.Env, step.Env} {
				for k, v := range env {
					vars[k] = wf.plausible(v)
				}
			}
			first := step.Run.Line // a block scalar's text starts on the next line
			if step.Run.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				first++
			}
			for _, c := range shellCommands(wf.plausible(step.Run.Value), vars) {
				if filepath.Base(c.words[0]) != "amigosync" {
					continue
				}
				pos := fmt.Sprintf("%s:%d", filepath.Base(path), first+c.line-1)
				out = append(out, workflowCommand{job: job, pos: pos, args: c.words[1:], errs: c.errs})
			}
		}
	}
	return out
}

// parseCommand parses args with the real command line, without running
// anything, and returns the filled CLI and the command's name.
func parseCommand(args []string) (*CLI, string, error) {
	var cli CLI
	parser, err := newParser(context.Background(), &cli, &IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	if err != nil {
		return nil, "", err
	}
	kctx, err := parser.Parse(args)
	if err != nil {
		return nil, "", err
	}
	return &cli, kctx.Selected().Name, nil
}

// TestCIWorkflowCommandsParse: every amigosync command line of the example
// workflow parses with the real CLI, and each job runs what the README says
// it does (checked on the parsed flags, not on the text).
func TestCIWorkflowCommandsParse(t *testing.T) {
	wf := readWorkflow(t, ciWorkflow)
	commands := wf.amigosyncCommands(ciWorkflow)
	if len(commands) == 0 {
		t.Fatalf("%s runs no amigosync command", ciWorkflow)
	}
	seen := map[string]bool{}
	for _, c := range commands {
		line := "amigosync " + strings.Join(c.args, " ")
		for _, e := range c.errs {
			t.Errorf("%s: %s: %s", c.pos, line, e)
		}
		cli, name, err := parseCommand(c.args)
		if err != nil {
			t.Errorf("%s: %s: %v", c.pos, line, err)
			continue
		}
		seen[c.job+" "+name] = true
		if name == "plan" && c.job == "plan" && (cli.Plan.Output != "markdown" || !cli.Plan.DetailedExitcode) {
			t.Errorf("%s: %s: the pull request's plan is posted as markdown and uses --detailed-exitcode", c.pos, line)
		}
		if name == "apply" && !cli.Apply.AutoApprove {
			t.Errorf("%s: %s: CI has no terminal to confirm on: apply needs --auto-approve", c.pos, line)
		}
		if name == "promote" && (!cli.Promote.AutoApprove || !cli.Promote.Write) {
			t.Errorf("%s: %s: promote needs --auto-approve in CI, and --write so that the manifest keeps the new pins", c.pos, line)
		}
	}
	for _, want := range []string{"plan validate", "plan plan", "apply validate", "apply apply", "promote promote"} {
		if !seen[want] {
			t.Errorf("%s: job %s does not run amigosync %s", ciWorkflow, strings.Fields(want)[0], strings.Fields(want)[1])
		}
	}
}

// TestCIWorkflowCredentials: each step that runs amigosync against the
// target gets every credential variable amigosync reads (pkg/credenv),
// from the repository secret of the same name, and nothing else AMIGO_.
// No other step gets a credential.
func TestCIWorkflowCredentials(t *testing.T) {
	wf := readWorkflow(t, ciWorkflow)
	if len(wf.Env) == 0 && len(wf.Jobs) == 0 {
		t.Fatalf("%s has no jobs", ciWorkflow)
	}
	want := slices.Concat(credenv.Classic(), credenv.Platform())
	sort.Strings(want)
	for k := range wf.Env {
		if strings.HasPrefix(k, "AMIGO_") {
			t.Errorf("%s: credential %s is set for the whole workflow; set it on the steps that need it", ciWorkflow, k)
		}
	}
	withCredentials := 0
	for job, j := range wf.Jobs {
		for k := range j.Env {
			if strings.HasPrefix(k, "AMIGO_") {
				t.Errorf("%s: job %s sets %s for every step; set it on the steps that need it", ciWorkflow, job, k)
			}
		}
		for _, step := range j.Steps {
			var got []string
			for k, v := range step.Env {
				if !strings.HasPrefix(k, "AMIGO_") {
					continue
				}
				got = append(got, k)
				if v != "${{ secrets."+k+" }}" {
					t.Errorf("%s: job %s, step %q: %s is %q, want ${{ secrets.%s }}", ciWorkflow, job, step.Name, k, v, k)
				}
			}
			if len(got) == 0 {
				continue
			}
			withCredentials++
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: job %s, step %q sets %v, want %v (pkg/credenv)", ciWorkflow, job, step.Name, got, want)
			}
			if step.Uses != "" {
				t.Errorf("%s: job %s, step %q hands the credentials to the action %s", ciWorkflow, job, step.Name, step.Uses)
			}
		}
	}
	if withCredentials == 0 {
		t.Errorf("%s: no step has the credentials (%v)", ciWorkflow, want)
	}
}

// TestWorkflowAmigosyncCommands: the command lines are found in every job
// and step, with expressions and the env of workflow, job and step
// substituted, and placed at their line of the file.
func TestWorkflowAmigosyncCommands(t *testing.T) {
	const file = `name: t
on:
  workflow_dispatch:
    inputs:
      service: {type: string, required: true}
      to: {type: string, default: release}
env:
  TARGET: prod
jobs:
  b:
    env: {SET: staging}
    steps:
      - uses: actions/checkout@v6
      - env:
          SERVICE: ${{ inputs.service }}
        run: |
          go install example.com/amigosync@latest
          amigosync promote "$SERVICE" \
            --from "$SET" --to ${{ inputs.to }} --target "${{ env.TARGET }}"
  a:
    steps:
      - run: "echo; amigosync plan --out \"$RUNNER_TEMP/p.json\" > /dev/null"
      - run: ./bin/amigosync validate "$UNSET"
`
	path := filepath.Join(t.TempDir(), "wf.yml")
	if err := os.WriteFile(path, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	got := readWorkflow(t, path).amigosyncCommands(path)
	want := []workflowCommand{
		{job: "a", pos: "wf.yml:22", args: []string{"plan", "--out", "/tmp/runner/p.json"}},
		{job: "a", pos: "wf.yml:23", args: []string{"validate", ""}, errs: []string{"$UNSET is not set by the workflow"}},
		{job: "b", pos: "wf.yml:18", args: []string{"promote", "example-service", "--from", "staging", "--to", "release", "--target", "prod"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(workflowCommand{})); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
}
