package emulate

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

// DefaultAddr is where each API is served unless told otherwise: loopback,
// on a free port.
const DefaultAddr = "127.0.0.1:0"

// shutdownGrace bounds how long Serve waits for requests in flight.
const shutdownGrace = 5 * time.Second

// Network says where to serve the two APIs.
type Network struct {
	ClassicAddr, PlatformAddr string // host:port; "" means DefaultAddr
	// AllowNonLoopback permits addresses other than loopback, which expose
	// the emulator (and its demo credentials) to the network.
	AllowNonLoopback bool
}

// Served is both emulators bound to their listeners, ready to Serve.
type Served struct {
	*Emulators
	ClassicURL, PlatformURL string // http://host:port, no trailing slash
	classicLn, platformLn   net.Listener
}

// Listen builds the emulators and binds their listeners; nothing is served
// until Serve.
func Listen(cfg Config, n Network) (*Served, error) {
	classicLn, err := listen(n.ClassicAddr, n.AllowNonLoopback)
	if err != nil {
		return nil, fmt.Errorf("classic API: %w", err)
	}
	platformLn, err := listen(n.PlatformAddr, n.AllowNonLoopback)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("platform API: %w", err), classicLn.Close())
	}
	emus, err := New(cfg)
	if err != nil {
		return nil, errors.Join(err, classicLn.Close(), platformLn.Close())
	}
	return &Served{
		Emulators:   emus,
		ClassicURL:  "http://" + classicLn.Addr().String(),
		PlatformURL: "http://" + platformLn.Addr().String(),
		classicLn:   classicLn,
		platformLn:  platformLn,
	}, nil
}

// listen binds addr, refusing non-loopback hosts unless allowed.
func listen(addr string, allowNonLoopback bool) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("address %q is not host:port: %w", addr, err)
	}
	if !allowNonLoopback && !isLoopbackHost(host) {
		return nil, fmt.Errorf("address %q is not loopback; use 127.0.0.1 (or allow non-loopback addresses explicitly)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); !allowNonLoopback && (!ok || !tcp.IP.IsLoopback()) {
		return nil, errors.Join(fmt.Errorf("address %q resolved to %s, which is not loopback", addr, ln.Addr()), ln.Close())
	}
	return ln, nil
}

// isLoopbackHost reports whether host is "localhost" or a loopback IP.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve serves both APIs until ctx is done or one of them fails, then shuts
// the servers down (waiting a few seconds for requests in flight) and
// closes the emulators.
func (s *Served) Serve(ctx context.Context) error {
	servers := []*http.Server{
		{Handler: s.Classic.Handler(), ReadHeaderTimeout: 10 * time.Second},
		{Handler: s.Platform.Handler(), ReadHeaderTimeout: 10 * time.Second},
	}
	listeners := []net.Listener{s.classicLn, s.platformLn}
	// A server that stops on its own (its listener failed) cancels gctx,
	// so Serve does not go on waiting for ctx while serving only one API.
	g, gctx := errgroup.WithContext(ctx)
	for i, srv := range servers {
		g.Go(func() error {
			if err := srv.Serve(listeners[i]); !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("serve %s: %w", listeners[i].Addr(), err)
			}
			return nil
		})
	}
	<-gctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	var errs []error
	for _, srv := range servers {
		if err := srv.Shutdown(shutdownCtx); err != nil {
			errs = append(errs, fmt.Errorf("shut down: %w", err))
		}
	}
	errs = append(errs, g.Wait(), s.Emulators.Close())
	return errors.Join(errs...)
}

// Close releases the listeners and the emulators of a Served that will not
// be served; Serve releases them itself when it ends.
func (s *Served) Close() error {
	return errors.Join(s.classicLn.Close(), s.platformLn.Close(), s.Emulators.Close())
}
