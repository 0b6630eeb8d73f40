package apiclient

import (
	"context"
	"sync"
	"testing"
	"time"
)

// ctxKey marks the context of a request, to check that OnWait gets it.
type ctxKey struct{}

func TestOnWaitSaysWhatWaitsAndWhy(t *testing.T) {
	tests := []struct {
		name    string
		replies []reply
		limit   int
		// want are the waits reported while sending two requests.
		want []string
	}{
		{
			name:    "the client's pacing",
			replies: []reply{{status: 200}},
			limit:   1,
			// The first answer came at the instant the second request is
			// ready (a fake clock), so the pacer first polls, then waits
			// out the rest of the window and its margin.
			want: []string{"waiting 3s: create agent version is at its limit of 1/min", "waiting 1m0s: create agent version is at its limit of 1/min"},
		},
		{
			name:    "the server's Retry-After",
			replies: []reply{{status: 200}, {status: 429, header: map[string]string{"Retry-After": "14"}}, {status: 200}},
			want:    []string{"waiting 14s: the server asked create agent version to slow down"},
		},
		{
			name:    "no wait, no call",
			replies: []reply{{status: 200}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []string
			s := &script{replies: tt.replies}
			c, _ := newTestClient(t, s, func(o *Options) {
				o.OnWait = func(ctx context.Context, w Wait) {
					if ctx.Value(ctxKey{}) != "mine" {
						t.Errorf("OnWait got a context without the request's value")
					}
					mu.Lock()
					got = append(got, w.String())
					mu.Unlock()
				}
			})
			ctx := context.WithValue(context.Background(), ctxKey{}, "mine")
			req := Request{Endpoint: Endpoint{Name: "create agent version", Limit: tt.limit}, Method: "POST", Path: "/x", Retry: RetryRateLimited}
			for range 2 {
				if err := c.Do(ctx, req, nil); err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("waits reported: %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("wait %d: %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestWaitString(t *testing.T) {
	tests := []struct {
		w    Wait
		want string
	}{
		{Wait{Endpoint: Endpoint{Name: "create agent version", Limit: 10}, Window: time.Minute, For: 14*time.Second + 300*time.Millisecond},
			"waiting 14s: create agent version is at its limit of 10/min"},
		{Wait{Endpoint: Endpoint{Name: "list agents", Limit: 20}, Window: 2 * time.Second, For: 340 * time.Millisecond},
			"waiting 340ms: list agents is at its limit of 20 per 2s"},
		{Wait{Endpoint: Endpoint{Name: "list services"}, Window: time.Minute, For: 3 * time.Second},
			"waiting 3s: the server asked list services to slow down"},
	}
	for _, tt := range tests {
		if got := tt.w.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.w, got, tt.want)
		}
	}
}
