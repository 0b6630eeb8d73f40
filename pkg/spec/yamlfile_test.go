package spec

import (
	"strings"
	"testing"
)

func TestParseYAML(t *testing.T) {
	tests := []struct {
		name, data string
		wantKey    string // first key of the mapping, when it parses
		wantErr    string // the diagnostic as a string, when it does not
	}{
		{name: "mapping", data: "a: 1\nb: 2\n", wantKey: "a"},
		{name: "empty", data: "# only a comment\n"},
		{name: "unclosed flow, parser line", data: "a: 1\nb: {c: 1\n", wantErr: "m.yaml:2:1: invalid YAML: did not find expected ',' or '}' [yaml-syntax]"},
		{name: "tab", data: "a:\n\tb: 1\n", wantErr: "m.yaml:2:1: invalid YAML: found character that cannot start any token (YAML is indented with spaces, not tabs) [yaml-syntax]"},
		{name: "two documents", data: "a: 1\n---\nb: 2\n", wantErr: "m.yaml:3:1: the file holds 2 YAML documents; it must hold one [yaml-syntax]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, d := ParseYAML("m.yaml", []byte(tt.data))
			switch {
			case tt.wantErr != "":
				if d == nil || d.String() != tt.wantErr {
					t.Fatalf("ParseYAML = %v, want diagnostic %q", d, tt.wantErr)
				}
			case d != nil:
				t.Fatalf("ParseYAML: unexpected diagnostic %s", d)
			case tt.wantKey == "" && n != nil:
				t.Fatalf("ParseYAML of an empty file = %v, want nil", n)
			case tt.wantKey != "" && (n == nil || len(n.Content) == 0 || !strings.EqualFold(n.Content[0].Value, tt.wantKey)):
				t.Fatalf("ParseYAML = %v, want a mapping starting with %q", n, tt.wantKey)
			}
		})
	}
}
