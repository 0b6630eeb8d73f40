package emulate

import (
	"strings"
	"testing"
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
