package apiclient

import (
	"context"
	"net/http"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient/redacttest"
)

// keyAuth is an Authenticator that keeps its key as a Secret, as the
// clients' authenticators do.
type keyAuth struct{ key Secret }

func (a keyAuth) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+a.key.Reveal())
	return nil
}

func (keyAuth) Unauthorized(context.Context) bool { return false }

// TestNothingPrintsSecrets prints a Secret, a Client whose authenticator
// holds one, its Options and structs holding them with every fmt verb and
// slog handler, and looks for the secret in what came out.
func TestNothingPrintsSecrets(t *testing.T) {
	const key = "fake-key-123"
	o := Options{BaseURL: "https://api.example.test", Auth: keyAuth{key: NewSecret(key)}}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if s := NewSecret(key); s.Reveal() != key || !s.IsSet() || NewSecret("").IsSet() {
		t.Fatalf("Secret does not keep its value: %q", s.Reveal())
	}
	type holder struct {
		c  Client
		p  *Client
		o  Options
		s  Secret
		S  Secret
		ps *Secret
	}
	s := NewSecret(key)
	tests := []struct {
		name  string
		value any
		shows string // a non-secret the rendering keeps, so the test sees real output
	}{
		{"secret", s, "REDACTED"},
		{"pointer to a secret", &s, "REDACTED"},
		{"client", c, "api.example.test"},
		{"client by value", *c, "api.example.test"},
		{"options", o, "keyAuth"},
		{"options by pointer", &o, "keyAuth"},
		{"struct holding them", holder{c: *c, p: c, o: o, s: s, S: s, ps: &s}, ""},
		{"pointer to a struct holding them", &holder{c: *c, p: c, o: o, s: s, S: s, ps: &s}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			redacttest.Check(t, tt.value, []string{key}, tt.shows)
		})
	}
}
