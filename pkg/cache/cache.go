// Package cache keeps immutable agent and context graph versions on disk,
// so that each one is fetched from an API at most once.
//
// Versions never change once created, so an entry keyed by (dialect, base
// URL, scope, kind, id, version) stays true forever. Every entry carries a
// SHA-256 of its content and the key it was written for; an entry that is
// truncated, corrupt or written for another key is a miss, never trusted.
// Entries are written to a temporary file and renamed into place, so two
// processes sharing the directory never see a half-written entry.
//
// The cache is never a source of truth: deleting the directory costs
// requests, never correctness. Content is kept with references between
// context graphs by id (the form an API read gives without an index), so
// that a renamed graph cannot leave a stale name behind.
package cache

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Dir is the cache's directory inside a project.
const Dir = ".amigosync/cache"

// Key identifies one version of one container on one API.
type Key struct {
	Dialect spec.Dialect `json:"dialect"`
	BaseURL string       `json:"base_url"`
	Scope   string       `json:"scope"`
	Kind    spec.Kind    `json:"kind"`
	ID      string       `json:"id"`
	Version int          `json:"version"`
}

// KeyOf is the key of version n of container c on the API info describes.
func KeyOf(info backend.Info, c backend.Container, n int) Key {
	return Key{Dialect: info.Dialect, BaseURL: info.BaseURL, Scope: info.Scope, Kind: c.Kind, ID: c.ID, Version: n}
}

// Cache is a directory of cached versions. It is safe for concurrent use,
// by goroutines and by processes.
type Cache struct {
	dir          string
	hits, misses atomic.Int64
}

// New returns the cache kept in dir (created on the first Put).
func New(dir string) *Cache { return &Cache{dir: dir} }

// Stats are a cache's hits and misses since it was made.
type Stats struct {
	Hits, Misses int64
}

// Stats returns the hits and misses so far.
func (c *Cache) Stats() Stats { return Stats{Hits: c.hits.Load(), Misses: c.misses.Load()} }

// entry is the file form of one cached version.
type entry struct {
	Key     Key             `json:"key"`
	SHA256  string          `json:"sha256"`
	Content json.RawMessage `json:"content"`
}

// path is where k's entry lives: a hash of the key, so that URLs and ids
// never become file names.
func (c *Cache) path(k Key) string {
	kb, _ := json.Marshal(k)
	sum := sha256.Sum256(kb)
	name := hex.EncodeToString(sum[:])
	return filepath.Join(c.dir, name[:2], name+".json")
}

// Get returns the cached version for k. A missing, unreadable, corrupt or
// mismatched entry is a miss.
func (c *Cache) Get(k Key) (backend.Version, bool) {
	v, ok := c.get(k)
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return v, ok
}

func (c *Cache) get(k Key) (backend.Version, bool) {
	b, err := os.ReadFile(c.path(k))
	if err != nil {
		return backend.Version{}, false
	}
	var e entry
	if json.Unmarshal(b, &e) != nil || e.Key != k {
		return backend.Version{}, false
	}
	if sum := sha256.Sum256(e.Content); hex.EncodeToString(sum[:]) != e.SHA256 {
		return backend.Version{}, false
	}
	var v backend.Version
	dec := json.NewDecoder(bytes.NewReader(e.Content))
	dec.DisallowUnknownFields()
	if dec.Decode(&v) != nil || (v.Agent == nil) == (v.ContextGraph == nil) {
		return backend.Version{}, false
	}
	return v, true
}

// Put stores v as the content of k, atomically.
func (c *Cache) Put(k Key, v backend.Version) error {
	content, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	sum := sha256.Sum256(content)
	b, err := json.Marshal(entry{Key: k, SHA256: hex.EncodeToString(sum[:]), Content: content})
	if err != nil {
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	p := c.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache %s: %w", describe(k), err)
	}
	return nil
}

// ReadVersion returns version n of container c: from the cache when it
// holds it (unless refresh), else read from b and kept. A nil Cache reads
// every version from b. References come back as the cache keeps them, by id.
func (c *Cache) ReadVersion(ctx context.Context, b backend.Backend, ct backend.Container, n int, refresh bool) (backend.Version, error) {
	key := KeyOf(b.Info(), ct, n)
	if c != nil && !refresh {
		if v, ok := c.Get(key); ok {
			return v, nil
		}
	}
	v, err := b.ReadVersion(ctx, ct, n, backend.Index{})
	if err != nil {
		return backend.Version{}, err
	}
	if c != nil {
		if err := c.Put(key, v); err != nil {
			return backend.Version{}, fmt.Errorf("keep %s %s v%d in the version cache: %w", ct.Kind.Noun(), ct.Name, n, err)
		}
	}
	return v, nil
}

// describe names a key in errors: "agent 65a1… v3".
func describe(k Key) string {
	return k.Kind.Noun() + " " + k.ID + " v" + strconv.Itoa(k.Version)
}

// ByID returns v with its context graph references by name rewritten by
// id through idx: the form the cache keeps.
func ByID(v backend.Version, idx backend.Index) backend.Version {
	if v.ContextGraph == nil || len(v.ContextGraph.References) == 0 {
		return v
	}
	g := *v.ContextGraph
	refs := make(map[string]spec.Reference, len(g.References))
	for name, r := range g.References {
		if id, ok := idx.ID(spec.KindContextGraph, r.Graph); ok && r.Graph != "" {
			r = spec.Reference{ID: id, Version: r.Version}
		}
		refs[name] = r
	}
	g.References = refs
	v.ContextGraph = &g
	return v
}
