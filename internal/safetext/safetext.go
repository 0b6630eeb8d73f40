// Package safetext makes text taken from files safe to print on one line
// of a terminal: names, file names and values that come from manifests
// (or from the names of the files themselves) can hold a newline, which
// would forge a line of output, or an escape sequence, which a terminal
// obeys (colours, cursor moves, a changed window title).
//
// [Escape] keeps printable text as it is and writes anything else as a Go
// escape; [Quote] leaves a plain name bare and quotes any other, the way
// messages quote values with %q. Text output of every command goes
// through them; JSON output needs neither (encoding/json escapes control
// characters itself).
package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every rune that is not printable (control
// characters such as newline, tab and ESC, format characters such as the
// bidirectional overrides, and other spaces than U+0020) written as its Go
// escape (\n, \t, \x1b, \u202e), and every byte that is not UTF-8 as \xNN.
// Printable text, quotes and backslashes are kept as they are, so a
// message that already quotes its values reads the same.
func Escape(s string) string {
	if isPrintable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// Quote returns s bare when it is plain, else quoted with strconv.Quote.
// Plain means it could not be misread where a name or a file name is
// printed before ": ": not empty, only printable runes, no double quote,
// no ": ", and no space at either end.
func Quote(s string) string {
	if s == "" || !isPrintable(s) || strings.ContainsRune(s, '"') || strings.Contains(s, ": ") ||
		strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return strconv.Quote(s)
	}
	return s
}

// isPrintable reports whether s is UTF-8 with only printable runes.
func isPrintable(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || !strconv.IsPrint(r) {
			return false
		}
		i += size
	}
	return true
}
