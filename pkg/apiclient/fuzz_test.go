package apiclient

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// FuzzParseErrorBody: any body a server sends gives a message without
// panicking, and never a longer detail than the excerpt bound allows
// (unless it is a 422 list, whose entries are the server's own).
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"detail":"x"}`, `{"detail":[{"loc":["body",0],"msg":"m","type":"t"}]}`, `{"detail":null}`,
		`{"detail":{"a":1}}`, `<html>`, ``, `{"detail":[1,2]}`, `{"detail":[{"loc":null}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		detail, fields := parseErrorBody(body)
		e := &APIError{Status: 400, Endpoint: "x", Detail: detail, Fields: fields}
		msg := e.Error()
		if !strings.HasPrefix(msg, "x: 400 Bad Request") {
			t.Fatalf("message %q", msg)
		}
		if len(fields) == 0 && len(detail) > maxDetail+len("…") && !strings.HasPrefix(string(body), `{"detail":"`) {
			t.Fatalf("detail of %d bytes", len(detail))
		}
	})
}

// FuzzRetryAfter: any header values give a non-negative wait without panicking.
func FuzzRetryAfter(f *testing.F) {
	f.Add("250", "1", "1767225600")
	f.Add("", "Wed, 21 Oct 2015 07:28:00 GMT", "")
	f.Add("-5", "-1", "1e300")
	f.Add("9223372036854775807", "", "NaN")
	f.Add("", "9223372036854775807", "-1e300")
	f.Fuzz(func(t *testing.T, ms, after, reset string) {
		h := http.Header{}
		h.Set("Retry-After-Ms", ms)
		h.Set("Retry-After", after)
		h.Set("X-RateLimit-Reset", reset)
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if d := retryAfter(h, now); d < 0 || d > maxHint {
			t.Fatalf("retryAfter = %v", d)
		}
		p := newPacer(3, time.Second)
		p.observe(h, now)
		if _, w := p.reserve(now); w > time.Second+p.margin {
			t.Fatalf("observe blocked for %v, more than a window", w)
		}
	})
}
