package classic_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/classic/emulator"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// Example creates an agent and its first version with the version guard,
// then lists the agents, against the in-process emulator. Against the real
// API, leave HTTPClient out and set Region (or BaseURL) instead.
func Example() {
	srv, err := emulator.New(emulator.Config{
		Org:         "demo",
		Credentials: emulator.Credentials{APIKey: "fake-key-123", APIKeyID: "fake-key-id", UserID: "fake-user"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := classic.New(classic.Options{
		BaseURL:    "http://127.0.0.1:8080", // not dialled: the transport serves srv in-process
		Org:        "demo",
		APIKey:     "fake-key-123",
		APIKeyID:   "fake-key-id",
		UserID:     "fake-user",
		HTTPClient: &http.Client{Transport: emukit.Transport(srv.Handler())},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	id, err := c.CreateAgent(ctx, "intake")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Version 1 is created only if the agent has no version yet.
	v, err := c.CreateAgentVersion(ctx, id, 1, agentBody(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created version", v.Version)
	for agent, err := range c.ListAgents(ctx, classic.ContainerFilter{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(agent.Name, "latest version", *agent.LatestVersion)
	}
	// Output:
	// created version 1
	// intake latest version 1
}
