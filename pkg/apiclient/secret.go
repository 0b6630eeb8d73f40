package apiclient

import (
	"fmt"
	"log/slog"
)

// Secret is a credential (an API key, its id, a user id, a token) that no
// fmt verb, slog handler or JSON encoding shows. It keeps the value behind
// a pointer to a string: when fmt prints the fields of a struct raw (an
// unexported field, %p, a verb a type does not support), it shows that
// pointer's address, never the string. The zero Secret is unset.
type Secret struct{ p *string }

// NewSecret returns a Secret holding s; an empty s gives an unset Secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{p: &s}
}

// Reveal returns the secret value, or "" when unset. Call it only to put
// the value where it is sent (an HTTP header).
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsSet reports whether the secret holds a value.
func (s Secret) IsSet() bool { return s.p != nil && *s.p != "" }

// String is "REDACTED" for a set secret and `""` for an unset one.
func (s Secret) String() string { return Redact(s.Reveal()) }

// GoString is String, for %#v.
func (s Secret) GoString() string { return s.String() }

// Format prints String with any verb.
func (s Secret) Format(f fmt.State, verb rune) { FormatSafe(f, verb, s.String()) }

// LogValue is what slog records: String.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON encodes String, so a Secret in a JSON document shows nothing.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// Redact is "REDACTED" for a secret that is set and `""` for one that is
// not, so a printed description still says whether it was given.
func Redact(secret string) string {
	if secret == "" {
		return `""`
	}
	return redacted
}

// FormatSafe writes desc, a description of a value that is already free of
// secrets, for the directive verb of f: %v, %+v, %#v and %s write it as it
// is (with any width), other verbs format it as they would a string. Types
// that hold credentials call it from a Format method, so that no verb
// makes fmt print their fields.
func FormatSafe(f fmt.State, verb rune, desc string) {
	if verb == 'v' {
		verb = 's'
	}
	// FormatString keeps the flags, width and precision; '#' and '+' mean
	// nothing to %s.
	fmt.Fprintf(f, fmt.FormatString(f, verb), desc)
}

// String describes the client by its base URL; the options, and the
// authenticator with its credentials, are left out.
func (c Client) String() string { return fmt.Sprintf("apiclient.Client{BaseURL:%q}", c.base) }

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints String with any verb, so fmt never walks the client's
// fields (which hold the authenticator).
func (c Client) Format(f fmt.State, verb rune) { FormatSafe(f, verb, c.String()) }

// LogValue is what slog records for the client: its base URL.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.base))
}

// String describes the options without the authenticator, which holds
// credentials: only its type is named.
func (o Options) String() string {
	return fmt.Sprintf("apiclient.Options{BaseURL:%q Timeout:%v MaxAttempts:%d RateWindow:%v Auth:%s UserAgent:%q}",
		o.BaseURL, o.Timeout, o.MaxAttempts, o.RateWindow, authName(o.Auth), o.UserAgent)
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// Format prints String with any verb.
func (o Options) Format(f fmt.State, verb rune) { FormatSafe(f, verb, o.String()) }

// LogValue is what slog records for the options: no authenticator.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", o.BaseURL), slog.Duration("timeout", o.Timeout),
		slog.Int("max_attempts", o.MaxAttempts), slog.String("auth", authName(o.Auth)))
}

// authName names the authenticator's type, or "none".
func authName(a Authenticator) string {
	if a == nil {
		return "none"
	}
	return fmt.Sprintf("%T", a)
}
