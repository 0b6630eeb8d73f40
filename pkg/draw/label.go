package draw

import (
	"strings"
	"unicode"
)

// clean makes s one line of visible text: every run of white space
// (newlines and tabs included) becomes one space, and control and format
// characters (which could reorder or hide text, such as U+202E) are
// dropped.
func clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == unicode.ReplacementChar:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// shorten cleans s and cuts it to at most limit characters, at the last
// word boundary in the second half of the limit when there is one, ending
// with an ellipsis.
func shorten(s string, limit int) string {
	s = clean(s)
	runes := []rune(s)
	if len(runes) <= limit {
		return s
	}
	cut := limit - 1
	for i := cut; i > limit/2; i-- {
		if runes[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(runes[:cut]), " ") + "…"
}
