package backend

import "github.com/amigosync/amigosync/pkg/apiclient"

// Stats implements Backend with the Classic client's counters.
func (b *classicBackend) Stats() apiclient.Stats { return b.c.Stats() }

// Stats implements Backend with the Platform client's counters.
func (b *platformBackend) Stats() apiclient.Stats { return b.c.Stats() }
