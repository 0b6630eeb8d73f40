package credenv_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/credenv"
)

// TestPhrasesNameEveryVariable: the phrases used in messages and help
// name each variable of its dialect, so a variable added to a list but
// not to a phrase (or the reverse) fails here.
func TestPhrasesNameEveryVariable(t *testing.T) {
	tests := []struct {
		phrase string
		names  []string
	}{
		{credenv.ClassicList, credenv.Classic()},
		{credenv.Summary, slices.Concat(credenv.Classic(), credenv.Platform())},
	}
	for _, tc := range tests {
		words := variables(tc.phrase)
		for _, n := range tc.names {
			if !slices.Contains(words, n) {
				t.Errorf("%q does not name %s", tc.phrase, n)
			}
		}
	}
	if slices.Contains(variables(credenv.ClassicList), credenv.PlatformAPIKey) {
		t.Errorf("%q names the Platform variable", credenv.ClassicList)
	}
}

// variables returns the words of a phrase that look like variable names
// (AMIGO_API_KEY is a prefix of AMIGO_API_KEY_ID, so substrings will not do).
func variables(phrase string) []string {
	return strings.FieldsFunc(phrase, func(r rune) bool { return (r < 'A' || r > 'Z') && r != '_' })
}

// TestNamesAreDistinct: two credentials read from one variable would send
// the same value twice.
func TestNamesAreDistinct(t *testing.T) {
	all := slices.Concat(credenv.Classic(), credenv.Platform())
	seen := map[string]bool{}
	for _, n := range all {
		if seen[n] {
			t.Errorf("%s is listed twice", n)
		}
		seen[n] = true
	}
}
