package plan_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// handshakeBackend lists containers of both kinds; a read of one kind
// waits until a read of the other kind has started, as reads paced on
// two endpoints overlap. Only the methods ReadLive calls are implemented.
type handshakeBackend struct {
	backend.Backend
	containers map[spec.Kind][]backend.Container
	started    map[spec.Kind]chan struct{}
	once       map[spec.Kind]*sync.Once
}

func newHandshakeBackend(perKind int) *handshakeBackend {
	b := &handshakeBackend{containers: map[spec.Kind][]backend.Container{},
		started: map[spec.Kind]chan struct{}{}, once: map[spec.Kind]*sync.Once{}}
	for _, k := range []spec.Kind{spec.KindAgent, spec.KindContextGraph} {
		b.started[k], b.once[k] = make(chan struct{}), &sync.Once{}
		for i := range perKind {
			b.containers[k] = append(b.containers[k], backend.Container{Kind: k, ID: fmt.Sprintf("%s-%d", k, i), Name: fmt.Sprintf("c%d", i), Latest: 1})
		}
	}
	return b
}

func (b *handshakeBackend) Info() backend.Info { return backend.Info{Dialect: spec.DialectPlatform} }

func (b *handshakeBackend) Containers(_ context.Context, k spec.Kind) ([]backend.Container, error) {
	return b.containers[k], nil
}

func (b *handshakeBackend) Services(context.Context, backend.Index) ([]backend.Service, error) {
	return nil, nil
}

func (b *handshakeBackend) ReadVersion(ctx context.Context, c backend.Container, _ int, _ backend.Index) (backend.Version, error) {
	other := spec.KindAgent
	if c.Kind == spec.KindAgent {
		other = spec.KindContextGraph
	}
	b.once[c.Kind].Do(func() { close(b.started[c.Kind]) })
	select {
	case <-b.started[other]:
	case <-ctx.Done():
		return backend.Version{}, ctx.Err()
	case <-time.After(time.Hour): // in the bubble: only once every read is stuck
		return backend.Version{}, fmt.Errorf("reading %s %s waited for a read of a %s, which never started", c.Kind.Noun(), c.Name, other.Noun())
	}
	if c.Kind == spec.KindAgent {
		return backend.Version{Agent: &spec.AgentSpec{}}, nil
	}
	return backend.Version{ContextGraph: &spec.ContextGraphSpec{}}, nil
}

// TestReadLiveOverlapsKinds: agent and context graph versions are read
// from two endpoints, each paced on its own, so their reads run side by
// side whatever the parallelism; a limit shared by the kinds would read
// every agent before the first graph. The handshake backend deadlocks
// then, which the bubble's fake clock turns into an error at once.
func TestReadLiveOverlapsKinds(t *testing.T) {
	for _, tt := range []struct {
		name                 string
		perKind, parallelism int
	}{
		{"one read at a time", 3, 1},
		{"more containers than the default parallelism", 20, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := newHandshakeBackend(tt.perKind)
				desired := &spec.Bundle{}
				for i := range tt.perKind {
					desired.Agents = append(desired.Agents, spec.Agent{Name: fmt.Sprintf("c%d", i)})
					desired.ContextGraphs = append(desired.ContextGraphs, spec.ContextGraph{Name: fmt.Sprintf("c%d", i)})
				}
				live, err := plan.ReadLive(context.Background(), b, desired, plan.ReadOptions{Parallelism: tt.parallelism})
				if err != nil {
					t.Fatalf("ReadLive: %v", err)
				}
				if got, want := len(live.Latest), 2*tt.perKind; got != want {
					t.Errorf("read %d latest versions, want %d", got, want)
				}
			})
		})
	}
}
