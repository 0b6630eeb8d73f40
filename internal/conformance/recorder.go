package conformance

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// Recorder is an http.RoundTripper that checks every response passing
// through it against a Checker and keeps count. Requests that fail without
// a response (for example dropped connections) are not checked. It is safe
// for concurrent use.
type Recorder struct {
	checker *Checker
	next    http.RoundTripper

	mu         sync.Mutex
	checked    int
	mismatches int
	errs       []error
}

// NewRecorder returns a Recorder that sends requests through next.
func NewRecorder(c *Checker, next http.RoundTripper) *Recorder {
	return &Recorder{checker: c, next: next}
}

// RoundTrip sends req through the next transport and checks the response.
// The response body is read in full and handed back unread.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("read response body of %s %s: %w", req.Method, req.URL.Redacted(), err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	checkErr := r.checker.Check(req.Method, req.URL.Path, resp.StatusCode, body)

	r.mu.Lock()
	defer r.mu.Unlock()
	r.checked++
	if checkErr != nil {
		r.mismatches++
		r.errs = append(r.errs, checkErr)
	}
	return resp, nil
}

// Report returns how many responses were checked, how many disagreed with
// the document, and the disagreements.
func (r *Recorder) Report() (checked, mismatches int, errs []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.checked, r.mismatches, append([]error(nil), r.errs...)
}
