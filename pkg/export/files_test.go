package export

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/amigosync/amigosync/pkg/spec"
)

func TestPath(t *testing.T) {
	tests := []struct {
		kind spec.Kind
		name string
		want string
	}{
		{spec.KindAgent, "intake-agent", "agents/intake-agent.yaml"},
		{spec.KindContextGraph, "billing_v2.1", "context-graphs/billing_v2.1.yaml"},
		{spec.KindService, "patient-intake", "services/patient-intake.yaml"},
		{spec.KindAgent, "Intake Agent", "agents/Intake%20Agent.yaml"},
		{spec.KindAgent, "../../etc/passwd", "agents/%2E.%2F..%2Fetc%2Fpasswd.yaml"},
		{spec.KindAgent, ".hidden", "agents/%2Ehidden.yaml"},
		{spec.KindAgent, "a/b", "agents/a%2Fb.yaml"},
		{spec.KindAgent, `a\b`, "agents/a%5Cb.yaml"},
		{spec.KindAgent, "100%", "agents/100%25.yaml"},
		{spec.KindAgent, "a%2Fb", "agents/a%252Fb.yaml"},
		{spec.KindAgent, "café", "agents/café.yaml"},
		{spec.KindAgent, "a:b", "agents/a%3Ab.yaml"},
		{spec.KindAgent, "bad\xffbyte", "agents/bad%FFbyte.yaml"},
		{spec.KindAgent, "", "agents/%.yaml"},
	}
	for _, tt := range tests {
		if got := Path(tt.kind, tt.name); got != tt.want {
			t.Errorf("Path(%s, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
}

func TestPathLongName(t *testing.T) {
	got := Path(spec.KindAgent, strings.Repeat("a", 300))
	if want := "agents/" + strings.Repeat("a", 183) + "~"; !strings.HasPrefix(got, want) || len(got) != len(want)+16+len(".yaml") {
		t.Errorf("Path of a 300-character name = %q, want %q, 16 hex digits and .yaml", got, want)
	}
	if got != Path(spec.KindAgent, strings.Repeat("a", 300)) {
		t.Error("Path of a long name is not stable")
	}
}

// TestPathDistinct checks that different names never share a file.
func TestPathDistinct(t *testing.T) {
	long := strings.Repeat("é", 256)
	names := []string{"a b", "a%20b", "a_b", "a/b", "a%2Fb", ".a", "%2Ea", "a.", "a..b", "é", "e\u0301", "", "%",
		long, long[:len(long)-2] + "e", strings.Repeat("/", 256), strings.Repeat("/", 255) + "x"}
	seen := map[string]string{}
	for _, n := range names {
		p := Path(spec.KindAgent, n)
		if base := path.Base(p); len(base) > 255 {
			t.Errorf("name %q gives a file name of %d bytes, more than file systems allow", n, len(base))
		}
		if other, ok := seen[p]; ok {
			t.Errorf("names %q and %q both map to %s", other, n, p)
		}
		seen[p] = n
	}
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWriteFiles(t *testing.T) {
	files := []File{{Path: "agents/a.yaml", Data: []byte("new a\n")}, {Path: "services/s.yaml", Data: []byte("new s\n")}}
	tests := []struct {
		name    string
		before  map[string]string // "" content makes a directory entry only
		force   bool
		files   []File
		wantErr string
	}{
		{name: "new directory", files: files},
		{name: "only the project file", before: map[string]string{"amigosync.yaml": "targets: {}\n"}, files: files},
		{name: "project file, state, git", before: map[string]string{"amigosync.yaml": "x", ".amigosync/emulator/classic.json": "{}",
			".git/HEAD": "ref", ".gitignore": ".amigosync/\n"}, files: files},
		{name: "not empty", before: map[string]string{"agents/old.yaml": "old", "notes.txt": "n"}, files: files,
			wantErr: "is not empty (it holds agents, notes.txt); export writes into an empty or new directory, or one holding only its amigosync.yaml, unless --force"},
		{name: "not empty, forced", before: map[string]string{"agents/a.yaml": "old a\n", "notes.txt": "n"}, force: true, files: files},
		{name: "path leaves the directory", files: []File{{Path: "../x.yaml"}}, wantErr: `"../x.yaml" is not a relative path inside the directory`},
		{name: "absolute path", files: []File{{Path: "/x.yaml"}}, wantErr: `"/x.yaml" is not a relative path`},
		{name: "backslash", files: []File{{Path: `a\..\x.yaml`}}, wantErr: "is not a relative path"},
		{name: "case collision", files: []File{{Path: "agents/A.yaml"}, {Path: "agents/a.yaml"}}, wantErr: "two files would be agents/a.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if tt.before != nil {
				writeTree(t, dir, tt.before)
			}
			err := WriteFiles(dir, tt.files, tt.force)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("WriteFiles error = %v, want one containing %q", err, tt.wantErr)
				}
				if tt.before == nil {
					if _, err := os.Stat(dir); !os.IsNotExist(err) {
						t.Errorf("a refused write created %s", dir)
					}
				}
				if tt.before != nil && !strings.Contains(err.Error(), "directory "+dir+" ") {
					t.Errorf("error %q does not name the directory %s", err, dir)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files {
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
				if err != nil || string(got) != string(f.Data) {
					t.Errorf("%s holds %q (%v), want %q", f.Path, got, err, f.Data)
				}
			}
			for p, data := range tt.before {
				if slices.ContainsFunc(tt.files, func(f File) bool { return f.Path == p }) {
					continue
				}
				if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p))); string(got) != data {
					t.Errorf("%s was changed to %q", p, got)
				}
			}
		})
	}
}

