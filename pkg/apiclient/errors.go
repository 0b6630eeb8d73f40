package apiclient

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors that an *APIError matches with errors.Is, by HTTP status.
var (
	// ErrBadRequest matches a 400 Bad Request.
	ErrBadRequest = errors.New("bad request")
	// ErrUnauthorized matches a 401 Unauthorized.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden matches a 403 Forbidden.
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound matches a 404 Not Found.
	ErrNotFound = errors.New("not found")
	// ErrConflict matches a 409 Conflict.
	ErrConflict = errors.New("conflict")
	// ErrValidation matches a 422 Unprocessable Entity.
	ErrValidation = errors.New("validation failed")
	// ErrRateLimited matches a 429 Too Many Requests.
	ErrRateLimited = errors.New("rate limited")
	// ErrUnavailable matches a 502, 503 or 504: the service is down or in maintenance.
	ErrUnavailable = errors.New("service unavailable")
)

// APIError is a non-2xx answer from the server, with what the server said
// about it. Its message reads like
// "create agent version: 409 Conflict: The specified version is not the
// expected next version (request req-000012)".
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Method and Path are the request's method and escaped path (no query).
	Method, Path string
	// Endpoint is the name of the endpoint, e.g. "create agent version".
	Endpoint string
	// Detail is the server's message (the "detail" string of the body), or
	// a short excerpt of a body that is not the usual JSON shape.
	Detail string
	// RequestID is the X-Request-Id response header, for support requests.
	RequestID string
	// Fields lists the per-field problems of a 422 answer.
	Fields []FieldError
	// RetryAfter is how long the server asked us to wait (429, 503), or 0.
	RetryAfter time.Duration
}

// FieldError is one entry of a 422 answer's detail list: where the problem
// is (e.g. ["body", "states", "start", "actions"]), what it is, and its type.
type FieldError struct {
	Loc  []any  `json:"loc"`  // where: "body", then field names and indexes
	Msg  string `json:"msg"`  // what, e.g. "Field required"
	Type string `json:"type"` // machine type, e.g. "missing"
}

// String renders the field error as "body.name: String should match pattern".
func (f FieldError) String() string {
	parts := make([]string, len(f.Loc))
	for i, l := range f.Loc {
		parts[i] = fmt.Sprint(l)
	}
	if len(parts) == 0 {
		return f.Msg
	}
	return strings.Join(parts, ".") + ": " + f.Msg
}

// Error reads as "endpoint: status text: detail (request id)".
func (e *APIError) Error() string {
	if e.Endpoint == "" {
		return e.Reason()
	}
	return e.Endpoint + ": " + e.Reason()
}

// Reason is the answer without the endpoint, "status text: detail
// (request id)", for a caller whose own message already says which
// operation this was (so that it is not said twice).
func (e *APIError) Reason() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Status, http.StatusText(e.Status))
	if msg := e.message(); msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request %s)", e.RequestID)
	}
	return b.String()
}

func (e *APIError) message() string {
	if len(e.Fields) == 0 {
		return e.Detail
	}
	msgs := make([]string, 0, len(e.Fields)+1)
	if e.Detail != "" {
		msgs = append(msgs, e.Detail)
	}
	for _, f := range e.Fields {
		msgs = append(msgs, f.String())
	}
	return strings.Join(msgs, "; ")
}

// Is maps the status to the package's sentinel errors, so that
// errors.Is(err, ErrNotFound) works on any wrapped *APIError.
func (e *APIError) Is(target error) bool {
	switch e.Status {
	case http.StatusBadRequest:
		return target == ErrBadRequest
	case http.StatusUnauthorized:
		return target == ErrUnauthorized
	case http.StatusForbidden:
		return target == ErrForbidden
	case http.StatusNotFound:
		return target == ErrNotFound
	case http.StatusConflict:
		return target == ErrConflict
	case http.StatusUnprocessableEntity:
		return target == ErrValidation
	case http.StatusTooManyRequests:
		return target == ErrRateLimited
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return target == ErrUnavailable
	}
	return false
}

