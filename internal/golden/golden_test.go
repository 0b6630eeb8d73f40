package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msgs   []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msgs = append(r.msgs, format)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	r.msgs = append(r.msgs, format)
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "same.txt")
	if err := os.WriteFile(same, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		got      string
		update   bool
		wantFail bool
		wantFile string
	}{
		{name: "equal", path: same, got: "hello\n"},
		{name: "different", path: same, got: "bye\n", wantFail: true},
		{name: "missing", path: filepath.Join(dir, "none.txt"), got: "x", wantFail: true},
		{name: "update writes", path: filepath.Join(dir, "sub", "new.txt"), got: "new\n", update: true, wantFile: "new\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := *update
			*update = tt.update
			defer func() { *update = old }()
			r := &recorder{TB: t}
			Check(r, tt.path, []byte(tt.got))
			if r.failed != tt.wantFail {
				t.Errorf("failed = %v, want %v (%v)", r.failed, tt.wantFail, r.msgs)
			}
			if tt.wantFile != "" {
				b, err := os.ReadFile(tt.path)
				if err != nil || string(b) != tt.wantFile {
					t.Errorf("file holds %q (%v), want %q", b, err, tt.wantFile)
				}
			}
		})
	}
}
