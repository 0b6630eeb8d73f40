package backend_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestErrorsNameTheResourceOnce: the Backend names the operation and the
// resource, the clients only the endpoint, so a refusal reads as one
// sentence with the server's answer after it, and nothing said twice.
func TestErrorsNameTheResourceOnce(t *testing.T) {
	forEachDialect(t, func(t *testing.T, d spec.Dialect, w world) {
		ctx := context.Background()
		first := mustContainer(t, w.b, spec.KindAgent, "a1")
		_, err := w.b.CreateContainer(ctx, spec.KindAgent, "a1", "")
		var ae *apiclient.APIError
		if !errors.As(err, &ae) || !errors.Is(err, apiclient.ErrConflict) {
			t.Fatalf("duplicate name: %v; want a 409", err)
		}
		detail := map[spec.Dialect]string{
			spec.DialectClassic:  fmt.Sprintf("The agent name %q is already taken by %s.", "a1", first.ID),
			spec.DialectPlatform: fmt.Sprintf("The name %q is already taken by another agent in this workspace.", "a1"),
		}[d]
		if want := "create agent a1: 409 Conflict: " + detail + " (request " + ae.RequestID + ")"; err.Error() != want {
			t.Errorf("message\n%s\nwant\n%s", err, want)
		}
		var be *backend.Error
		if !errors.As(err, &be) || be.Op != "create" || be.Kind != spec.KindAgent || be.Name != "a1" {
			t.Errorf("%v is not a *backend.Error naming create agent a1", err)
		}
	})
}
