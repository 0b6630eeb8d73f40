package emulate

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

func TestListenRefusesNonLoopback(t *testing.T) {
	tests := []struct {
		addr    string
		allow   bool
		wantErr string
	}{
		{"127.0.0.1:0", false, ""},
		{"localhost:0", false, ""},
		{"", false, ""},
		{"0.0.0.0:0", false, "is not loopback"},
		{":0", false, "is not loopback"},
		{"192.0.2.1:0", false, "is not loopback"},
		{"example.com:0", false, "is not loopback"},
		{"127.0.0.1", false, "is not host:port"},
		{"0.0.0.0:0", true, ""},
	}
	for _, tt := range tests {
		ln, err := listen(tt.addr, tt.allow)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("listen(%q, %v): %v", tt.addr, tt.allow, err)
				continue
			}
			ln.Close()
			continue
		}
		if err == nil {
			ln.Close()
			t.Errorf("listen(%q, %v) succeeded, want an error containing %q", tt.addr, tt.allow, tt.wantErr)
		} else if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("listen(%q, %v): %v, want %q", tt.addr, tt.allow, err, tt.wantErr)
		}
	}
}

// TestServedCloseReleasesTheListeners: a Served closed without being served
// frees its two addresses.
func TestServedCloseReleasesTheListeners(t *testing.T) {
	srv, err := Listen(Config{}, Network{})
	if err != nil {
		t.Fatal(err)
	}
	addrs := []string{strings.TrimPrefix(srv.ClassicURL, "http://"), strings.TrimPrefix(srv.PlatformURL, "http://")}
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, addr := range addrs {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Errorf("after Close, %s is still bound: %v", addr, err)
			continue
		}
		ln.Close()
	}
}

// TestServeEndsWhenAServerFails: when one API's server stops on its own,
// Serve shuts the other down and returns the failure instead of waiting
// for its context, which nobody may ever cancel.
func TestServeEndsWhenAServerFails(t *testing.T) {
	srv, err := Listen(Config{}, Network{})
	if err != nil {
		t.Fatal(err)
	}
	srv.platformLn.Close() // the platform server's Serve fails at once
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "serve") {
			t.Errorf("Serve: %v, want the failure of the platform server", err)
		}
	case <-time.After(time.Minute): // a hang, not a speed check
		t.Fatal("Serve still running a minute after its platform server failed")
	}
}
