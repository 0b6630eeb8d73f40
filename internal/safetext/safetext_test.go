package safetext

import (
	"strings"
	"testing"

	_ "github.com/amigosync/amigosync/internal/golden"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{`already "quoted" \ kept`, `already "quoted" \ kept`},
		{"two\nlines", `two\nlines`},
		{"\x1b[31mRED", `\x1b[31mRED`},
		{"tab\there", `tab\there`},
		{"carriage\rreturn", `carriage\rreturn`},
		{"bidi \u202eevil", `bidi \u202eevil`},
		{"line\u2028separator", `line\u2028separator`},
		{"next\u0085line", `next\u0085line`},
		{"no-break\u00a0space", `no-break\u00a0space`},
		{"bad \xff byte", `bad \xff byte`},
		{"del\x7f", `del\x7f`},
		{"accents é and 漢字 kept", "accents é and 漢字 kept"},
		{"", ""},
	}
	for _, tt := range tests {
		got := Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.ContainsAny(got, "\n\r\x1b") {
			t.Errorf("Escape(%q) = %q still holds a control character", tt.in, got)
		}
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"intake-agent", "intake-agent"},
		{"Front desk", "Front desk"},
		{"dir/agents/a.yaml", "dir/agents/a.yaml"},
		{`C:\work\a.yaml`, `C:\work\a.yaml`},
		{"café", "café"},
		{"", `""`},
		{" triage", `" triage"`},
		{"triage ", `"triage "`},
		{"\u00a0front-desk", `"\u00a0front-desk"`},
		{"evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED", `"evil\nfake.yaml:1:1: Agent/x: all good [ok]\n\x1b[31mRED"`},
		{"x: all good", `"x: all good"`},
		{`say "hi"`, `"say \"hi\""`},
		{"bad\xffbyte", `"bad\xffbyte"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
