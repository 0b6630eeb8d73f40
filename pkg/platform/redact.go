package platform

import (
	"fmt"
	"log/slog"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// Every value here that holds the API key prints through one description
// free of it, whatever the verb (Format), and logs without it (LogValue).
// The key itself is kept as an apiclient.Secret, so that even fmt's raw
// printing of a struct that holds a Client cannot show it.

// String describes the options without the API key, so that printing or
// logging them (%v, %+v, %#v, slog) cannot leak it.
func (o Options) String() string {
	return fmt.Sprintf("platform.Options{BaseURL:%q APIKey:%s Workspace:%q}", o.BaseURL, apiclient.Redact(o.APIKey), o.Workspace)
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// Format prints String with any verb (%d or %x would otherwise print the
// fields).
func (o Options) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, o.String()) }

// LogValue is what slog records for the options: no secrets.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", o.BaseURL), slog.String("api_key", apiclient.Redact(o.APIKey)),
		slog.String("workspace", o.Workspace))
}

// String describes the client by its workspace; the key stays hidden. It
// has a value receiver so that a Client printed by value (%v of *c) does
// not fall back to printing its fields.
func (c Client) String() string { return fmt.Sprintf("platform.Client{Workspace:%q}", c.workspace) }

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints String with any verb, so fmt never walks the client's
// fields down to its authenticator.
func (c Client) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, c.String()) }

// LogValue is what slog records for the client: its workspace.
func (c Client) LogValue() slog.Value { return slog.GroupValue(slog.String("workspace", c.workspace)) }

// String hides the key from fmt.
func (bearer) String() string { return "bearer(REDACTED)" }

// GoString is String, for %#v.
func (b bearer) GoString() string { return b.String() }

// Format prints String with any verb.
func (b bearer) Format(f fmt.State, verb rune) { apiclient.FormatSafe(f, verb, b.String()) }

// LogValue is what slog records: String.
func (b bearer) LogValue() slog.Value { return slog.StringValue(b.String()) }
