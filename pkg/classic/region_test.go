package classic

import (
	"strings"
	"testing"
)

func TestRegionURL(t *testing.T) {
	tests := []struct {
		region, want, wantErr string
	}{
		{"", "https://api.amigo.ai", ""},
		{"us", "https://api.amigo.ai", ""},
		{"eu-central-1", "https://api-eu-central-1.amigo.ai", ""},
		{"ap-southeast-2", "https://api-ap-southeast-2.amigo.ai", ""},
		{"ca-central-1", "https://api-ca-central-1.amigo.ai", ""},
		{"mars-1", "", `unknown Classic region "mars-1"`},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			got, err := RegionURL(tt.region)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("RegionURL(%q) error = %v, want %q", tt.region, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("RegionURL(%q) = %q, %v; want %q", tt.region, got, err, tt.want)
			}
		})
	}
}

func TestNewChecksOptions(t *testing.T) {
	good := Options{Org: "acme", APIKey: "fake-key-123", APIKeyID: "fake-key-id", UserID: "fake-user"}
	tests := []struct {
		name    string
		edit    func(*Options)
		wantErr string
	}{
		{"defaults", func(*Options) {}, ""},
		{"region", func(o *Options) { o.Region = "eu-central-1" }, ""},
		{"loopback http", func(o *Options) { o.BaseURL = "http://127.0.0.1:8080" }, ""},
		{"remote http", func(o *Options) { o.BaseURL = "http://api.amigo.ai" }, "plain http"},
		{"loopback http by name", func(o *Options) { o.BaseURL = "http://localhost:8080" }, ""},
		{"loopback http IPv6", func(o *Options) { o.BaseURL = "http://[::1]:8080" }, ""},
		{"loopback http 127/8", func(o *Options) { o.BaseURL = "http://127.9.9.9:8080" }, ""},
		{"remote https", func(o *Options) { o.BaseURL = "https://api.amigo.ai" }, ""},
		{"upper-case HTTP", func(o *Options) { o.BaseURL = "HTTP://api.amigo.ai" }, "plain http"},
		{"http to a name that starts like loopback", func(o *Options) { o.BaseURL = "http://127.0.0.1.example.com" }, "plain http"},
		{"http to localhost subdomain", func(o *Options) { o.BaseURL = "http://localhost.example.com" }, "plain http"},
		{"http to a private address", func(o *Options) { o.BaseURL = "http://10.0.0.1:8080" }, "plain http"},
		{"http to all addresses", func(o *Options) { o.BaseURL = "http://0.0.0.0:8080" }, "plain http"},
		{"other scheme", func(o *Options) { o.BaseURL = "ftp://api.amigo.ai" }, "https://"},
		{"credentials in the URL", func(o *Options) { o.BaseURL = "https://fake-key-123@api.amigo.ai" }, "credentials"},
		{"both base URL and region", func(o *Options) { o.BaseURL = "https://x.example"; o.Region = "eu-central-1" }, "not both"},
		{"unknown region", func(o *Options) { o.Region = "moon" }, "unknown Classic region"},
		{"no org", func(o *Options) { o.Org = "" }, "organization is required"},
		{"no key", func(o *Options) { o.APIKey = "" }, "all required"},
		{"no user", func(o *Options) { o.UserID = "" }, "all required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good
			tt.edit(&o)
			_, err := New(o)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("New: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("New error = %v, want %q", err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "fake-key-123"):
				t.Fatalf("New error leaks the API key: %v", err)
			}
		})
	}
}

// TestBaseURLReportsTheRegion checks that the client reports the base URL
// it resolved, which a version cache keys on.
func TestBaseURLReportsTheRegion(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Region: "eu-central-1"}, "https://api-eu-central-1.amigo.ai"},
		{Options{}, "https://api.amigo.ai"},
		{Options{BaseURL: "http://127.0.0.1:8080/"}, "http://127.0.0.1:8080"},
	}
	for _, tt := range tests {
		tt.opts.Org, tt.opts.APIKey, tt.opts.APIKeyID, tt.opts.UserID = "demo", "fake-key", "fake-key-id", "fake-user"
		c, err := New(tt.opts)
		if err != nil {
			t.Fatalf("New(%+v): %v", tt.opts, err)
		}
		if got := c.BaseURL(); got != tt.want {
			t.Errorf("BaseURL() = %q, want %q", got, tt.want)
		}
	}
}
