package conformance

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit"
)

func TestRecorder(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/{org}/pet/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("bad") != "" {
			emukit.WriteJSON(w, 200, map[string]any{"pets": "nope"})
			return
		}
		emukit.WriteJSON(w, 200, map[string]any{"pets": []any{}, "has_more": false})
	})
	mux.HandleFunc("GET /v1/{org}/pet/count", func(w http.ResponseWriter, r *http.Request) {
		emukit.WriteError(w, 503, emukit.MaintenanceMessage)
	})
	handler := http.NewServeMux()
	handler.Handle("/", mux)
	// Dropped connections have no response to check and are not counted.
	dropKit := emukit.New(emukit.Options{Faults: emukit.Faults{DropBefore: 1}})
	handler.Handle("/v1/acme/dropped", dropKit.Wrap(emukit.Endpoint{Name: "drop"}, mux))

	rec := NewRecorder(loadPets(t), emukit.Transport(handler))
	client := &http.Client{Transport: rec}
	urls := []string{
		"http://emu.test/v1/acme/pet/",
		"http://emu.test/v1/acme/pet/?bad=1",
		"http://emu.test/v1/acme/pet/count",
		"http://emu.test/v1/acme/dropped",
	}
	var wg sync.WaitGroup
	for range 5 {
		for _, u := range urls {
			wg.Go(func() {
				resp, err := client.Get(u)
				if err != nil {
					if !strings.HasSuffix(u, "dropped") {
						t.Errorf("GET %s: %v", u, err)
					}
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if len(body) == 0 {
					t.Errorf("GET %s: the recorder did not hand the body back", u)
				}
			})
		}
	}
	wg.Wait()
	checked, mismatches, errs := rec.Report()
	if checked != 15 || mismatches != 10 || len(errs) != 10 {
		t.Fatalf("report %d checked, %d mismatches, %d errors; want 15, 10, 10: %v", checked, mismatches, len(errs), errs)
	}
	var schema, status int
	for _, err := range errs {
		switch {
		case strings.Contains(err.Error(), "does not match the response schema"):
			schema++
		case strings.Contains(err.Error(), "status 503 is not documented"):
			status++
		}
	}
	if schema != 5 || status != 5 {
		t.Errorf("%d schema and %d status mismatches, want 5 and 5: %v", schema, status, errs)
	}
}
