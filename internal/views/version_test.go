package views

import (
	"bytes"
	"testing"
)

func TestVersion(t *testing.T) {
	info := VersionInfo{Version: "v1.2.3", GoVersion: "go1.26.0", Platform: "linux/amd64"}
	tests := []struct {
		format Format
		want   string
	}{
		{FormatText, "amigosync v1.2.3 (go1.26.0, linux/amd64)\n"},
		{FormatJSON, "{\n  \"format_version\": \"1.0\",\n  \"version\": \"v1.2.3\",\n  \"go_version\": \"go1.26.0\",\n  \"platform\": \"linux/amd64\"\n}\n"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := NewVersion(tt.format, &View{Stdout: &out, Stderr: failWriter{}}).Show(info); err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want {
			t.Errorf("%s: %q, want %q", tt.format, out.String(), tt.want)
		}
	}
}
