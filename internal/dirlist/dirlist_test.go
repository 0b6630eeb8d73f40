package dirlist

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOthers(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"empty", nil, ""},
		{"only kept", []string{".git"}, ""},
		{"some", []string{".git", "a", "b"}, "a, b"},
		{"many", []string{"a", "b", "c", "d", "e", "f", "g"}, "a, b, c, d, e, and 2 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Others(dir, func(n string) bool { return n == ".git" })
			if err != nil || got != tt.want {
				t.Errorf("Others = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Others(filepath.Join(t.TempDir(), "missing"), nil); err == nil {
		t.Error("a missing directory gave no error")
	}
}
