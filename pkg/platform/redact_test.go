package platform

import (
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient/redacttest"
)

// TestNothingPrintsSecrets prints every value that holds the workspace
// API key (the client, by value and by pointer and inside other structs,
// its apiclient client, its authenticator and the options) with every fmt
// verb and logs it with slog's text and JSON handlers, and looks for the
// key in what came out.
func TestNothingPrintsSecrets(t *testing.T) {
	o := Options{BaseURL: "http://127.0.0.1:1", APIKey: "fake-key-123", Workspace: "ws-1"}
	secrets := []string{o.APIKey}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct {
		c Client
		p *Client
		C Client
		P *Client
	}
	tests := []struct {
		name  string
		value any
		shows string // a non-secret the rendering keeps, so the test sees real output
		skip  []string
	}{
		{"client", c, "ws-1", nil},
		{"client by value", *c, "ws-1", nil},
		{"struct holding the client", holder{c: *c, p: c, C: *c, P: c}, "", nil},
		{"pointer to a struct holding the client", &holder{c: *c, p: c, C: *c, P: c}, "", nil},
		{"API client", c.api, "127.0.0.1", nil},
		{"API client by value", *c.api, "127.0.0.1", nil},
		{"authenticator", newBearer(o.APIKey), "REDACTED", nil},
		{"options by pointer", &o, "ws-1", nil},
		// fmt handles %p before any method of the value and then prints a
		// struct's fields raw; Options holds the key as an exported string,
		// so an Options value (not a pointer) with %p cannot hide it
		// without changing the field's type.
		{"options", o, "ws-1", []string{"%p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			redacttest.Check(t, tt.value, secrets, tt.shows, tt.skip...)
		})
	}
}
