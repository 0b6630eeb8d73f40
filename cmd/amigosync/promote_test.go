package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/internal/views"
	"github.com/amigosync/amigosync/pkg/emulate"
)

// scrubDir is scrub, with the project directory dir as DIR too.
func scrubDir(out, dir string) string { return strings.ReplaceAll(scrub(out), dir, "DIR") }

// stagedProject is `amigosync init`'s project of dialect d applied with
// release pinning agent v1 and staging agent v2 (the agent changed since).
func stagedProject(t *testing.T, dir string) {
	t.Helper()
	editFile(t, dir, "services/front-desk.yaml", "release:\n      agent: current", "release:\n      agent: 1")
	editFile(t, dir, "agents/assistant.yaml", "knows its opening hours", "knows its opening hours by heart")
	// v1 of the agent first, then v2.
	if code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", "--only", "Agent/assistant", dir); code != 0 {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
	editFile(t, dir, "agents/assistant.yaml", "knows its opening hours by heart", "knows its opening hours")
	if code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", dir); code != 0 {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
	editFile(t, dir, "agents/assistant.yaml", "knows its opening hours", "knows its opening hours by heart")
	if code, out, errOut := runCLI(t, nil, "apply", "--auto-approve", dir); code != 0 {
		t.Fatalf("apply: exit %d\n%s%s", code, out, errOut)
	}
}

func TestPromoteCommand(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		code, out, errOut := runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", dir)
		if code != 1 || !strings.Contains(errOut, "promote again with --auto-approve") || !strings.Contains(out, "~ agent: 1 → 3") {
			t.Fatalf("promote without a terminal: exit %d\n%s%s", code, out, errOut)
		}
		code, out, errOut = runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", "--auto-approve", dir)
		if code != 0 {
			t.Fatalf("promote: exit %d\n%s%s", code, out, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "promote", dialectOf(t, dir)+".txt"), []byte(scrubDir(out, dir)))
		code, out, _ = runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", dir)
		if code != 0 || out != "No changes. Version set release of service front-desk already pins what staging pins.\n" {
			t.Errorf("a second promote: exit %d\n%s", code, out)
		}
		// Only release moved: the manifest's staging (current) still matches.
		code, out, _ = runCLI(t, nil, "plan", dir)
		if code != 0 || strings.Contains(out, "version set staging") || !strings.Contains(out, "~ service front-desk: version set release") {
			t.Errorf("plan after promote: exit %d\n%s", code, out)
		}
	})
}

// dialectOf reads the api of a project made by newProject.
func dialectOf(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "amigosync.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "api: platform") {
		return "platform"
	}
	return "classic"
}

func TestPromoteWrite(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		editFile(t, dir, "services/front-desk.yaml", "    release:\n", "    # What customers get; promote moves it.\n    release:   # set by promote\n")
		code, out, errOut := runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", "--write", "--auto-approve", dir)
		if code != 0 || !strings.Contains(out, "Wrote the pins of version set release to ") {
			t.Fatalf("promote --write: exit %d\n%s%s", code, out, errOut)
		}
		b, err := os.ReadFile(filepath.Join(dir, "services", "front-desk.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "promote", "write-"+dialectOf(t, dir)+".yaml"), b)
		noChanges(t, dir)
	})
}

// pinMissing makes version set set of every service of the project's
// embedded emulator pin agent version n, as a set does whose service was
// moved to another agent outside amigosync: the state file is edited
// while no emulator serves it.
func pinMissing(t *testing.T, dir, set string, n int) {
	t.Helper()
	for _, name := range []string{"classic.json", "platform.json"} {
		file := filepath.Join(dir, emulate.StateDir, name)
		b, err := os.ReadFile(file)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var state any
		if err := json.Unmarshal(b, &state); err != nil {
			t.Fatal(err)
		}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if sets, ok := v["version_sets"].(map[string]any); ok {
					if s, ok := sets[set].(map[string]any); ok {
						s["agent_version_number"] = n
					}
				}
				for _, c := range v {
					walk(c)
				}
			case []any:
				for _, c := range v {
					walk(c)
				}
			}
		}
		walk(state)
		if b, err = json.MarshalIndent(state, "", "  "); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPromoteRefusals(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		code, _, errOut := runCLI(t, nil, "promote", "front-desk", "--from", "canary", "--to", "release", "--auto-approve", dir)
		if code != 1 || errOut != "amigosync: target \"local\": service front-desk has no version set canary (it has edge, release, staging)\n" &&
			errOut != "amigosync: target \"local\": service front-desk has no version set canary (it has release, staging)\n" {
			t.Errorf("promote of a set that does not exist: exit %d, %s", code, errOut)
		}
		code, _, errOut = runCLI(t, nil, "promote", "nope", "--from", "staging", "--to", "release", "--auto-approve", dir)
		if code != 1 || errOut != "amigosync: target \"local\" has no service called nope\n" {
			t.Errorf("promote of a service that does not exist: exit %d, %s", code, errOut)
		}
		pinMissing(t, dir, "staging", 9)
		code, out, errOut := runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", "--auto-approve", dir)
		want := "amigosync: target \"local\": service front-desk: version set staging pins agent assistant v9, which does not exist (its versions are 1 to 3)\n"
		if code != 1 || errOut != want || out != "" {
			t.Errorf("promote of a set pinning a missing version: exit %d\n%s%s", code, out, errOut)
		}
		code, out, _ = runCLI(t, nil, "plan", dir)
		if code != 0 || !strings.Contains(out, "~ agent: 9 → 3") || strings.Contains(out, "version set release") {
			t.Errorf("after the refusal, release is unchanged: plan exit %d\n%s", code, out)
		}
	})
}

