package backend_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Example opens the embedded target of a project directory, creates an
// agent with its first version and reads that version back.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "amigosync-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	b, closer, err := backend.Open(ctx, backend.OpenOptions{
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
	if err := b.CreateAgentVersion(ctx, agent, 1, testAgent("Works the front desk.\n")); err != nil {
		fmt.Println(err)
		return
	}
	// A second writer that planned version 1 too is refused.
	err = b.CreateAgentVersion(ctx, agent, 1, testAgent("Someone else."))
	var guard *backend.GuardError
	if errors.As(err, &guard) {
		fmt.Printf("refused: expected to create version %d, latest is %d\n", guard.Expected, guard.Latest)
	}

	got, err := b.ReadAgent(ctx, agent, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s version 1: %q\n", agent.Name, got.Background)
	// Output:
	// refused: expected to create version 1, latest is 1
	// front-desk version 1: "Works the front desk."
}
