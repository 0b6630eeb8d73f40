package classic

import (
	"strings"

	"github.com/amigosync/amigosync/pkg/apiclient"
)

// endpointTable is the client's view of Endpoints(): the apiclient endpoint
// (pacing key, documented limit, name in messages) and the page size of
// each operation, looked up by the Endpoint* constants.
type endpointTable map[string]clientEndpoint

type clientEndpoint struct {
	api      apiclient.Endpoint
	pageSize int
}

// newEndpointTable builds the table once per Client. The apiclient names
// read as phrases ("create agent version") in errors; Client.Stats turns
// them back into the table's names ("create_agent_version") with
// counterName, so that client and emulator counters compare directly.
func newEndpointTable() endpointTable {
	t := endpointTable{}
	for _, e := range Endpoints() {
		t[e.Name] = clientEndpoint{
			api:      apiclient.Endpoint{Name: strings.ReplaceAll(e.Name, "_", " "), Limit: e.Limit},
			pageSize: e.MaxPageSize,
		}
	}
	return t
}

// ep returns the apiclient endpoint of name. An unknown name (a bug) still
// yields a usable, unpaced endpoint rather than a panic.
func (t endpointTable) ep(name string) apiclient.Endpoint {
	if e, ok := t[name]; ok {
		return e.api
	}
	return apiclient.Endpoint{Name: strings.ReplaceAll(name, "_", " ")}
}

// pageSize returns the largest page the list endpoint name accepts.
func (t endpointTable) pageSize(name string) int {
	if e, ok := t[name]; ok && e.pageSize > 0 {
		return e.pageSize
	}
	return 10
}

// counterName returns the table name ("list_agents") of an apiclient
// endpoint phrase ("list agents"); a phrase of no table endpoint is kept.
func (t endpointTable) counterName(phrase string) string {
	if name := strings.ReplaceAll(phrase, " ", "_"); t[name].api.Name == phrase {
		return name
	}
	return phrase
}
