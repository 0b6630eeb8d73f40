package views

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/spec"
)

func TestInitCreated(t *testing.T) {
	files := []string{"amigosync.yaml", ".gitignore", "agents/assistant.yaml"}
	tests := []struct {
		dir, wantOut, wantErr string
	}{{
		dir:     ".",
		wantOut: "Created a classic project in .:\n  amigosync.yaml\n  .gitignore\n  agents/assistant.yaml\n",
		wantErr: "Next: amigosync validate, then amigosync plan (the embedded emulator, no credentials needed).\n",
	}, {
		dir:     "clinic/config",
		wantOut: "Created a classic project in clinic/config:\n  amigosync.yaml\n  .gitignore\n  agents/assistant.yaml\n",
		wantErr: "Next: amigosync validate clinic/config, then amigosync plan clinic/config (the embedded emulator, no credentials needed).\n",
	}, {
		dir:     "my project's\nfiles",
		wantOut: "Created a classic project in \"my project's\\nfiles\":\n  amigosync.yaml\n  .gitignore\n  agents/assistant.yaml\n",
		wantErr: `Next: amigosync validate 'my project'\''s\nfiles', then amigosync plan 'my project'\''s\nfiles' (the embedded emulator, no credentials needed).` + "\n",
	}}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if err := NewInit(&View{Stdout: &stdout, Stderr: &stderr}).Created(tt.dir, spec.DialectClassic, files); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.wantOut, stdout.String()); diff != "" {
			t.Errorf("dir %q: stdout (-want +got):\n%s", tt.dir, diff)
		}
		if diff := cmp.Diff(tt.wantErr, stderr.String()); diff != "" {
			t.Errorf("dir %q: stderr (-want +got):\n%s", tt.dir, diff)
		}
	}
}
