package emulate

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/fakeclock"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// signInHeaders signs in once over rt and returns the status and the
// rate-limit headers of the answer.
func signInHeaders(t *testing.T, rt http.RoundTripper, base string, cfg Config) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/v1/"+cfg.Org+"/user/signin_with_api_key", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Credentials
	req.Header.Set("x-api-key", c.APIKey.Value)
	req.Header.Set("x-api-key-id", c.APIKeyID.Value)
	req.Header.Set("x-user-id", c.UserID.Value)
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// TestEmbeddedRateWindow: the embedded target keeps the documented limits
// per real minute by default, and Config.Kit.Window scales the minute. The
// Classic sign-in is limited to 5 per minute.
func TestEmbeddedRateWindow(t *testing.T) {
	tests := []struct {
		name            string
		window          time.Duration
		wantWindow      time.Duration
		wantRetryAfter  string
		wantRetryAfterM string
	}{
		{"documented minute by default", 0, time.Minute, "60", "60000"},
		{"scaled to 200ms", 200 * time.Millisecond, 200 * time.Millisecond, "1", "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := fakeclock.New()
			target, err := Embedded(t.TempDir(), Config{Kit: emukit.Options{Window: tt.window, Now: clk.Now}})
			if err != nil {
				t.Fatal(err)
			}
			defer target.Close()
			if got := target.RateWindow(); got != tt.wantWindow {
				t.Errorf("RateWindow() = %v, want %v", got, tt.wantWindow)
			}
			signIn := func() (int, http.Header) {
				return signInHeaders(t, target.ClassicTransport, target.ClassicURL, target.Config())
			}
			for i := range 5 {
				if status, _ := signIn(); status != http.StatusOK {
					t.Fatalf("sign-in %d: %d, want 200", i+1, status)
				}
			}
			status, h := signIn()
			if status != http.StatusTooManyRequests || h.Get("Retry-After") != tt.wantRetryAfter || h.Get("Retry-After-Ms") != tt.wantRetryAfterM {
				t.Errorf("sixth sign-in: %d Retry-After %q Retry-After-Ms %q; want 429 %q %q",
					status, h.Get("Retry-After"), h.Get("Retry-After-Ms"), tt.wantRetryAfter, tt.wantRetryAfterM)
			}
			clk.Advance(200 * time.Millisecond)
			status, _ = signIn()
			if scaled := tt.wantWindow == 200*time.Millisecond; (status == http.StatusOK) != scaled {
				t.Errorf("sign-in 200ms later: %d (window %v)", status, tt.wantWindow)
			}
			clk.Advance(time.Minute)
			if status, _ := signIn(); status != http.StatusOK {
				t.Errorf("sign-in a minute later: %d, want 200", status)
			}
		})
	}
}

// TestEmbeddedEnsuresOrgOverExistingState: a restart over existing state
// with another organization still serves that organization and a workspace
// whose backend_org_id is it, and keeps the Platform state.
func TestEmbeddedEnsuresOrgOverExistingState(t *testing.T) {
	dir := t.TempDir()
	first, err := Embedded(dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	a := newAPIs(t, first.Config(), first.ClassicURL, first.PlatformURL, first.ClassicTransport, first.PlatformTransport)
	if got := a.createPlatformAgent(t, "intake"); got != http.StatusCreated {
		t.Fatalf("create platform agent: %d", got)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := Embedded(dir, Config{Org: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	a = newAPIs(t, second.Config(), second.ClassicURL, second.PlatformURL, second.ClassicTransport, second.PlatformTransport)
	a.signIn(t)
	if ws := a.workspace(t); ws["backend_org_id"] != "acme" {
		t.Errorf("workspace %v, want backend_org_id acme", ws)
	}
	if got := a.createPlatformAgent(t, "intake"); got != http.StatusConflict {
		t.Errorf("create platform agent again: %d, want 409 (state kept)", got)
	}
	a.checkConformance(t)
}

// TestEmbeddedConcurrentWrites: concurrent creates on both APIs of the
// embedded target all succeed (under -race), and every one of them is in
// the .amigosync state after a restart.
func TestEmbeddedConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Kit: emukit.Options{NoRateLimits: true}}
	first, err := Embedded(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := newAPIs(t, first.Config(), first.ClassicURL, first.PlatformURL, first.ClassicTransport, first.PlatformTransport)
	a.signIn(t)
	const workers, each = 4, 5
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				name := fmt.Sprintf("agent_%d_%d", w, i)
				for _, classic := range []bool{true, false} {
					if status, err := a.tryCreateAgent(classic, name); status != http.StatusCreated || err != nil {
						t.Errorf("create %s (classic %v): %d %v, want 201", name, classic, status, err)
					}
				}
			}
		})
	}
	wg.Wait()
	a.checkConformance(t)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	second, err := Embedded(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	b := newAPIs(t, second.Config(), second.ClassicURL, second.PlatformURL, second.ClassicTransport, second.PlatformTransport)
	b.signIn(t)
	for w := range workers {
		for i := range each {
			name := fmt.Sprintf("agent_%d_%d", w, i)
			for _, classic := range []bool{true, false} {
				if status, err := b.tryCreateAgent(classic, name); status != http.StatusConflict || err != nil {
					t.Errorf("after a restart, create %s (classic %v) again: %d %v, want 409", name, classic, status, err)
				}
			}
		}
	}
	b.checkConformance(t)
}