func TestRollbackCommand(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		code, out, errOut := runCLI(t, nil, "rollback", "front-desk", "--set", "staging", "--previous", "--agent-only", "--auto-approve", "--write", dir)
		if code != 0 || !strings.Contains(out, "~ agent: 3 → 2") {
			t.Fatalf("rollback --previous --agent-only: exit %d\n%s%s", code, out, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "promote", "rollback-"+dialectOf(t, dir)+".txt"), []byte(scrubDir(out, dir)))
		noChanges(t, dir)
		b, _ := os.ReadFile(filepath.Join(dir, "services", "front-desk.yaml"))
		if !strings.Contains(string(b), "    staging:\n      agent: 2\n      context_graph: current\n") {
			t.Errorf("the manifest after rollback --write: only the agent pin moves:\n%s", b)
		}
		tests := []struct {
			args    []string
			code    int
			stdout  string
			stderr  string
			release string // the plan afterwards shows this change of release, or none
		}{
			{[]string{"--set", "release", "--to", "7"}, 1, "",
				"amigosync: target \"local\": service front-desk: cannot pin agent assistant v7 in version set release: that version does not exist (its versions are 1 to 3)\nservice front-desk: cannot pin context graph front-desk v7 in version set release: that version does not exist (its only version is 1)\n", ""},
			{[]string{"--set", "release", "--previous"}, 1, "",
				"amigosync: target \"local\": service front-desk: version set release pins agent assistant v1, and no earlier version exists to roll back to (--graph-only rolls back the context graph alone)\nservice front-desk: version set release pins context graph front-desk v1, and no earlier version exists to roll back to (--agent-only rolls back the agent alone)\n", ""},
			{[]string{"--set", "release", "--to", "3"}, 1, "", "amigosync: target \"local\": service front-desk: cannot pin context graph front-desk v3 in version set release: that version does not exist (its only version is 1)\n", ""},
			{[]string{"--set", "release", "--to", "agent=3,graph=1"}, 0, "", "", "~ agent: 3 → 1"},
			{[]string{"--set", "release", "--to", "2", "--agent-only"}, 0, "", "", "~ agent: 2 → 1"},
			{[]string{"--set", "release", "--to", "agent=2"}, 0, "No changes. Version set release of service front-desk already pins those versions.\n", "", "~ agent: 2 → 1"},
			{[]string{"--set", "nope", "--previous"}, 1, "", "amigosync: target \"local\": service front-desk has no version set nope (it has ", "~ agent: 2 → 1"},
			{[]string{"--set", "release"}, 1, "", "amigosync: say where to roll back to: --previous, or --to N (or --to agent=N,graph=M)\n", "~ agent: 2 → 1"},
		}
		for _, tt := range tests {
			args := append(append([]string{"rollback", "front-desk"}, tt.args...), "--auto-approve", dir)
			code, out, errOut := runCLI(t, nil, args...)
			if code != tt.code || (tt.stdout != "" && out != tt.stdout) || (tt.code == 1 && out != "") || !strings.HasPrefix(errOut, tt.stderr) || (tt.stderr == "" && errOut != "") {
				t.Errorf("rollback %s: exit %d\n%s%s", strings.Join(tt.args, " "), code, out, errOut)
			}
			_, plan, _ := runCLI(t, nil, "plan", dir)
			if tt.release != "" && !strings.Contains(plan, tt.release) || tt.release == "" && strings.Contains(plan, "version set release") {
				t.Errorf("after rollback %s, plan:\n%s", strings.Join(tt.args, " "), plan)
			}
		}
	})
}

