package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/spec"
)

// TestInitValidateApplyPlan: the project init writes validates, applies to
// its embedded emulator, and is then in sync (plan --detailed-exitcode
// exits 0), in both dialects: what a new user does first.
func TestInitValidateApplyPlan(t *testing.T) {
	for _, d := range []spec.Dialect{spec.DialectClassic, spec.DialectPlatform} {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "project")
			steps := []struct {
				args     []string
				wantCode int
				wantOut  string
			}{
				{[]string{"init", "--api", string(d), dir}, 0, "Created a " + string(d) + " project in " + dir + ":\n"},
				{[]string{"validate", "--strict", dir}, 0, ""},
				{[]string{"plan", "--detailed-exitcode", dir}, 2, "Plan: 3 to create, 2 new versions, 2 to update, 0 to remove.\n"},
				{[]string{"apply", "--auto-approve", dir}, 0, "Apply complete: 3 created, 2 new versions, 2 updated, 0 removed in "},
				{[]string{"plan", "--detailed-exitcode", dir}, 0, "No changes."},
			}
			for _, s := range steps {
				code, out, errOut := runCLI(t, nil, s.args...)
				if code != s.wantCode || !strings.Contains(out, s.wantOut) {
					t.Fatalf("amigosync %s: exit %d, want %d, and stdout with %q:\n%s%s",
						strings.Join(s.args, " "), code, s.wantCode, s.wantOut, out, errOut)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, ".amigosync", "emulator")); err != nil {
				t.Errorf("the embedded emulator kept no state in the project: %v", err)
			}
		})
	}
}

// TestCIWorkflowOnEmbeddedEmulator runs the example workflow's own amigosync
// command lines, job by job, on a project init wrote, with the target set
// to its embedded emulator: the pull request's plan finds the changes (exit
// 2 under --detailed-exitcode) as markdown and main's apply makes them;
// after a change that staging picks up and release (pinned by number) does
// not, the promote job sets release to staging's versions, live and in the
// manifest, and the pull request's plan then finds nothing to do. So the
// workflow's commands do what its comments say, not only parse.
func TestCIWorkflowOnEmbeddedEmulator(t *testing.T) {
	wf := readWorkflow(t, ciWorkflow)
	if _, ok := wf.Env["AMIGOSYNC_TARGET"]; !ok {
		t.Fatalf("%s sets no AMIGOSYNC_TARGET for the whole workflow", ciWorkflow)
	}
	wf.Env["AMIGOSYNC_TARGET"] = "local" // init's embedded target
	service := wf.On.WorkflowDispatch.Inputs["service"]
	service.Default = "front-desk" // init's service
	wf.On.WorkflowDispatch.Inputs["service"] = service
	byJob := map[string][]workflowCommand{}
	for _, c := range wf.amigosyncCommands(ciWorkflow) {
		byJob[c.job] = append(byJob[c.job], c)
	}
	dir := filepath.Join(t.TempDir(), "project")
	if code, out, errOut := runCLI(t, nil, "init", dir); code != 0 {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	t.Chdir(dir) // the workflow runs at the root of the checkout
	const release = "    release:\n      agent: %s\n      context_graph: %s\n"
	runs := []struct {
		job     string
		edit    func(t *testing.T) // before the job, as a merged pull request would
		want    map[string]int     // exit status per command
		wantOut map[string]string
	}{
		{"plan", nil, map[string]int{"validate": 0, "plan": 2}, map[string]string{"plan": "**Plan: 3 to create, 2 new versions, 2 to update, 0 to remove.**"}},
		{"apply", nil, map[string]int{"validate": 0, "apply": 0}, map[string]string{"apply": "Apply complete: 3 created"}},
		{"apply", func(t *testing.T) {
			editFile(t, ".", "services/front-desk.yaml", fmt.Sprintf(release, "current", "current"), fmt.Sprintf(release, "1", "1"))
			editFile(t, ".", "agents/assistant.yaml", "knows its opening hours.", "knows its opening hours and prices.")
		}, map[string]int{"validate": 0, "apply": 0}, map[string]string{"apply": "1 new version"}},
		{"promote", nil, map[string]int{"promote": 0}, nil},
		{"plan", func(t *testing.T) {
			if b, err := os.ReadFile("services/front-desk.yaml"); err != nil || !strings.Contains(string(b), fmt.Sprintf(release, "2", "1")) {
				t.Fatalf("promote --write left services/front-desk.yaml without release pinning agent 2 (%v):\n%s", err, b)
			}
		}, map[string]int{"validate": 0, "plan": 0}, map[string]string{"plan": "No changes."}},
	}
	for _, r := range runs {
		if r.edit != nil {
			r.edit(t)
		}
		runJob(t, r.job, byJob[r.job], r.want, r.wantOut)
	}
}

// runJob runs a job's amigosync commands in-process and checks each one's
// exit status and output.
func runJob(t *testing.T, job string, commands []workflowCommand, want map[string]int, wantOut map[string]string) {
	t.Helper()
	if len(commands) == 0 {
		t.Fatalf("%s: job %s runs no amigosync command", ciWorkflow, job)
	}
	for _, c := range commands {
		name := c.args[0]
		code, out, errOut := runCLI(t, nil, c.args...)
		wantCode, ok := want[name]
		if !ok {
			t.Fatalf("%s: job %s runs amigosync %s, which this test does not expect", c.pos, job, name)
		}
		if code != wantCode || !strings.Contains(out, wantOut[name]) {
			t.Fatalf("%s: amigosync %s: exit %d, want %d, and stdout with %q:\n%s%s",
				c.pos, strings.Join(c.args, " "), code, wantCode, wantOut[name], out, errOut)
		}
	}
}
