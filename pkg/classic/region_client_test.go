package classic_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// TestRegionalBaseURL: a client given a region and no base URL sends every
// request, sign-in included, over https to that region's host. The
// requests are answered by the emulator through an in-process transport
// that records where they were addressed.
func TestRegionalBaseURL(t *testing.T) {
	e := newEnv(t, envConfig{})
	for _, region := range append([]string{"", "us"}, classic.Regions()...) {
		t.Run(region, func(t *testing.T) {
			want, err := classic.RegionURL(region)
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			seen := map[string]int{}
			next := emukit.Transport(e.server.Handler())
			c := e.newClient(func(o *classic.Options) {
				o.BaseURL, o.Region = "", region
				o.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
					mu.Lock()
					seen[r.URL.Scheme+"://"+r.URL.Host]++
					mu.Unlock()
					return next.RoundTrip(r)
				})}
			})
			if _, err := c.CreateAgent(context.Background(), "agent-"+region); err != nil {
				t.Fatal(err)
			}
			collect(t, c.ListAgents(context.Background(), classic.ContainerFilter{}))
			if len(seen) != 1 || seen[want] != 3 {
				t.Errorf("requests went to %v, want 3 (sign-in, create, list) to %s", seen, want)
			}
		})
	}
}
