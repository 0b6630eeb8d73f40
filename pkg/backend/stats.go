package backend

import "github.com/amigosync/amigosync/pkg/apiclient"

// Stats implements Backend with the client's request counters.
func (a *adapter) Stats() apiclient.Stats { return a.stats() }
