package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit"
)

func TestOverSocket(t *testing.T) {
	f := newFixture(t)
	ts := httptest.NewServer(f.srv.Handler())
	t.Cleanup(ts.Close)
	client := ts.Client()
	do := func(method, path, body string) (*http.Response, error) {
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+f.token)
		return client.Do(req)
	}
	resp, err := do("POST", agentsPath, `{"agent_name": "sock"}`)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create over a socket: %v %v", resp, err)
	}
	resp.Body.Close()
	f.srv.Kit().SetFaults(emukit.Faults{DropBefore: 1})
	if resp, err := do("GET", agentsPath, ""); err == nil {
		resp.Body.Close()
		t.Fatalf("a dropped request answered %d", resp.StatusCode)
	}
	f.srv.Kit().SetFaults(emukit.Faults{})
	resp, err = do("GET", agentsPath, "")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("list after the drop: %v %v", resp, err)
	}
	resp.Body.Close()
}

func BenchmarkListAgents(b *testing.B) {
	f := newFixture(b)
	for i := 0; i < 20; i++ {
		f.newAgent(fmt.Sprintf("agent-%d", i), 1)
	}
	for b.Loop() {
		f.send(f.raw, "GET", agentsPath+"?limit=20", nil, nil)
	}
}

func BenchmarkCreateSHSMVersion(b *testing.B) {
	f := newFixture(b)
	id := f.newSHSM("bench", 0)
	body := graphBody()
	for b.Loop() {
		if r := f.send(f.raw, "POST", shsmsPath+"/"+id+"/", body, nil); r.status != http.StatusCreated {
			b.Fatalf("status %d: %s", r.status, r.body)
		}
	}
}
