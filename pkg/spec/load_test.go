package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// minimalGraph is a valid Platform graph; tests edit copies of it.
const minimalGraph = `apiVersion: amigosync/v1
kind: ContextGraph
metadata:
  name: mini
spec:
  new_user_initial_state: start
  returning_user_initial_state: start
  terminal_state: end
  states:
    - type: action
      name: start
      objective: Greet.
      actions: [{description: Say hello.}]
      exit_conditions: [{description: Done., next_state: end}]
    - type: action
      name: end
      objective: Leave.
      actions: [{description: Say goodbye.}]
`

func codes(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

func TestLoaderFiles(t *testing.T) {
	v := newTestValidator(t)
	huge := make([]byte, MaxFileSize+1)
	for i := range huge {
		huge[i] = '#'
	}
	tests := []struct {
		name      string
		files     map[string]string
		wantCodes []string
		wantDocs  int
	}{
		{"yml extension and other files ignored", map[string]string{"g.yml": minimalGraph, "notes.txt": "::"}, nil, 1},
		{"hidden and state directories skipped", map[string]string{
			"g.yaml": minimalGraph, ".amigosync/state.yaml": "{{{", ".git/x.yaml": "{{{", "sub/.hidden.yaml": "{{{",
		}, nil, 1},
		{"nested directories read", map[string]string{"a/b/c/g.yaml": minimalGraph}, nil, 1},
		{"multi-document file with separators", map[string]string{
			"g.yaml": "---\n" + minimalGraph + "---\n" + strings.Replace(minimalGraph, "name: mini", "name: mini2", 1) + "---\n",
		}, nil, 2},
		{"huge file refused", map[string]string{"g.yaml": minimalGraph, "big.yaml": string(huge)}, []string{CodeFileTooLarge}, 1},
		{"only comments", map[string]string{"g.yaml": minimalGraph, "c.yaml": "# todo\n"}, []string{CodeFileEmpty}, 1},
		{"empty directory", map[string]string{"README.md": "hi"}, []string{CodeNoManifests}, 0},
		{"scalar document", map[string]string{"g.yaml": minimalGraph, "s.yaml": "just a string\n"}, []string{CodeWrongType}, 1},
		{"unsupported tag", map[string]string{"g.yaml": strings.Replace(minimalGraph, "objective: Greet.", "objective: !custom Greet.", 1)},
			[]string{CodeYAMLValue}, 1}, // decoded without the refused value
		{"anchors and merge keys", map[string]string{"g.yaml": strings.Replace(strings.Replace(minimalGraph,
			"    - type: action\n      name: start\n", "    - &base\n      type: action\n      name: start\n", 1),
			"    - type: action\n      name: end\n      objective: Leave.\n      actions: [{description: Say goodbye.}]\n",
			"    - <<: *base\n      name: end\n      exit_conditions: []\n", 1)}, []string{}, 1},
		{"tab indentation", map[string]string{"g.yaml": minimalGraph, "t.yaml": "kind: Agent\nmetadata:\n\tname: x\n"},
			[]string{CodeYAMLSyntax}, 1},
		{"deep nesting", map[string]string{"g.yaml": minimalGraph + strings.Repeat("[", 300) + strings.Repeat("]", 300)},
			[]string{CodeYAMLSyntax}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			b, diags := v.Validate(fsys, Options{})
			got := codes(diags)
			if strings.Join(got, ",") != strings.Join(tt.wantCodes, ",") {
				t.Errorf("codes = %v, want %v\n%v", got, tt.wantCodes, diags)
			}
			if len(b.ContextGraphs) != tt.wantDocs {
				t.Errorf("read %d graphs, want %d", len(b.ContextGraphs), tt.wantDocs)
			}
		})
	}
}

