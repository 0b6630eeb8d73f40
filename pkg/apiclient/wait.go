package apiclient

import (
	"fmt"
	"time"
)

// Wait is a pause before a request: its endpoint is at its rate limit, or
// the server asked the client to slow down (a 429's Retry-After, or
// X-RateLimit-Remaining: 0). Options.OnWait receives one before each wait.
type Wait struct {
	// Endpoint is the endpoint waited for, with the limit the client
	// paces it to (the server's X-RateLimit-Limit when it sent one).
	Endpoint Endpoint
	// Window is the length of the limits' "minute".
	Window time.Duration
	// For is how long the request waits this time.
	For time.Duration
	// Server is true when the server asked for the wait.
	Server bool
}

// String reads "waiting 14s: create agent version is at its limit of
// 10/min", or "waiting 3s: the server asked create agent version to slow
// down".
func (w Wait) String() string {
	d := w.For.Round(time.Second)
	if w.For < time.Second {
		d = w.For.Round(time.Millisecond)
	}
	if w.Server || w.Endpoint.Limit <= 0 {
		return fmt.Sprintf("waiting %s: the server asked %s to slow down", d, w.Endpoint.Name)
	}
	per := "/min"
	if w.Window != time.Minute {
		per = " per " + w.Window.String()
	}
	return fmt.Sprintf("waiting %s: %s is at its limit of %d%s", d, w.Endpoint.Name, w.Endpoint.Limit, per)
}
