package emukit

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type state struct {
	Agents map[string]int `json:"agents"`
}

// listDir names the files in dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nested", "classic.json")
	var missing state
	found, err := LoadJSON(path, &missing)
	if found || err != nil {
		t.Fatalf("LoadJSON of a missing file = %v, %v; want false, nil", found, err)
	}
	for i := range 3 {
		if err := SaveJSONAtomic(path, state{Agents: map[string]int{"a": i}}); err != nil {
			t.Fatal(err)
		}
		var got state
		found, err := LoadJSON(path, &got)
		if !found || err != nil || got.Agents["a"] != i {
			t.Fatalf("round %d: LoadJSON = %v, %v, %+v", i, found, err, got)
		}
	}
	if names := listDir(t, filepath.Dir(path)); len(names) != 1 || names[0] != "classic.json" {
		t.Errorf("directory holds %q, want only classic.json (no temporary files)", names)
	}
}

func TestCrashBeforeRenameKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := SaveJSONAtomic(path, state{Agents: map[string]int{"old": 1}}); err != nil {
		t.Fatal(err)
	}
	crash := errors.New("crash")
	var tempSeen []string
	err := saveJSONAtomic(path, state{Agents: map[string]int{"new": 2}}, func() error {
		tempSeen = listDir(t, dir)
		return crash
	})
	if !errors.Is(err, crash) {
		t.Fatalf("error %v, want the crash", err)
	}
	if len(tempSeen) != 2 {
		t.Errorf("at the crash the directory held %q, want the old file and the fully written temp file", tempSeen)
	}
	var got state
	if found, err := LoadJSON(path, &got); !found || err != nil || got.Agents["old"] != 1 || len(got.Agents) != 1 {
		t.Errorf("after the crash LoadJSON = %v, %v, %+v; want the old state", found, err, got)
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("directory holds %q after a failed save, want only the state file", names)
	}
}

func TestSaveAndLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"agents":`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		run     func() error
		wantErr string
	}{
		{"corrupt file", func() error { _, err := LoadJSON(bad, &state{}); return err }, "parse state file"},
		{"directory as file", func() error { _, err := LoadJSON(dir, &state{}); return err }, "read state file"},
		{"unencodable", func() error { return SaveJSONAtomic(filepath.Join(dir, "x.json"), func() {}) }, "encode state"},
		{"parent is a file", func() error { return SaveJSONAtomic(filepath.Join(bad, "x.json"), state{}) }, "create state directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "classic.json")
	files := map[string]bool{ // name → kept
		"classic.json":             true,
		".classic.json.tmp-123456": false, // left by a kill during a save
		".classic.json.tmp-":       false,
		".platform.json.tmp-99":    true, // another state file's: its emulator cleans it
		"classic.json.tmp-1":       true, // not a name SaveJSONAtomic writes
		".classic.json.tmp.bak":    true,
		"notes.txt":                true,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".classic.json.tmp-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	files[".classic.json.tmp-dir"] = true // a directory is not a temporary file
	if err := RemoveTemps(path); err != nil {
		t.Fatal(err)
	}
	var want []string
	for name, kept := range files {
		if kept {
			want = append(want, name)
		}
	}
	slices.Sort(want)
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("after RemoveTemps the directory holds %q, want %q", got, want)
	}
	if err := RemoveTemps(filepath.Join(dir, "absent", "state.json")); err != nil {
		t.Errorf("RemoveTemps in a missing directory: %v", err)
	}
}
