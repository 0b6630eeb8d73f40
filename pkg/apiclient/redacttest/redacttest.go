// Package redacttest checks that values holding credentials never show
// them: it prints a value with every fmt verb and logs it with slog's text
// and JSON handlers, then looks for the secrets in every rendering, as is
// and hex-encoded (%x prints a string's bytes).
//
// It is for the tests of the API clients; it is not a redactor.
package redacttest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
)

// Verbs returns every fmt directive a value is printed with: the usual
// ones, the ones that print a struct's fields raw when nothing formats the
// value (%d, %x, %p...), and some with flags and widths.
func Verbs() []string {
	return []string{
		"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "% x", "% X", "%#x", "%d", "%t",
		"%b", "%o", "%O", "%c", "%U", "%e", "%f", "%g", "%p", "%T", "%10s", "%-60v", "%.3v", "%+q", "%#q",
	}
}

// Renderings returns v printed with each of Verbs and logged with slog's
// text and JSON handlers, keyed by how it was rendered ("%+v",
// "slog text", "slog json"), leaving out the verbs in skip.
func Renderings(v any, skip ...string) map[string]string {
	out := map[string]string{}
	for _, verb := range Verbs() {
		if !slices.Contains(skip, verb) {
			out[verb] = fmt.Sprintf(verb, v)
		}
	}
	var text, js bytes.Buffer
	level := &slog.HandlerOptions{Level: slog.LevelDebug}
	slog.New(slog.NewTextHandler(&text, level)).Debug("value", "v", v, slog.Group("g", "v", v))
	slog.New(slog.NewJSONHandler(&js, level)).Debug("value", "v", v, slog.Group("g", "v", v))
	out["slog text"], out["slog json"] = text.String(), js.String()
	// encoding/json, directly and nested: what a config dump or a JSON
	// logger that bypasses slog would write.
	if b, err := json.Marshal(v); err == nil {
		out["json"] = string(b)
	}
	if b, err := json.Marshal(struct{ V any }{v}); err == nil {
		out["json nested"] = string(b)
	}
	return out
}

// Find returns one line for each rendering of v (see Renderings) that
// shows one of secrets, plainly or hex-encoded in either case, with or
// without spaces between the bytes.
func Find(v any, secrets []string, skip ...string) []string {
	var leaks []string
	for how, text := range Renderings(v, skip...) {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			for _, form := range encodings(s) {
				if strings.Contains(text, form) {
					leaks = append(leaks, fmt.Sprintf("%s of %T shows secret %.6s…: %.300s", how, v, s, text))
					break
				}
			}
		}
	}
	return leaks
}

// encodings are the forms in which fmt can print the string s.
func encodings(s string) []string {
	h := hex.EncodeToString([]byte(s))
	spaced := strings.TrimSpace(fmt.Sprintf("% x", s))
	return []string{s, h, strings.ToUpper(h), spaced, strings.ToUpper(spaced)}
}

// Check fails t for every rendering of v that shows one of secrets (see
// Find), and when the %v rendering lacks shows, a part of v that is not
// secret: a check that sees only empty output would prove nothing.
func Check(t testing.TB, v any, secrets []string, shows string, skip ...string) {
	t.Helper()
	for _, leak := range Find(v, secrets, skip...) {
		t.Error(leak)
	}
	if text := fmt.Sprintf("%v", v); !strings.Contains(text, shows) {
		t.Errorf("%%v of %T lost what is not secret (%q): %s", v, shows, text)
	}
}
