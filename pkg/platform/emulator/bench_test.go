package emulator

import (
	"net/http"
	"testing"
)

// BenchmarkCreateContextGraphVersion measures one validated, stored context
// graph version (in memory), the emulator's heaviest request.
func BenchmarkCreateContextGraphVersion(b *testing.B) {
	c := newClient(b, Config{})
	c.unchecked = true // the recorder would dominate the measurement
	id := c.mustGraph("bench")
	path := wsPath("/context-graphs/" + id + "/versions")
	body := validGraphJSON
	b.ReportAllocs()
	for b.Loop() {
		if resp := c.do("POST", path, body); resp.status != http.StatusCreated {
			b.Fatalf("status %d: %s", resp.status, resp.body)
		}
	}
}

// BenchmarkListAgents measures a full page of the agent list.
func BenchmarkListAgents(b *testing.B) {
	c := newClient(b, Config{})
	c.unchecked = true
	for i := range 100 {
		c.mustAgent("agent-" + string(rune('a'+i%26)) + string(rune('a'+i/26)))
	}
	b.ReportAllocs()
	for b.Loop() {
		if resp := c.do("GET", wsPath("/agents?limit=20&continuation_token=40"), nil); resp.status != http.StatusOK {
			b.Fatalf("status %d", resp.status)
		}
	}
}
