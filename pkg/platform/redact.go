package platform

import (
	"fmt"
	"log/slog"
)

// String describes the options without the API key, so that printing or
// logging them (%v, %+v, %#v, slog) cannot leak it.
func (o Options) String() string {
	return fmt.Sprintf("platform.Options{BaseURL:%q APIKey:%s Workspace:%q}", o.BaseURL, redactedIfSet(o.APIKey), o.Workspace)
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// LogValue is what slog records for the options: no secrets.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", o.BaseURL), slog.String("api_key", redactedIfSet(o.APIKey)),
		slog.String("workspace", o.Workspace))
}

// String describes the client by its workspace; the key stays hidden. It
// has a value receiver so that a Client printed by value (%v of *c) does
// not fall back to printing its fields.
func (c Client) String() string { return fmt.Sprintf("platform.Client{Workspace:%q}", c.workspace) }

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// redactedIfSet is REDACTED for a secret that is set, "" for one that is not.
func redactedIfSet(s string) string {
	if s == "" {
		return `""`
	}
	return "REDACTED"
}
