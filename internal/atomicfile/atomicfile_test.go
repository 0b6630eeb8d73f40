package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name    string
		old     string // content before, "" for none
		data    string
		wantErr bool
	}{
		{name: "new file", data: "a: 1\n"},
		{name: "replaces", old: "old\n", data: "new\n"},
		{name: "empty", old: "old\n", data: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f.yaml")
			if tt.old != "" {
				if err := os.WriteFile(p, []byte(tt.old), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(p, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(p)
			if err != nil || string(got) != tt.data {
				t.Fatalf("read %q, %v; want %q", got, err, tt.data)
			}
			info, err := os.Stat(p)
			if err != nil || info.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, %v; want 0644", info.Mode(), err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("directory holds %d entries, want only the file (no temporary file left)", len(entries))
			}
		})
	}
}

func TestWriteFileMissingDirectory(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing", "f.yaml")
	err := WriteFile(p, []byte("x"), 0o644)
	if err == nil {
		t.Fatal("WriteFile into a missing directory succeeded")
	}
	if want := p; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name %s", err, want)
	}
}
