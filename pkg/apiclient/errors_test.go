package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
)

func TestAPIErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		body string
		err  APIError
		want string
	}{
		{
			name: "detail sentence",
			body: `{"detail":"The specified version is not the expected next version"}`,
			err:  APIError{Status: 409, Endpoint: "create agent version", RequestID: "req-000012"},
			want: "create agent version: 409 Conflict: The specified version is not the expected next version (request req-000012)",
		},
		{
			name: "validation list",
			body: `{"detail":[{"loc":["body","name"],"msg":"String should match pattern","type":"string_pattern_mismatch"},{"loc":["body","states",0],"msg":"Field required","type":"missing"}]}`,
			err:  APIError{Status: 422, Endpoint: "create agent"},
			want: "create agent: 422 Unprocessable Entity: body.name: String should match pattern; body.states.0: Field required",
		},
		{
			name: "not JSON",
			body: "<html>\n  bad   gateway\n</html>",
			err:  APIError{Status: 502, Endpoint: "list agents", RequestID: "r1"},
			want: "list agents: 502 Bad Gateway: <html> bad gateway </html> (request r1)",
		},
		{
			name: "empty body",
			body: "",
			err:  APIError{Status: 404},
			want: "404 Not Found",
		},
		{
			name: "odd detail shape",
			body: `{"detail":{"code":7}}`,
			err:  APIError{Status: 400, Endpoint: "x"},
			want: `x: 400 Bad Request: {"code":7}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.err
			e.Detail, e.Fields = parseErrorBody([]byte(tt.body))
			if got := e.Error(); got != tt.want {
				t.Errorf("Error() = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestAPIErrorIs(t *testing.T) {
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrValidation, ErrRateLimited, ErrUnavailable}
	tests := []struct {
		status int
		want   error // nil: matches none
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {422, ErrValidation}, {429, ErrRateLimited}, {502, ErrUnavailable},
		{503, ErrUnavailable}, {504, ErrUnavailable}, {500, nil}, {418, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &APIError{Status: tt.status})
			for _, s := range sentinels {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%d, %v) = %v", tt.status, s, got)
				}
			}
		})
	}
	helpers := []struct {
		fn     func(error) bool
		status int
	}{
		{IsNotFound, 404}, {IsConflict, 409}, {IsForbidden, 403}, {IsUnavailable, 503}, {IsRateLimited, 429}, {IsUnauthorized, 401}, {IsBadRequest, 400}, {IsValidation, 422},
	}
	for _, h := range helpers {
		if !h.fn(fmt.Errorf("x: %w", &APIError{Status: h.status})) || h.fn(&APIError{Status: 200}) || h.fn(errors.New("plain")) {
			t.Errorf("helper for %d misclassifies", h.status)
		}
	}
}

func TestExcerptTruncatesOnRuneBoundary(t *testing.T) {
	long := make([]byte, 0, 400)
	for len(long) < 400 {
		long = append(long, "é"...)
	}
	got := excerpt(long)
	if len(got) > maxDetail+len("…") {
		t.Errorf("excerpt is %d bytes", len(got))
	}
	for _, r := range got {
		if r == '\uFFFD' {
			t.Fatalf("excerpt split a rune: %q", got)
		}
	}
}

func TestIsUncertain(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&NetworkError{Endpoint: "x", Err: errReset}, true},
		{fmt.Errorf("giving up after 3 attempts: %w", &NetworkError{Err: errReset}), true},
		{&APIError{Status: 503}, true},
		{&APIError{Status: 500}, true},
		{&APIError{Status: 408}, true},
		{&APIError{Status: 429}, false},
		{&APIError{Status: 409}, false},
		{errors.New("decode"), false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := IsUncertain(tt.err); got != tt.want {
			t.Errorf("IsUncertain(%v) = %v", tt.err, got)
		}
	}
}

// TestNetworkErrorSaysItOnce: a request that gets no answer names the
// endpoint, the method and the path once, without the *url.Error's
// "Post \"https://…\":" or a transport's own "POST http://…:" prefix, and
// still unwraps to its cause.
func TestNetworkErrorSaysItOnce(t *testing.T) {
	_, dropper := kitServer(fakeclock.New(), 0, time.Second, emukit.Faults{DropBefore: 1})
	reset := roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, errReset })
	stall := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, req.Context().Err()
	})
	tests := []struct {
		name      string
		transport http.RoundTripper
		endpoint  string
		path      string
		want      string
		cause     error
	}{
		{"reset", reset, "create agent version", "/v1/demo/organization/agent/a1/",
			"create agent version (POST /v1/demo/organization/agent/a1/): connection reset by peer", errReset},
		{"emulator drop", emukit.Transport(dropper), "create", "/create",
			"create (POST /create): connection reset: the emulator dropped the request", emukit.ErrDropped},
		{"timeout", stall, "create", "/create",
			"create (POST /create): context deadline exceeded", context.DeadlineExceeded},
		{"unnamed endpoint", reset, "", "/v1/x", "POST /v1/x: connection reset by peer", errReset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Only the stalling transport needs the deadline; the others
			// fail at once, and a short deadline could beat them under load.
			timeout := time.Minute
			if tt.cause == context.DeadlineExceeded {
				timeout = 5 * time.Millisecond
			}
			c, err := New(Options{BaseURL: "http://127.0.0.1", HTTPClient: &http.Client{Transport: tt.transport},
				Timeout: timeout, MaxAttempts: 1})
			if err != nil {
				t.Fatal(err)
			}
			err = c.Do(context.Background(), Request{Endpoint: Endpoint{Name: tt.endpoint}, Method: "POST",
				Path: tt.path, Retry: RetryRateLimited}, nil)
			var ne *NetworkError
			if !errors.As(err, &ne) || !errors.Is(err, tt.cause) || errors.Unwrap(ne) == nil {
				t.Fatalf("error %v (%T) is not a NetworkError wrapping %v", err, err, tt.cause)
			}
			if err.Error() != tt.want {
				t.Errorf("error reads\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}
