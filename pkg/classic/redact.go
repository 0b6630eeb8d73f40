package classic

import (
	"fmt"
	"log/slog"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// Every value here that holds the API key, its id, the user id or a token
// prints through one description free of them, whatever the verb (Format),
// and logs without them (LogValue). The credentials themselves are kept
// as apiclient.Secret, so that even fmt's raw printing of a struct that
// holds a Client shows none of them.

// String describes the options without the API key, its id and the user
// id, so that printing or logging them cannot leak a credential.
func (o Options) String() string {
	return fmt.Sprintf("classic.Options{BaseURL:%q Region:%q Org:%q APIKey:%s APIKeyID:%s UserID:%s}",
		o.BaseURL, o.Region, o.Org, apiclient.Redact(o.APIKey), apiclient.Redact(o.APIKeyID), apiclient.Redact(o.UserID))
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// Format prints String with any verb (%d or %x would otherwise print the
// fields).
func (o Options) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, o.String()) }

// LogValue is what slog records for the options: no credentials.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", o.BaseURL), slog.String("region", o.Region), slog.String("org", o.Org),
		slog.String("api_key", apiclient.Redact(o.APIKey)), slog.String("api_key_id", apiclient.Redact(o.APIKeyID)),
		slog.String("user_id", apiclient.Redact(o.UserID)),
	)
}

// String describes the client by its organization.
func (c Client) String() string { return fmt.Sprintf("classic.Client{Org:%q}", c.org) }

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints String with any verb, so fmt never walks the client's
// fields down to its token cache and sign-in credentials.
func (c Client) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, c.String()) }

// LogValue is what slog records for the client: its organization.
func (c Client) LogValue() slog.Value { return slog.GroupValue(slog.String("org", c.org)) }

// String hides the credentials of the sign-in authenticator.
func (a apiKeyAuth) String() string { return "classic.apiKeyAuth{REDACTED}" }

// GoString is String, for %#v.
func (a apiKeyAuth) GoString() string { return a.String() }

// Format prints String with any verb.
func (a apiKeyAuth) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, a.String()) }

// LogValue is what slog records: String.
func (a apiKeyAuth) LogValue() slog.Value { return slog.StringValue(a.String()) }

// String hides the cached token.
func (s *tokenSource) String() string { return "classic.tokenSource{REDACTED}" }

// GoString is String, for %#v.
func (s *tokenSource) GoString() string { return s.String() }

// Format prints String with any verb.
func (s *tokenSource) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, s.String()) }

// LogValue is what slog records: String.
func (s *tokenSource) LogValue() slog.Value { return slog.StringValue(s.String()) }