func TestStale(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"agents/a.yaml": "", "agents/gone.yaml": "", "context-graphs/sub/old.yml": "",
		"services/notes.txt": "", "amigosync.yaml": "", "other/x.yaml": ""})
	got, err := Stale(dir, []File{{Path: "agents/a.yaml"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"agents/gone.yaml", "context-graphs/sub/old.yml"}
	if !slices.Equal(got, want) {
		t.Errorf("Stale = %q, want %q", got, want)
	}
}

func TestProjectFile(t *testing.T) {
	v := validator(t)
	tests := []struct {
		name, target string
		t            spec.Target
		want         string
	}{
		{"embedded classic", "local", spec.Target{API: spec.DialectClassic, Embedded: true, Vars: map[string]string{"K": "v"}},
			"default_target: local\ntargets:\n  local:\n    api: classic\n    embedded: true\n"},
		{"platform url", "prod", spec.Target{API: spec.DialectPlatform, URL: "https://api.platform.amigo.ai", Workspace: "0b0c7c1e-6d6f-4a59-9b3c-3f5f3c9f1e2a"},
			"default_target: prod\ntargets:\n  prod:\n    api: platform\n    url: https://api.platform.amigo.ai\n    workspace: 0b0c7c1e-6d6f-4a59-9b3c-3f5f3c9f1e2a\n"},
		{"classic url with rate window", "emu", spec.Target{API: spec.DialectClassic, URL: "http://127.0.0.1:8080", Org: "demo", RateWindow: time.Second},
			"  emu:\n    api: classic\n    url: http://127.0.0.1:8080\n    org: demo\n    rate_window: 1s\n"},
		{"name that needs quotes", "yes", spec.Target{API: spec.DialectPlatform, Embedded: true}, "default_target: \"yes\"\ntargets:\n  \"yes\":\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ProjectFile(tt.target, tt.t)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("project file does not contain %q:\n%s", tt.want, out)
			}
			if strings.Contains(string(out), "vars") {
				t.Errorf("project file holds the target's vars:\n%s", out)
			}
			b, diags := v.Validate(mapFS(spec.ProjectFile, out), spec.Options{})
			for _, d := range diags {
				if d.Severity == spec.SeverityError && d.Code != spec.CodeNoManifests {
					t.Errorf("the project file does not validate: %v\n%s", d, out)
				}
			}
			if b.Target.Name != tt.target || b.Target.API != tt.t.API || b.Target.URL != tt.t.URL || b.Target.RateWindow != tt.t.RateWindow {
				t.Errorf("the project file reads back as target %+v, want %q %+v", b.Target, tt.target, tt.t)
			}
		})
	}
	if _, err := ProjectFile("", spec.Target{API: spec.DialectClassic}); err == nil {
		t.Error("ProjectFile accepted a target without a name")
	}
	if _, err := ProjectFile("x", spec.Target{API: "soap"}); err == nil {
		t.Error("ProjectFile accepted an unknown api")
	}
}

func mapFS(name string, data []byte) fstest.MapFS {
	return fstest.MapFS{name: &fstest.MapFile{Data: data}}
}

// TestEmptyDirName checks that an empty directory name is refused and
// nothing is written: "" reads as a directory that does not exist, and
// files written under it would land in the current directory.
func TestEmptyDirName(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string]string{"agents/a.yaml": "mine\n"})
	write := func(force bool) func() error {
		return func() error {
			return WriteFiles("", []File{{Path: "agents/a.yaml", Data: []byte("exported\n")}}, force)
		}
	}
	tests := []struct {
		name string
		call func() error
	}{
		{name: "CheckEmpty", call: func() error { return CheckEmpty("") }},
		{name: "WriteFiles", call: write(false)},
		{name: "WriteFiles forced", call: write(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil || !strings.Contains(err.Error(), "the directory to write into is an empty name; give . for the current directory") {
				t.Fatalf("error = %v, want the refusal of an empty directory name", err)
			}
			if got, _ := os.ReadFile(filepath.Join("agents", "a.yaml")); string(got) != "mine\n" {
				t.Errorf("agents/a.yaml of the current directory was changed to %q", got)
			}
		})
	}
}
