package emukit

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestDropsInProcess(t *testing.T) {
	tests := []struct {
		name     string
		faults   Faults
		wantRuns int
	}{
		{"drop before does not run the handler", Faults{DropBefore: 1}, 0},
		{"drop after runs the handler", Faults{DropAfter: 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := New(Options{Faults: tt.faults})
			h := &okHandler{}
			client := &http.Client{Transport: Transport(k.Wrap(Endpoint{Name: "w"}, h))}
			resp, err := client.Post("http://emulator.test/w", "application/json", strings.NewReader(`{}`))
			if err == nil {
				resp.Body.Close()
				t.Fatalf("got %s, want a dropped connection", resp.Status)
			}
			if !errors.Is(err, ErrDropped) {
				t.Errorf("error %v does not wrap ErrDropped", err)
			}
			if h.count() != tt.wantRuns {
				t.Errorf("handler ran %d times, want %d", h.count(), tt.wantRuns)
			}
			if k.Stats()["w"][0] != 1 {
				t.Errorf("stats %v, want one drop", k.Stats())
			}
		})
	}
}

func TestDropsOverRealServer(t *testing.T) {
	for _, f := range []Faults{{DropBefore: 1}, {DropAfter: 1}} {
		k := New(Options{Faults: f})
		h := &okHandler{}
		srv := httptest.NewServer(k.Wrap(Endpoint{Name: "w"}, h))
		resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(`{}`))
		if err == nil {
			resp.Body.Close()
			t.Errorf("%+v: got %s, want a client error", f, resp.Status)
		}
		srv.Close()
		want := 0
		if f.DropAfter > 0 {
			want = 1
		}
		if h.count() != want {
			t.Errorf("%+v: handler ran %d times, want %d", f, h.count(), want)
		}
	}
}

func TestTransportServesRequests(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Seen", r.Method+" "+r.RequestURI+" "+r.Host+" "+string(body))
		switch r.URL.Path {
		case "/empty":
			return
		case "/panic":
			panic("boom")
		case "/late-header":
			w.WriteHeader(http.StatusCreated)
			w.Header().Set("X-Late", "1")
		}
		_, _ = w.Write([]byte("hello"))
	})
	client := &http.Client{Transport: Transport(h)}
	tests := []struct {
		name, method, url, body string
		wantStatus              int
		wantBody, wantSeen      string
		wantErr                 bool
	}{
		{"get", "GET", "http://emu.test/a?b=1", "", 200, "hello", "GET /a?b=1 emu.test ", false},
		{"post body", "POST", "http://emu.test/p", "data", 200, "hello", "POST /p emu.test data", false},
		{"nothing written is 200", "GET", "http://emu.test/empty", "", 200, "", "GET /empty emu.test ", false},
		{"head has no body", "HEAD", "http://emu.test/h", "", 200, "", "HEAD /h emu.test ", false},
		{"headers after WriteHeader are not sent", "GET", "http://emu.test/late-header", "", 201, "hello", "GET /late-header emu.test ", false},
		{"panic is an error", "GET", "http://emu.test/panic", "", 0, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, tt.url, strings.NewReader(tt.body))
			if tt.body == "" {
				req.Body = nil
			}
			resp, err := client.Do(req)
			if tt.wantErr {
				if err == nil || !errors.Is(err, ErrDropped) {
					t.Fatalf("error %v, want one wrapping ErrDropped", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody || resp.Header.Get("X-Seen") != tt.wantSeen {
				t.Errorf("got %d %q seen %q, want %d %q seen %q", resp.StatusCode, body, resp.Header.Get("X-Seen"), tt.wantStatus, tt.wantBody, tt.wantSeen)
			}
			if resp.Header.Get("X-Late") != "" {
				t.Error("a header set after WriteHeader leaked into the response")
			}
		})
	}
}

// TestTransportReportsContextEnd: an attempt whose context ends while the
// handler runs is reported with the context's error, as net/http reports a
// timeout, not as a reset connection; whether the handler then aborts (a
// server that never answers) or answers too late.
func TestTransportReportsContextEnd(t *testing.T) {
	stall := func(abort bool) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
			if abort {
				panic(http.ErrAbortHandler)
			}
			w.WriteHeader(http.StatusOK)
		})
	}
	tests := []struct {
		name  string
		abort bool
		end   func() (context.Context, context.CancelFunc)
		want  error
	}{
		{"deadline, handler aborts", true, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 5*time.Millisecond)
		}, context.DeadlineExceeded},
		{"deadline, handler answers late", false, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 5*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancelled, handler aborts", true, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(5*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.end()
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://emu.test/slow", nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := Transport(stall(tt.abort)).RoundTrip(req)
			if err == nil {
				resp.Body.Close()
				t.Fatalf("got %s, want the context's error", resp.Status)
			}
			if !errors.Is(err, tt.want) || errors.Is(err, ErrDropped) {
				t.Errorf("error %q; want one wrapping %v and not ErrDropped", err, tt.want)
			}
		})
	}
}
