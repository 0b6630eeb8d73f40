package cache_test

import (
	"context"
	"errors"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/spec"
)

// countingBackend serves ReadVersion only, counting the reads.
type countingBackend struct {
	backend.Backend
	reads int
}

func (b *countingBackend) Info() backend.Info {
	return backend.Info{Dialect: spec.DialectClassic, BaseURL: "http://x", Scope: "org"}
}

func (b *countingBackend) ReadVersion(_ context.Context, c backend.Container, n int, _ backend.Index) (backend.Version, error) {
	b.reads++
	if n > c.Latest {
		return backend.Version{}, apiclient.ErrNotFound
	}
	return agent("v" + string(rune('0'+n))), nil
}

func TestReadVersion(t *testing.T) {
	ctx := context.Background()
	ct := backend.Container{Kind: spec.KindAgent, ID: "a1", Name: "intake", Latest: 2}
	tests := []struct {
		name      string
		cache     *cache.Cache
		refresh   bool
		wantReads int // after reading the same version twice
	}{
		{"no cache reads every time", nil, false, 2},
		{"cache reads once", cache.New(t.TempDir()), false, 1},
		{"refresh reads every time", cache.New(t.TempDir()), true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &countingBackend{}
			for range 2 {
				v, err := tt.cache.ReadVersion(ctx, b, ct, 2, tt.refresh)
				if err != nil || v.Agent == nil || v.Agent.Background != "v2" {
					t.Fatalf("ReadVersion = %+v, %v; want agent v2", v, err)
				}
			}
			if b.reads != tt.wantReads {
				t.Errorf("reads = %d, want %d", b.reads, tt.wantReads)
			}
		})
	}
	t.Run("a missing version is not cached", func(t *testing.T) {
		b := &countingBackend{}
		c := cache.New(t.TempDir())
		for range 2 {
			if _, err := c.ReadVersion(ctx, b, ct, 3, false); !errors.Is(err, apiclient.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		}
		if b.reads != 2 {
			t.Errorf("reads = %d, want 2", b.reads)
		}
	})
}
