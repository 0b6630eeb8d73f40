package platform_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
	"github.com/amigosync/amigosync/pkg/platform/emulator"
)

// Example creates an agent and two guarded versions, lists the agents of
// the workspace, and shows what a stale guard reports, against the
// in-process emulator. Against the real API, leave BaseURL and HTTPClient
// out and read the key from AMIGO_PLATFORM_API_KEY.
func Example() {
	srv, err := emulator.New(emulator.Config{APIKeys: []string{"fake-key-123"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := platform.New(platform.Options{
		BaseURL:    "http://127.0.0.1:8080", // not dialled: the transport serves srv in-process
		APIKey:     "fake-key-123",
		Workspace:  emulator.DefaultWorkspaceID,
		HTTPClient: &http.Client{Transport: emukit.Transport(srv.Handler())},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	agent, err := c.CreateAgent(ctx, platform.CreateAgentRequest{Name: "intake"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for want := 1; want <= 2; want++ {
		v, err := c.CreateAgentVersionGuarded(ctx, agent.ID, want, agentVersion(fmt.Sprint("revision ", want)))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("created version", v.Version, "holding", v.Background)
	}
	for a, err := range c.ListAgents(ctx, platform.ListOptions{}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(a.Name, "latest version", a.LatestVersion)
	}
	// A plan made when version 2 was next is now stale: nothing is created.
	_, err = c.CreateAgentVersionGuarded(ctx, agent.ID, 2, agentVersion("stale"))
	var guard *platform.GuardError
	if !errors.As(err, &guard) {
		fmt.Println("unexpected:", err)
		return
	}
	fmt.Printf("refused: expected %d, latest %d, created %d\n", guard.Expected, guard.Latest, guard.Created)
	// Output:
	// created version 1 holding revision 1
	// created version 2 holding revision 2
	// intake latest version 2
	// refused: expected 2, latest 2, created 0
}