// TestPromoteAcrossTargets promotes staging of the project's embedded
// target to release of a second target, an `amigosync emulate` server:
// the agent version staging pins is copied there as a new version, the
// identical context graph version found, and both pinned.
func TestPromoteAcrossTargets(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		api := dialectOf(t, dir)
		emu := startEmulate(t, nil, "--state", t.TempDir(), "--rate-window", "100ms")
		url, scope := emu.classicURL, "org: "+emulate.DefaultOrg
		if api == "platform" {
			url, scope = emu.platformURL, "workspace: "+emulate.DefaultWorkspace
		}
		editFile(t, dir, "amigosync.yaml", "targets:\n", "targets:\n  prod:\n    api: "+api+"\n    url: "+url+"\n    "+scope+"\n    rate_window: 100ms\n    vars:\n      COMPANY: Example Company\n")
		env := map[string]string{"AMIGO_API_KEY": "demo-api-key", "AMIGO_API_KEY_ID": "demo-api-key-id", "AMIGO_USER_ID": "demo-user", "AMIGO_PLATFORM_API_KEY": emulate.DemoPlatformAPIKey}
		// prod holds the agent as it was at v1: its manifest then.
		editFile(t, dir, "agents/assistant.yaml", "knows its opening hours by heart", "knows its opening hours")
		if code, out, errOut := runCLI(t, env, "apply", "--auto-approve", "--target", "prod", dir); code != 0 {
			t.Fatalf("apply to prod: exit %d\n%s%s", code, out, errOut)
		}
		editFile(t, dir, "agents/assistant.yaml", "knows its opening hours", "knows its opening hours by heart")
		args := []string{"promote", "front-desk", "--from", "staging", "--to", "release", "--from-target", "local", "--to-target", "prod", "--auto-approve", dir}
		code, out, errOut := runCLI(t, env, args...)
		if code != 0 {
			t.Fatalf("promote across targets: exit %d\n%s%s", code, out, errOut)
		}
		golden.Check(t, filepath.Join("testdata", "promote", "across-"+api+".txt"), []byte(scrubDir(out, dir)))
		code, out, _ = runCLI(t, env, args...)
		if code != 0 || !strings.HasPrefix(out, "No changes.") {
			t.Errorf("a second promote across targets: exit %d\n%s", code, out)
		}
		// prod's release now pins its v2, a copy of local's v3: what the
		// manifest's staging means there too.
		editFile(t, dir, "services/front-desk.yaml", "release:\n      agent: 1", "release:\n      agent: 2")
		code, out, _ = runCLI(t, env, "plan", "--target", "prod", dir)
		if code != 0 || strings.Contains(out, "version set release") || strings.Contains(out, "agent assistant") {
			t.Errorf("plan of prod after the promote: exit %d\n%s", code, out)
		}
		code, _, errOut = runCLI(t, env, "promote", "front-desk", "--from", "staging", "--to", "release", "--from-target", "local", "--to-target", "local", dir)
		if code != 1 || !strings.Contains(errOut, `targets "local" and "local" are both the embedded emulator of `) {
			t.Errorf("promote from a target to itself: exit %d, %s", code, errOut)
		}
	})
}

// TestPromoteJSON: --output json is apply's JSON Lines, and a refusal is
// one error line on stdout.
func TestPromoteJSON(t *testing.T) {
	bothDialects(t, 0, func(t *testing.T, dir string) {
		stagedProject(t, dir)
		code, out, errOut := runCLI(t, nil, "promote", "front-desk", "--from", "staging", "--to", "release", "--auto-approve", "--output", "json", dir)
		if code != 0 || errOut != "" {
			t.Fatalf("promote --output json: exit %d\n%s%s", code, out, errOut)
		}
		if got := jsonTypes(t, out); strings.Join(got, ",") != "plan,start,done,summary" {
			t.Errorf("line types %v, want plan, start, done, summary", got)
		}
		code, out, errOut = runCLI(t, nil, "rollback", "front-desk", "--set", "release", "--to", "agent=9", "--auto-approve", "--output", "json", dir)
		if got := jsonTypes(t, out); code != 1 || errOut != "" || strings.Join(got, ",") != "error" || !strings.Contains(out, "cannot pin agent assistant v9") {
			t.Errorf("a refused rollback --output json: exit %d, types %v\n%s%s", code, got, out, errOut)
		}
	})
}

// jsonTypes reads apply's JSON Lines and returns each line's type.
func jsonTypes(t *testing.T, out string) []string {
	t.Helper()
	var types []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l views.ApplyLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("not a JSON line: %v\n%s", err, line)
		}
		types = append(types, l.Type)
	}
	return types
}
