package apiclient

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// secretAuth sends every kind of credential header with a fake secret.
type secretAuth struct{}

func (secretAuth) Authorize(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer fake-secret-bearer")
	req.Header.Set("X-Api-Key", "fake-secret-key")
	req.Header.Set("x-api-key-id", "fake-secret-key-id")
	req.Header.Set("X-User-Id", "fake-secret-user")
	return nil
}

func (secretAuth) Unauthorized(context.Context) bool { return true }

func TestTraceRedactsSecrets(t *testing.T) {
	var logs bytes.Buffer
	s := &script{replies: []reply{
		{status: 401, body: `{"detail":"Invalid token"}`},
		{status: 503, body: `{"detail":"Maintenance"}`, header: map[string]string{"Set-Cookie": "session=fake-secret-cookie"}},
		{status: 200, header: map[string]string{"X-Request-Id": "req-000001"},
			body: `{"id_token":"fake-secret-id-token","expires_at":"2026-01-01T00:00:00Z","nested":[{"api_key":"fake-secret-nested"}]}`},
	}}
	c, _ := newTestClient(t, s, func(o *Options) {
		o.Auth = secretAuth{}
		o.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	var out map[string]any
	err := c.Do(context.Background(), Request{
		Endpoint: Endpoint{Name: "sign in"}, Method: "POST", Path: "/v1/org/user/signin_with_api_key",
		Query: url.Values{"token": {"fake-secret-query"}, "limit": {"20"}},
		Body:  map[string]any{"api_key": "fake-secret-body", "token": "fake-secret-body-token", "name": "visible-name"},
		Retry: RetryGuarded,
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out["id_token"] != "fake-secret-id-token" {
		t.Fatal("the caller must still get the real answer")
	}
	text := logs.String()
	if strings.Contains(text, "fake-secret") {
		t.Errorf("a secret reached the log:\n%s", text)
	}
	for _, want := range []string{"method=POST", "signin_with_api_key", "limit=20", "status=401", "status=503", "status=200",
		"attempt=3", "duration=", "REDACTED", "visible-name", "req-000001", "Maintenance"} {
		if !strings.Contains(text, want) {
			t.Errorf("log lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "level=DEBUG"); n != 3 {
		t.Errorf("%d debug lines, want one per attempt:\n%s", n, text)
	}
}

func TestTraceOffByDefault(t *testing.T) {
	var logs bytes.Buffer
	s := &script{replies: []reply{{status: 200}}}
	c, _ := newTestClient(t, s, func(o *Options) {
		o.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	})
	if err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	if logs.Len() != 0 {
		t.Errorf("logged at info level: %s", logs.String())
	}
}

func TestRedactBody(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id_token":"s","x":1}`, `{"id_token":"REDACTED","x":1}`},
		{`[{"API_KEY":"s"}]`, `[{"API_KEY":"REDACTED"}]`},
		{`{"a":{"token":{"deep":"s"}}}`, `{"a":{"token":"REDACTED"}}`},
		{`id_token=s`, `<10 bytes, not JSON>`},
		{`{"detail":[{"loc":["header","x-api-key"],"input":"s","msg":"m"}]}`, `{"detail":[{"input":"REDACTED","loc":["header","x-api-key"],"msg":"m"}]}`},
		{`{"detail":[{"loc":["body","name"],"input":"visible","msg":"m"}]}`, `{"detail":[{"input":"visible","loc":["body","name"],"msg":"m"}]}`},
		{``, ``},
	}
	for _, tt := range tests {
		if got := redactBody([]byte(tt.in)); got != tt.want {
			t.Errorf("redactBody(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestRedactHeader(t *testing.T) {
	h := http.Header{
		"Authorization": {"Bearer fake-secret-1"},
		"X-Api-Key":     {"fake-secret-2"},
		"x-user-id":     {"fake-secret-3"}, // set without canonicalising
		"Set-Cookie":    {"a=fake-secret-4", "b=fake-secret-5"},
		"X-Request-Id":  {"req-000001"},
		"Accept":        {"application/json"},
	}
	want := map[string]string{
		"Authorization": redacted, "X-Api-Key": redacted, "x-user-id": redacted, "Set-Cookie": redacted,
		"X-Request-Id": "req-000001", "Accept": "application/json",
	}
	if diff := cmp.Diff(want, redactHeader(h)); diff != "" {
		t.Errorf("redactHeader (-want +got):\n%s", diff)
	}
}
