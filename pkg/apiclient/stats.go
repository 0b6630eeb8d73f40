package apiclient

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Stats counts requests: endpoint name → HTTP status → count. Attempts that
// got no complete answer (network errors) are counted under status 0.
type Stats map[string]map[int]int

// Total returns the number of attempts counted for all endpoints with the
// given status.
func (s Stats) Total(status int) int {
	n := 0
	for _, by := range s {
		n += by[status]
	}
	return n
}

// String renders one line per endpoint, sorted, e.g.
// "list agents: 200×45 429×1"; network errors show as "error×N".
func (s Stats) String() string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(s)) {
		fmt.Fprintf(&b, "%s:", name)
		for _, status := range slices.Sorted(maps.Keys(s[name])) {
			label := fmt.Sprint(status)
			if status == 0 {
				label = "error"
			}
			fmt.Fprintf(&b, " %s×%d", label, s[name][status])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// counters is the concurrency-safe store behind Client.Stats.
type counters struct {
	mu sync.Mutex
	by Stats
}

func (c *counters) add(endpoint string, status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.by[endpoint] == nil {
		c.by[endpoint] = map[int]int{}
	}
	c.by[endpoint][status]++
}

func (c *counters) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(Stats, len(c.by))
	for name, by := range c.by {
		out[name] = maps.Clone(by)
	}
	return out
}
