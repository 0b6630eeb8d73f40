package classic_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/classic/emulator"
)

// BenchmarkListAgents walks 45 agents (3 pages) on the in-process emulator
// with rate limits off, and reports the requests each walk sends.
func BenchmarkListAgents(b *testing.B) {
	e := newEnv(b, envConfig{
		emu:    func(c *emulator.Config) { c.Kit.NoRateLimits = true },
		client: func(o *classic.Options) { o.Logger = nil },
	})
	ctx := context.Background()
	for i := range 45 {
		if _, err := e.client.CreateAgent(ctx, fmt.Sprintf("agent-%02d", i)); err != nil {
			b.Fatal(err)
		}
	}
	before := e.client.Stats()[classic.EndpointListAgents][200]
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, err := range e.client.ListAgents(ctx, classic.ContainerFilter{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 45 {
			b.Fatalf("listed %d agents, want 45", n)
		}
	}
	after := e.client.Stats()[classic.EndpointListAgents][200]
	b.ReportMetric(float64(after-before)/float64(b.N), "requests/op")
}
