package emukit

import (
	"bytes"
	"net/http"
)

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status and passes it on.
func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200 and passes the bytes on.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// statusCode is the status sent, 200 when the handler wrote nothing.
func (w *statusWriter) statusCode() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// recorder is an in-memory http.ResponseWriter. Headers are snapshotted when
// the status is written, as net/http does.
type recorder struct {
	header  http.Header
	sent    http.Header
	status  int
	body    bytes.Buffer
	written bool
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

// Header is the header map the handler edits.
func (r *recorder) Header() http.Header { return r.header }

// WriteHeader records the status and snapshots the headers, once.
func (r *recorder) WriteHeader(code int) {
	if r.written {
		return
	}
	if code < 100 || code > 999 {
		code = http.StatusInternalServerError
	}
	r.written = true
	r.status = code
	r.sent = r.header.Clone()
}

// Write buffers the body, writing a 200 first if needed.
func (r *recorder) Write(b []byte) (int, error) {
	if !r.written {
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(b)
}

// result is the recorded status and headers, with 200 when nothing was written.
func (r *recorder) result() (int, http.Header) {
	if !r.written {
		r.WriteHeader(http.StatusOK)
	}
	return r.status, r.sent
}