func TestVariables(t *testing.T) {
	v := newTestValidator(t)
	project := "targets:\n  t:\n    api: classic\n    embedded: true\n" +
		"    vars: {V: 3, NAME: billing, ID: 65a1b2c3d4e5f60718293a4b, BIG: 10000000, PHONE: 5550100, YEAR: '2024'}\n"
	graph := func(refs string) string {
		return `apiVersion: amigosync/v1
kind: ContextGraph
metadata: {name: g}
spec:
  description: "Escaped $${vars.NAME} stays; call ${vars.PHONE}"
  new_user_initial_state: a
  returning_user_initial_state: a
  terminal_state: a
  references:
    r:
` + refs + `
  states:
    - {type: action, name: a, objective: o, actions: [x]}
`
	}
	tests := []struct {
		name        string
		refs        string
		wantCodes   string
		wantVersion int // 0: not checked
	}{
		{"plain variable takes the value's type", "      id: ${vars.ID}\n      version: ${vars.V}", "", 3},
		{"quoted variable stays a string", "      id: ${vars.ID}\n      version: '${vars.V}'", CodePinInvalid, 0},
		{"unknown variable", "      id: ${vars.IDS}\n      version: 1", CodeVarUnknown, 0},
		{"large number variable", "      id: ${vars.ID}\n      version: ${vars.BIG}", "", 10000000},
		{"whole number written as a float", "      id: ${vars.ID}\n      version: 1e7", "", 10000000},
		{"string variable stays a string", "      id: ${vars.ID}\n      version: ${vars.YEAR}", CodePinInvalid, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, diags := v.Validate(fstest.MapFS{
				"amigosync.yaml": {Data: []byte(project)},
				"g.yaml":         {Data: []byte(graph(tt.refs))},
			}, Options{})
			if got := strings.Join(codes(diags), ","); got != tt.wantCodes {
				t.Fatalf("codes = %q, want %q: %v", got, tt.wantCodes, diags)
			}
			if tt.wantCodes == "" {
				g := b.ContextGraphs[0].Spec
				if g.References["r"].Version != (Pin{Kind: PinNumber, Number: tt.wantVersion}) || g.Description != "Escaped ${vars.NAME} stays; call 5550100" {
					t.Errorf("references = %+v, description = %q", g.References, g.Description)
				}
			}
		})
	}
}

func TestTargets(t *testing.T) {
	v := newTestValidator(t)
	two := "default_target: local\ntargets:\n  local: {api: platform, embedded: true}\n" +
		"  old: {api: classic, url: 'https://api.amigo.ai', org: acme}\n"
	tests := []struct {
		name        string
		project     string
		target      string
		wantTarget  string
		wantDialect Dialect
		wantCodes   string
	}{
		{"no project file: embedded platform", "", "", DefaultTargetName, DialectPlatform, ""},
		{"no project file, unknown target: a stand-in", "", "prod", "", DialectPlatform, CodeTargetUnknown},
		{"default target", two, "", "local", DialectPlatform, ""},
		{"chosen target sets the dialect", two, "old", "old", DialectClassic, CodeDialectMismatch},
		{"embedded and url", "targets:\n  x: {api: platform, embedded: true, url: 'https://x', workspace: 0b7c5a62-3f1e-4c8a-9d2b-6e4f1a2b3c4d}\n", "", "x", DialectPlatform, CodeTargetEndpoint},
		{"org on a platform target", "targets:\n  x: {api: platform, url: 'https://x', workspace: 0b7c5a62-3f1e-4c8a-9d2b-6e4f1a2b3c4d, org: o}\n", "", "x", DialectPlatform, CodeTargetEndpoint},
		{"bad api: a stand-in, error", "targets:\n  x: {api: graphql, embedded: true}\n", "", "", DialectPlatform, CodeBadValue},
		{"token refused", "targets:\n  x: {api: platform, embedded: true, bearer_token: fake-key-123}\n", "", "x", DialectPlatform, CodeProjectCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"g.yaml": {Data: []byte(minimalGraph)}}
			if tt.project != "" {
				fsys[ProjectFile] = &fstest.MapFile{Data: []byte(tt.project)}
			}
			b, diags := v.Validate(fsys, Options{Target: tt.target})
			if got := strings.Join(codes(diags), ","); !strings.Contains(got, tt.wantCodes) || (tt.wantCodes == "" && got != "") {
				t.Errorf("codes = %q, want %q: %v", got, tt.wantCodes, diags)
			}
			if b.Target.Name != tt.wantTarget || b.Dialect() != tt.wantDialect {
				t.Errorf("target = %s (%s), want %s (%s)", b.Target.Name, b.Dialect(), tt.wantTarget, tt.wantDialect)
			}
			if standIn := tt.wantTarget == ""; standIn != (b.TargetProblem != "") {
				t.Errorf("TargetProblem = %q; want one only for a stand-in (%v)", b.TargetProblem, standIn)
			}
			for _, d := range diags {
				if strings.Contains(d.String(), "fake-key-123") {
					t.Errorf("a credential value leaked into a diagnostic: %s", d)
				}
			}
		})
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	v := newTestValidator(t)
	g := strings.Replace(minimalGraph, "    - type: action\n      name: end\n",
		"    - {type: annotation, name: orphan, inner_thought: t, next_state: end}\n    - type: action\n      name: end\n", 1)
	fsys := fstest.MapFS{"g.yaml": {Data: []byte(g)}}
	for _, strict := range []bool{false, true} {
		_, diags := v.Validate(fsys, Options{Strict: strict})
		if len(diags) != 1 || diags[0].Code != CodeStateUnreachable || diags.HasErrors() != strict {
			t.Errorf("strict=%v: %v (has errors %v)", strict, diags, diags.HasErrors())
		}
	}
}