// IsNotFound reports whether err is (or wraps) a 404 answer.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsConflict reports whether err is (or wraps) a 409 answer.
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }

// IsRateLimited reports whether err is (or wraps) a 429 answer.
func IsRateLimited(err error) bool { return errors.Is(err, ErrRateLimited) }

// IsUnauthorized reports whether err is (or wraps) a 401 answer.
func IsUnauthorized(err error) bool { return errors.Is(err, ErrUnauthorized) }

// IsForbidden reports whether err is (or wraps) a 403 answer.
func IsForbidden(err error) bool { return errors.Is(err, ErrForbidden) }

// IsUnavailable reports whether err is (or wraps) a 502, 503 or 504 answer.
func IsUnavailable(err error) bool { return errors.Is(err, ErrUnavailable) }

// IsBadRequest reports whether err is (or wraps) a 400 answer.
func IsBadRequest(err error) bool { return errors.Is(err, ErrBadRequest) }

// IsValidation reports whether err is (or wraps) a 422 answer.
func IsValidation(err error) bool { return errors.Is(err, ErrValidation) }

// NetworkError is an attempt that got no complete answer (connection
// refused or reset, timeout): the request may or may not have reached the
// server, so a write that failed this way may or may not have happened.
type NetworkError struct {
	// Endpoint, Method and Path identify the request.
	Endpoint, Method, Path string
	// Err is the cause.
	Err error
}

// Error reads as "endpoint (METHOD path): cause", or "METHOD path: cause"
// for a request with no endpoint name of its own, saying each once.
func (e *NetworkError) Error() string {
	request := e.Method + " " + e.Path
	if e.Endpoint == "" || e.Endpoint == request {
		return fmt.Sprintf("%s: %v", request, e.Err)
	}
	return fmt.Sprintf("%s (%s): %v", e.Endpoint, request, e.Err)
}

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// IsNetwork reports whether err is (or wraps) a *NetworkError.
func IsNetwork(err error) bool {
	var ne *NetworkError
	return errors.As(err, &ne)
}

// IsUncertain reports whether a failed write may nevertheless have been
// applied by the server: no complete answer arrived, or the answer was
// 408, 500, 502, 503 or 504. Guarded writes check the server's state after
// such an error before sending the write again.
func IsUncertain(err error) bool {
	if IsNetwork(err) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && transientStatus(ae.Status)
}

// transientStatus reports whether an answer with this status says the
// server failed or timed out, rather than refused: 408, 500, 502, 503 or
// 504. Such a request may have been applied, and sending it again may work,
// so reads retry on these and guarded writes check before repeating.
func transientStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// maxDetail bounds how much of an unexpected error body goes into a message.
const maxDetail = 300

// parseErrorBody reads the FastAPI-style error bodies both APIs use:
// {"detail": "sentence"} or {"detail": [{loc, msg, type}, ...]}. Anything else
// becomes a short excerpt of the body.
func parseErrorBody(data []byte) (detail string, fields []FieldError) {
	var env struct {
		Detail json.RawMessage `json:"detail"`
	}
	if err := json.Unmarshal(data, &env); err == nil && len(env.Detail) > 0 {
		if err := json.Unmarshal(env.Detail, &detail); err == nil {
			return detail, nil
		}
		if err := json.Unmarshal(env.Detail, &fields); err == nil {
			return "", fields
		}
		return excerpt(env.Detail), nil
	}
	return excerpt(data), nil
}

// excerpt returns the body as one trimmed line of at most maxDetail bytes,
// or "" for an empty body.
func excerpt(data []byte) string {
	s := strings.Join(strings.Fields(string(data)), " ")
	if len(s) <= maxDetail {
		return s
	}
	cut := maxDetail
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
