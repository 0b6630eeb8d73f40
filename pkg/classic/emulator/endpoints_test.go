package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
)

// The tests of this file walk classic.Endpoints(), so that a rule stated for
// "every endpoint" is checked on every endpoint, including ones added later.

// endpointPaths fills the path templates of the endpoint table with the ids
// of one agent, one state machine and one service (each with a version), and
// a version set named staging.
type endpointPaths struct{ agent, graph, service string }

// newEndpointPaths creates what the paths name.
func newEndpointPaths(f *fixture) endpointPaths {
	f.t.Helper()
	p := endpointPaths{agent: f.newAgent("paths-agent", 1), graph: f.newSHSM("paths-graph", 1)}
	p.service = f.newService(serviceBody("paths", p.agent, p.graph, false))
	return p
}

// path returns ep's path with every parameter filled.
func (p endpointPaths) path(ep classic.Endpoint) string {
	return strings.NewReplacer(
		"{organization}", "demo",
		"{agent_id}", p.agent,
		"{service_hierarchical_state_machine_id}", p.graph,
		"{state_machine_id}", p.graph,
		"{service_id}", p.service,
		"{version_set_name}", "staging",
	).Replace(ep.Path)
}

// TestEveryEndpointNeedsToken: every endpoint the document secures answers
// 401 without a token, with an unknown token and with an expired one, before
// it looks at the path or the body (which are wrong on purpose: the empty
// body would be a 422); get-organization and sign-in need none.
func TestEveryEndpointNeedsToken(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.TokenLifetime = 10 * time.Minute })
	p := newEndpointPaths(f)
	expired := f.token
	f.clock.Advance(10 * time.Minute)
	fresh := f.signIn()
	for _, ep := range classic.Endpoints() {
		t.Run(ep.Name, func(t *testing.T) {
			if !ep.Authenticated {
				r := f.send(f.client, ep.Method, p.path(ep), nil, map[string]string{"Authorization": ""})
				if r.err != nil || r.status == http.StatusUnauthorized {
					t.Errorf("without a token: status %d, err %v; want no 401", r.status, r.err)
				}
				return
			}
			for _, auth := range []string{"", "Bearer emu-classic.unknown", "Bearer " + expired} {
				r := f.send(f.client, ep.Method, p.path(ep), "{}", map[string]string{"Authorization": auth})
				if r.err != nil || r.status != http.StatusUnauthorized {
					t.Errorf("Authorization %.20q: status %d, err %v; want 401", auth, r.status, r.err)
					continue
				}
				var d struct{ Detail string }
				f.decode(r.body, &d)
				if !strings.HasSuffix(d.Detail, ".") || strings.Contains(d.Detail, expired) {
					t.Errorf("401 detail %q: want a sentence that does not echo the token", d.Detail)
				}
			}
			r := f.send(f.client, ep.Method, p.path(ep), "{}", map[string]string{"Authorization": "Bearer " + fresh})
			if r.err != nil || r.status == http.StatusUnauthorized {
				t.Errorf("with a fresh token: status %d, err %v; want no 401", r.status, r.err)
			}
		})
	}
}

// TestEveryListLimit: every paged list accepts its documented maximum
// `limit` and answers 422 at query.limit for one more.
func TestEveryListLimit(t *testing.T) {
	f := newFixture(t)
	p := newEndpointPaths(f)
	lists := 0
	for _, ep := range classic.Endpoints() {
		if ep.MaxPageSize == 0 {
			continue
		}
		lists++
		t.Run(ep.Name, func(t *testing.T) {
			path := p.path(ep) + "?limit="
			f.call(ep.Method, path+strconv.Itoa(ep.MaxPageSize), nil, http.StatusOK)
			body := f.call(ep.Method, path+strconv.Itoa(ep.MaxPageSize+1), nil, http.StatusUnprocessableEntity)
			if !hasLoc(f.fieldErrors(body), "query.limit") {
				t.Errorf("errors %s lack loc query.limit", body)
			}
		})
	}
	if lists != 6 {
		t.Errorf("%d paged lists in the table, want 6 (agents, SHSMs, both versions, services, tools)", lists)
	}
}

// TestEveryRateLimit: every endpoint with a documented limit lets exactly
// that many requests through in one window, each answer carrying
// X-RateLimit-Limit, a decreasing X-RateLimit-Remaining and
// X-RateLimit-Reset (integer epoch seconds, the window's end rounded up);
// the next request is a 429 with Retry-After in whole seconds (at least 1).
// Each endpoint is checked in a fresh window.
func TestEveryRateLimit(t *testing.T) {
	const window = time.Minute
	f := newFixture(t, func(c *Config) { c.Kit.NoRateLimits = false; c.Kit.Window = window })
	p := newEndpointPaths(f)
	creds := credHeaders(testCredentials())
	for _, ep := range classic.Endpoints() {
		t.Run(ep.Name, func(t *testing.T) {
			f.clock.Advance(window)
			now := f.clock.Now()
			var headers map[string]string
			if ep.Name == classic.EndpointSignIn {
				headers = creds
			}
			// The bodies are empty: a 422 counts against the limit like any answer.
			send := func() response {
				t.Helper()
				r := f.send(f.client, ep.Method, p.path(ep), "{}", headers)
				if r.err != nil {
					t.Fatalf("request: %v", r.err)
				}
				return r
			}
			if ep.Limit == 0 {
				for range 30 {
					if r := send(); r.status == http.StatusTooManyRequests || r.header.Get("X-RateLimit-Limit") != "" {
						t.Fatalf("an endpoint without a documented limit answered %d with limit %q", r.status, r.header.Get("X-RateLimit-Limit"))
					}
				}
				return
			}
			for i := 1; i <= ep.Limit; i++ {
				r := send()
				if r.status == http.StatusTooManyRequests {
					t.Fatalf("request %d of %d refused with 429", i, ep.Limit)
				}
				checkRateHeaders(t, r.header, ep.Limit, ep.Limit-i, now, window)
			}
			r := send()
			if r.status != http.StatusTooManyRequests {
				t.Fatalf("request %d: status %d, want 429", ep.Limit+1, r.status)
			}
			checkRateHeaders(t, r.header, ep.Limit, 0, now, window)
			if after, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || after < 1 || after > int(window/time.Second) {
				t.Errorf("Retry-After %q, want whole seconds in [1, %d]", r.header.Get("Retry-After"), int(window/time.Second))
			}
		})
	}
}

// checkRateHeaders checks the X-RateLimit-* headers of one answer in the
// window of length window that contains now.
func checkRateHeaders(t *testing.T, h http.Header, limit, remaining int, now time.Time, window time.Duration) {
	t.Helper()
	if got := h.Get("X-RateLimit-Limit"); got != strconv.Itoa(limit) {
		t.Errorf("X-RateLimit-Limit %q, want %d", got, limit)
	}
	if got := h.Get("X-RateLimit-Remaining"); got != strconv.Itoa(remaining) {
		t.Errorf("X-RateLimit-Remaining %q, want %d", got, remaining)
	}
	reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil || reset <= now.Unix() || reset > now.Add(window).Unix()+1 {
		t.Errorf("X-RateLimit-Reset %q, want integer epoch seconds in (%d, %d]", h.Get("X-RateLimit-Reset"), now.Unix(), now.Add(window).Unix()+1)
	}
}