func TestValidateConcurrently(t *testing.T) {
	v := newTestValidator(t)
	fsys := fstest.MapFS{"g.yaml": {Data: []byte(minimalGraph)}}
	done := make(chan Diagnostics)
	for i := 0; i < 4; i++ {
		go func() {
			_, diags := v.Validate(fsys, Options{})
			done <- diags
		}()
	}
	for i := 0; i < 4; i++ {
		if diags := <-done; len(diags) > 0 {
			t.Errorf("unexpected diagnostics: %v", diags)
		}
	}
}

// TestSymlinkedManifests checks that a symbolic link to a manifest is read
// (it used to be skipped without a word, so the resource looked deleted), a
// broken link is reported, and a link to a directory is not followed.
func TestSymlinkedManifests(t *testing.T) {
	root := t.TempDir()
	shared, proj := filepath.Join(root, "shared"), filepath.Join(root, "proj")
	for _, d := range []string{shared, proj} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(shared, "graph.yaml"), []byte(minimalGraph), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{"graph.yaml": "../shared/graph.yaml", "gone.yaml": "../shared/none.yaml", "linked": "../shared"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(proj, name)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	b, diags := newTestValidator(t).Validate(os.DirFS(proj), Options{})
	if got := strings.Join(codes(diags), ","); got != CodeFileRead {
		t.Errorf("codes = %q, want only %s for gone.yaml: %v", got, CodeFileRead, diags)
	}
	if len(diags) == 1 && diags[0].Range.File != "gone.yaml" {
		t.Errorf("file-read reported for %s, want gone.yaml", diags[0].Range.File)
	}
	if len(b.ContextGraphs) != 1 {
		t.Errorf("read %d graphs, want 1 (through the link, and not again through the linked directory)", len(b.ContextGraphs))
	}
}

// TestVariablesWithUnusableTarget checks that when the target cannot be
// used, an unknown variable says why instead of claiming that the target
// defines no variables.
func TestVariablesWithUnusableTarget(t *testing.T) {
	v := newTestValidator(t)
	graph := strings.Replace(minimalGraph, "objective: Greet.", "objective: Greet for ${vars.CLINIC}.", 1)
	good := "targets:\n  local: {api: platform, embedded: true, vars: {CLINIC: Example}}\n"
	tests := []struct {
		name, project, target, want string
	}{
		{"project file with errors", "targets: ~\n", "", "because of the problems reported in amigosync.yaml"},
		{"unknown --target", good, "staging", `because target "staging" is not defined`},
		{"unknown default_target", "default_target: prod\n" + good, "", "because default_target is not one of the targets"},
		{"usable target", good, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := v.Validate(fstest.MapFS{
				"amigosync.yaml": {Data: []byte(tt.project)},
				"g.yaml":         {Data: []byte(graph)},
			}, Options{Target: tt.target})
			var got []string
			for _, d := range diags {
				if d.Code == CodeVarUnknown {
					got = append(got, d.Summary)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("unexpected var-unknown: %q", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want) || strings.Contains(got[0], "defines no variables")):
				t.Errorf("var-unknown = %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// TestByteOrderMarkPerDocument checks that a byte order mark at the start
// of a later document (files joined with cat) is not read as part of the
// first key.
func TestByteOrderMarkPerDocument(t *testing.T) {
	agent := "apiVersion: amigosync/v1\nkind: Agent\nmetadata:\n  name: %s\nspec:\n" +
		"  identity: {name: Ava, role: Receptionist, developed_by: Example, default_spoken_language: eng}\n"
	for _, sep := range []string{"---\n", "---\r\n", "...\n---\n"} {
		data := "\ufeff" + fmt.Sprintf(agent, "a") + sep + "\ufeff" + fmt.Sprintf(agent, "b")
		b, diags := newTestValidator(t).Validate(fstest.MapFS{"a.yaml": {Data: []byte(data)}}, Options{})
		if len(diags) > 0 || len(b.Agents) != 2 {
			t.Errorf("separator %q: %d agents, diagnostics %v", sep, len(b.Agents), diags)
		}
	}
}

// TestIntegersAsWritten: an integer YAML would read differently from how
// it is written (a leading zero is octal to YAML) is refused where it is,
// and a sign is dropped, so no value reaches JSON in a form it cannot read.
func TestIntegersAsWritten(t *testing.T) {
	v := newTestValidator(t)
	graph := func(version string) string {
		return `apiVersion: amigosync/v1
kind: ContextGraph
metadata: {name: g}
spec:
  description: d
  new_user_initial_state: a
  returning_user_initial_state: a
  terminal_state: a
  references:
    r: {id: 65a1b2c3d4e5f60718293a4b, version: ` + version + `}
  states:
    - {type: action, name: a, objective: o, actions: [x]}
`
	}
	project := func(vars string) string {
		return "targets:\n  t:\n    api: classic\n    embedded: true\n    vars: {" + vars + "}\n"
	}
	tests := []struct {
		name, project, graph string
		wantCodes, wantAt    string // wantAt: file:line:col of the first diagnostic
		wantSummary          string
		wantVersion          int
	}{
		{"leading zero in a variable", project("PHONE: 0123"), graph("1"), CodeYAMLValue, "amigosync.yaml:5:19",
			`0123 has a leading zero, which YAML reads as the octal number 83; quote it ("0123") to keep it as text`, 0},
		{"leading zero in a pin", project("A: b"), graph("007"), CodeYAMLValue, "g.yaml:", "007 has a leading zero", 0},
		{"negative with a leading zero", project("A: b"), graph("-01"), CodeYAMLValue, "g.yaml:", "-01 has a leading zero", 0},
		{"quoted leading zero is text", project(`PHONE: "0123"`), graph("1"), "", "", "", 1},
		{"plus sign dropped", project("A: b"), graph("+2"), "", "", "", 2},
		{"zero itself", project("Z: 0"), graph("1"), "", "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, diags := v.Validate(fstest.MapFS{
				"amigosync.yaml": {Data: []byte(tt.project)},
				"g.yaml":         {Data: []byte(tt.graph)},
			}, Options{})
			// A project file in error leaves its target unknown, and the
			// dialect checks then say more: only the first code counts.
			if got := codes(diags); (len(got) == 0) != (tt.wantCodes == "") || len(got) > 0 && got[0] != tt.wantCodes {
				t.Fatalf("codes = %q, want %q first: %v", got, tt.wantCodes, diags)
			}
			if tt.wantCodes != "" {
				d := diags[0]
				at := fmt.Sprintf("%s:%d:%d", d.Range.File, d.Range.Start.Line, d.Range.Start.Col)
				if !strings.HasPrefix(at, tt.wantAt) || !strings.Contains(d.Summary, tt.wantSummary) {
					t.Errorf("diagnostic at %s: %q; want at %s containing %q", at, d.Summary, tt.wantAt, tt.wantSummary)
				}
				return
			}
			if got := b.ContextGraphs[0].Spec.References["r"].Version; got != NumberPin(tt.wantVersion) {
				t.Errorf("pin = %+v, want %d", got, tt.wantVersion)
			}
		})
	}
}
