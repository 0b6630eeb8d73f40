package cache_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	_ "github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/cache"
	"github.com/amigosync/amigosync/pkg/spec"
)

func key(n int) cache.Key {
	return cache.Key{Dialect: spec.DialectClassic, BaseURL: "https://api.example.test", Scope: "org",
		Kind: spec.KindAgent, ID: "65a1b2c3d4e5f60718293a4b", Version: n}
}

func agent(bg string) backend.Version {
	return backend.Version{Agent: &spec.AgentSpec{Initials: "IA", Background: bg}}
}

func TestPutGet(t *testing.T) {
	c := cache.New(t.TempDir())
	if _, ok := c.Get(key(1)); ok {
		t.Fatal("an empty cache returned an entry")
	}
	if err := c.Put(key(1), agent("one")); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get(key(1))
	if !ok {
		t.Fatal("the entry just written was not found")
	}
	if diff := cmp.Diff(agent("one"), got); diff != "" {
		t.Errorf("cached content (-want +got):\n%s", diff)
	}
	if _, ok := c.Get(key(2)); ok {
		t.Error("another version's key returned an entry")
	}
	other := key(1)
	other.Scope = "another-org"
	if _, ok := c.Get(other); ok {
		t.Error("another scope's key returned an entry")
	}
	if s := c.Stats(); s.Hits != 1 || s.Misses != 3 {
		t.Errorf("stats = %+v, want 1 hit and 3 misses", s)
	}
}

// TestDamagedEntries: a truncated, corrupt or tampered entry is a miss,
// and a Put replaces it.
func TestDamagedEntries(t *testing.T) {
	damage := map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"empty":     func([]byte) []byte { return nil },
		"not json":  func([]byte) []byte { return []byte("\x00\x01garbage") },
		"content changed, hash kept": func(b []byte) []byte {
			return []byte(replaceOnce(string(b), "original", "tampered"))
		},
		"key changed": func(b []byte) []byte {
			return []byte(replaceOnce(string(b), `"version":1`, `"version":7`))
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c := cache.New(dir)
			if err := c.Put(key(1), agent("original")); err != nil {
				t.Fatal(err)
			}
			file := onlyFile(t, dir)
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, f(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if v, ok := c.Get(key(1)); ok {
				t.Fatalf("a damaged entry was trusted: %+v", v.Agent)
			}
			if err := c.Put(key(1), agent("refetched")); err != nil {
				t.Fatal(err)
			}
			if v, ok := c.Get(key(1)); !ok || v.Agent.Background != "refetched" {
				t.Errorf("after a new Put: %v, %v", v, ok)
			}
		})
	}
}

// TestConcurrentWriters: readers racing writers of the same key never see
// a half-written entry, and no temporary file is left behind.
func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c := cache.New(dir)
			for range 50 {
				if err := c.Put(key(1), agent("same content")); err != nil {
					t.Error(err)
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			c := cache.New(dir)
			for range 50 {
				if v, ok := c.Get(key(1)); ok && v.Agent.Background != "same content" {
					t.Errorf("reader %d saw %q", w, v.Agent.Background)
				}
			}
		}()
	}
	wg.Wait()
	onlyFile(t, dir)
}

func TestByID(t *testing.T) {
	idx := backend.NewIndex(backend.Container{Kind: spec.KindContextGraph, ID: "g1", Name: "payments"})
	v := backend.Version{ContextGraph: &spec.ContextGraphSpec{References: map[string]spec.Reference{
		"pay": {Graph: "payments", Version: spec.NumberPin(2)}, "other": {Graph: "unknown", Version: spec.NumberPin(1)}, "legacy": {ID: "g9", Version: spec.NumberPin(4)},
	}}}
	got := cache.ByID(v, idx).ContextGraph.References
	want := map[string]spec.Reference{"pay": {ID: "g1", Version: spec.NumberPin(2)}, "other": {Graph: "unknown", Version: spec.NumberPin(1)}, "legacy": {ID: "g9", Version: spec.NumberPin(4)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	if v.ContextGraph.References["pay"].Graph != "payments" {
		t.Error("ByID changed its argument")
	}
}

func onlyFile(t *testing.T, dir string) string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 1 {
		t.Fatalf("cache files = %v, want exactly one", files)
	}
	return files[0]
}

func replaceOnce(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}
