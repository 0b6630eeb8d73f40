package emukit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// ErrDropped is the error a Transport returns when the handler aborted the
// connection (an injected drop): the client got no response.
var ErrDropped = errors.New("connection reset: the emulator dropped the request")

// Transport returns an http.RoundTripper that serves h in-process, without a
// socket. A handler that aborts (an injected drop, or any panic) becomes a
// client-side error wrapping ErrDropped, like a reset connection, never a
// panic in the caller. A request whose context ends before the handler
// returns fails with the context's error (context.DeadlineExceeded or
// context.Canceled), as over a socket.
func Transport(h http.Handler) http.RoundTripper { return transport{h: h} }

type transport struct{ h http.Handler }

// RoundTrip serves req with the handler and returns the recorded response.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "127.0.0.1:1"
	if sreq.Host == "" {
		sreq.Host = req.URL.Host
	}
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	rec := newRecorder()
	err := serve(t.h, rec, sreq)
	// A request whose context ended while the handler ran got no answer in
	// time, whatever the handler then did (aborted, as a server that never
	// answers, or answered late): net/http reports the context's error, so
	// the client sees a timeout as a timeout, not as a reset connection.
	if cerr := req.Context().Err(); cerr != nil {
		return nil, fmt.Errorf("the request ended before the emulator answered: %w", cerr)
	}
	if err != nil {
		// http.Client wraps this in a *url.Error that names the method
		// and URL; saying them here too would repeat them.
		return nil, err
	}
	status, header := rec.result()
	body := rec.body.Bytes()
	if req.Method == http.MethodHead {
		body = nil
	}
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// serve runs h, turning a panic into an error as net/http would turn it into
// a closed connection.
func serve(h http.Handler, w http.ResponseWriter, r *http.Request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				err = ErrDropped
				return
			}
			err = fmt.Errorf("%w (handler panic: %v)", ErrDropped, p)
		}
	}()
	h.ServeHTTP(w, r)
	return nil
}
