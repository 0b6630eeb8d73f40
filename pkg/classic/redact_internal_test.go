package classic

import (
	"context"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient/redacttest"
)

// TestNothingPrintsSecrets prints every value that holds the API key, its
// id, the user id or a token (the client once signed in, by value and by
// pointer and inside other structs, its two apiclient clients, its token
// cache, the sign-in authenticator and the options) with every fmt verb
// and logs it with slog's text and JSON handlers, and looks for the
// secrets in what came out.
func TestNothingPrintsSecrets(t *testing.T) {
	o := Options{BaseURL: "http://127.0.0.1:1", Org: "acme", APIKey: "fake-key-123", APIKeyID: "fake-key-id-456", UserID: "fake-user-789"}
	secrets := []string{o.APIKey, o.APIKeyID, o.UserID, "fake-token-abc"}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	c.tokens.signIn = func(context.Context) (string, time.Time, error) {
		return "fake-token-abc", time.Now().Add(time.Hour), nil
	}
	if token, _, err := c.tokens.get(context.Background()); err != nil || token != "fake-token-abc" {
		t.Fatalf("the client holds token %q (%v), want the fake one", token, err)
	}
	type holder struct {
		c  Client
		p  *Client
		C  Client
		P  *Client
		tk *tokenSource
	}
	tests := []struct {
		name  string
		value any
		shows string // a non-secret the rendering keeps, so the test sees real output
		skip  []string
	}{
		{"client", c, "acme", nil},
		{"client by value", *c, "acme", nil},
		{"struct holding the client", holder{c: *c, p: c, C: *c, P: c, tk: c.tokens}, "", nil},
		{"pointer to a struct holding the client", &holder{c: *c, p: c, C: *c, P: c, tk: c.tokens}, "", nil},
		{"API client", c.api, "127.0.0.1", nil},
		{"API client by value", *c.api, "127.0.0.1", nil},
		{"sign-in client", c.signIn, "127.0.0.1", nil},
		{"sign-in client by value", *c.signIn, "127.0.0.1", nil},
		{"token cache", c.tokens, "", nil},
		{"sign-in authenticator", newAPIKeyAuth(o), "", nil},
		{"options by pointer", &o, "acme", nil},
		// fmt handles %p before any method of the value and then prints a
		// struct's fields raw; Options holds the credentials as exported
		// strings, so an Options value (not a pointer) with %p cannot hide
		// them without changing its fields' types.
		{"options", o, "acme", []string{"%p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			redacttest.Check(t, tt.value, secrets, tt.shows, tt.skip...)
		})
	}
}
