// Package ci_test checks the example CI workflows of examples/ci with
// actionlint, the linter GitHub Actions users run on their workflows. That
// every amigosync command line of a workflow parses with the real CLI is
// checked in cmd/amigosync (ciworkflow_test.go), where the CLI is.
package ci_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the GitHub Actions example.
const workflow = "github-actions.yml"

// TestWorkflowPassesActionlint runs actionlint, at the version go.mod pins
// as a tool, on the workflow and fails on any finding. actionlint leaves
// out what it cannot check without saying so (the inputs of an action
// missing from its data set, the run: scripts when shellcheck is not
// installed), so its debug log is read for those too.
func TestWorkflowPassesActionlint(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command runs actionlint (go tool actionlint): %v", err)
	}
	shellcheck := shellcheckPath(t)
	// -pyflakes= : the workflow has no Python step (TestWorkflowHasNoPythonStep),
	// so whether pyflakes is installed must not change the result.
	cmd := exec.Command(goTool, "tool", "actionlint", "-debug", "-oneline", "-no-color",
		"-shellcheck="+shellcheck, "-pyflakes=", workflow)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if stdout.Len() > 0 {
		t.Errorf("actionlint found problems in %s:\n%s", workflow, stdout.String())
	}
	unchecked := []struct{ log, why string }{
		{"This action is not found in popular actions data set",
			"actionlint does not know this action, so its inputs go unchecked: use an action and version of actionlint's data set"},
		{"This action skips to check inputs", "actionlint does not check this action's inputs"},
	}
	if shellcheck != "" {
		unchecked = append(unchecked, struct{ log, why string }{`Rule "shellcheck" was disabled`, "the run: scripts were not checked"})
	}
	for _, u := range unchecked {
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.Contains(line, u.log) {
				t.Errorf("%s: %s (%s)", workflow, u.why, strings.TrimSpace(line))
			}
		}
	}
	var exit *exec.ExitError
	if errors.As(runErr, &exit) && exit.ExitCode() == 1 && stdout.Len() > 0 {
		return // 1: problems found, reported above
	}
	if runErr != nil {
		t.Fatalf("go tool actionlint %s: %v\n%s", workflow, runErr, lastLines(stderr.String(), 20))
	}
}

// shellcheckPath is the shellcheck that actionlint runs on the run:
// scripts. Without one, actionlint silently checks no script: that fails
// under CI (.ci/run installs Debian's shellcheck) and is logged locally.
func shellcheckPath(t *testing.T) string {
	p, err := exec.LookPath("shellcheck")
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("shellcheck is not installed, so actionlint would not check the run: scripts (.ci/run installs it): %v", err)
	}
	t.Logf("shellcheck is not installed: the run: scripts are not checked (apt-get install shellcheck)")
	return ""
}

// TestWorkflowHasNoPythonStep keeps -pyflakes= above honest: a Python
// step would go unchecked.
func TestWorkflowHasNoPythonStep(t *testing.T) {
	data, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name  string `yaml:"name"`
				Shell string `yaml:"shell"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", workflow, err)
	}
	for job, j := range wf.Jobs {
		for i, s := range j.Steps {
			if strings.HasPrefix(s.Shell, "python") {
				t.Errorf("%s: job %s, step %d (%s) is a Python step, which actionlint checks only with pyflakes", workflow, job, i+1, s.Name)
			}
		}
	}
}

// lastLines is the end of a long log.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
