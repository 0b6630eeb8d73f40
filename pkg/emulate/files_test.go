package emulate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilesFor(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "existing.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"seed.classic.json", "both/classic.json", "both/platform.json"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(p string) string { return filepath.Join(dir, p) }
	tests := []struct {
		name              string
		state, seed       string
		classic, platform Files
		wantErr           string
	}{
		{name: "in memory"},
		{name: "a directory without an extension", state: j("emu"),
			classic: Files{State: j("emu/classic.json")}, platform: Files{State: j("emu/platform.json")}},
		{name: "an existing directory with a dot", state: j("existing.d"),
			classic: Files{State: j("existing.d/classic.json")}, platform: Files{State: j("existing.d/platform.json")}},
		{name: "a trailing separator", state: j("new.d") + string(os.PathSeparator),
			classic: Files{State: j("new.d/classic.json")}, platform: Files{State: j("new.d/platform.json")}},
		{name: "a file name", state: j("emu.json"),
			classic: Files{State: j("emu.classic.json")}, platform: Files{State: j("emu.platform.json")}},
		{name: "a seed with one file", state: j("s"), seed: j("seed.json"),
			classic: Files{State: j("s/classic.json"), Seed: j("seed.classic.json")}, platform: Files{State: j("s/platform.json")}},
		{name: "a seed directory", seed: j("both"),
			classic: Files{Seed: j("both/classic.json")}, platform: Files{Seed: j("both/platform.json")}},
		{name: "a seed with no file", seed: j("nothing.json"), wantErr: "neither " + j("nothing.classic.json") + " nor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			classic, platform, err := FilesFor(tt.state, tt.seed)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if classic != tt.classic || platform != tt.platform {
				t.Errorf("got %+v %+v, want %+v %+v", classic, platform, tt.classic, tt.platform)
			}
		})
	}
}
