package backend_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// Example opens the embedded target of a project directory (with
// pkg/target, which links the emulators so that this package does not),
// creates an agent with its first version and reads that version back.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "amigosync-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	b, closer, err := target.Open(ctx, target.Options{
		Dir: dir, Target: spec.Target{Name: "local", API: spec.DialectClassic, Embedded: true}, Getenv: os.Getenv,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer closer.Close()

	agent, err := b.CreateContainer(ctx, spec.KindAgent, "front-desk", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := b.CreateVersion(ctx, agent, 1, agentVersion(testAgent("Works the front desk.\n")), backend.Index{}); err != nil {
		fmt.Println(err)
		return
	}
	// A second writer that planned version 1 too is refused.
	err = b.CreateVersion(ctx, agent, 1, agentVersion(testAgent("Someone else.")), backend.Index{})
	var guard *backend.GuardError
	if errors.As(err, &guard) {
		fmt.Println(err)
	}

	got, err := readAgent(ctx, b, agent, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s version 1: %q\n", agent.Name, got.Background)
	// Output:
	// conflict: agent front-desk: v1 was created by someone else after the plan found no version; nothing was overwritten; run plan again
	// front-desk version 1: "Works the front desk."
}
