package classic

import (
	"fmt"
	"log/slog"
)

// String describes the options without the API key and its id, so that
// printing or logging them (%v, %+v, %#v, slog) cannot leak a secret.
func (o Options) String() string {
	return fmt.Sprintf("classic.Options{BaseURL:%q Region:%q Org:%q APIKey:%s APIKeyID:%s UserID:%q}",
		o.BaseURL, o.Region, o.Org, redactedIfSet(o.APIKey), redactedIfSet(o.APIKeyID), o.UserID)
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// LogValue is what slog records for the options: no secrets.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", o.BaseURL), slog.String("region", o.Region), slog.String("org", o.Org),
		slog.String("api_key", redactedIfSet(o.APIKey)), slog.String("api_key_id", redactedIfSet(o.APIKeyID)),
		slog.String("user_id", o.UserID),
	)
}

// String hides the credentials of the sign-in authenticator.
func (a apiKeyAuth) String() string { return "classic.apiKeyAuth{REDACTED}" }

// GoString is String, for %#v.
func (a apiKeyAuth) GoString() string { return a.String() }

func redactedIfSet(s string) string {
	if s == "" {
		return `""`
	}
	return "REDACTED"
}

// String hides the cached token.
func (s *tokenSource) String() string { return "classic.tokenSource{REDACTED}" }

// GoString is String, for %#v.
func (s *tokenSource) GoString() string { return s.String() }
