package classic_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/classic/emulator"
)

// TestBurstGetsNo429 fires 100 list calls at once, 25 on each of four list
// endpoints, against an emulator enforcing the documented limits on a
// one-second window (list agents and SHSMs 20, services and tools 50): the
// client paces itself so that the emulator refuses none.
func TestBurstGetsNo429(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for real rate-limit windows")
	}
	const window = time.Second
	e := newEnv(t, envConfig{
		realTime: true,
		emu:      func(c *emulator.Config) { c.Kit.Window = window },
		client:   func(o *classic.Options) { o.RateWindow = window },
	})
	ctx := context.Background()
	calls := []func() error{
		func() error { return drain(e.client.ListAgents(ctx, classic.ContainerFilter{})) },
		func() error { return drain(e.client.ListSHSMs(ctx, classic.ContainerFilter{})) },
		func() error { return drain(e.client.ListServices(ctx, classic.ServiceFilter{})) },
		func() error { return drain(e.client.ListTools(ctx, classic.ToolFilter{})) },
	}
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			if err := calls[i%len(calls)](); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	stats := e.server.Kit().Stats()
	total429, total := 0, 0
	for name, byStatus := range stats {
		total429 += byStatus[429]
		for _, n := range byStatus {
			total += n
		}
		if byStatus[429] > 0 {
			t.Errorf("%s: %d answers 429", name, byStatus[429])
		}
	}
	t.Logf("burst: %d requests, %d answered 429, %d sign-ins", total, total429, e.signIns())
	for _, name := range []string{classic.EndpointListAgents, classic.EndpointListSHSMs, classic.EndpointListServices, classic.EndpointListTools} {
		if got := e.serverCount(name, 200); got != 25 {
			t.Errorf("%s: %d answered 200, want 25", name, got)
		}
	}
	if got := e.signIns(); got != 1 {
		t.Errorf("sign-ins = %d, want 1", got)
	}
}

func drain[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}
