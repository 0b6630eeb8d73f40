package apply_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// edited names, per dialect, the agent whose manifest edits changes.
var edited = map[spec.Dialect]string{spec.DialectClassic: "billing-agent", spec.DialectPlatform: "intake-agent"}

// isVersionCreate matches a request that creates an agent or context
// graph version on either API.
func isVersionCreate(r *http.Request) bool {
	return r.Method == http.MethodPost && (r.URL.Query().Has("version") || strings.HasSuffix(r.URL.Path, "/versions"))
}

// theirVersion has the other writer create a version of agent name with
// a background of their own, and returns it as it then is.
func (w *world) theirVersion(t *testing.T, name string) backend.Container {
	t.Helper()
	ctx := context.Background()
	c := w.container(t, w.other, spec.KindAgent, name)
	v, err := w.other.ReadVersion(ctx, c, c.Latest, backend.Index{})
	if err != nil {
		t.Fatal(err)
	}
	v.Agent.Background = "Someone else's background."
	if err := w.other.CreateVersion(ctx, c, c.Latest+1, v, backend.Index{}); err != nil {
		t.Fatalf("the other writer's version: %v", err)
	}
	return w.container(t, w.other, spec.KindAgent, name)
}

// container lists the live container of kind called name.
func (w *world) container(t *testing.T, b backend.Backend, kind spec.Kind, name string) backend.Container {
	t.Helper()
	cs, err := b.Containers(context.Background(), kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name == name && !c.Deprecated {
			return c
		}
	}
	t.Fatalf("no %s %s", kind.Noun(), name)
	return backend.Container{}
}

// background reads the background of version n of agent name.
func (w *world) background(t *testing.T, name string, n int) string {
	t.Helper()
	c := w.container(t, w.b, spec.KindAgent, name)
	v, err := w.b.ReadVersion(context.Background(), c, n, backend.Index{})
	if err != nil {
		t.Fatal(err)
	}
	return v.Agent.Background
}

func TestAConcurrentWriterIsCaughtByTheGuard(t *testing.T) {
	tests := []struct {
		name string
		// race arranges for the other writer to create a version: between
		// plan and apply, or right before our create request.
		race func(t *testing.T, w *world, p *plan.Plan)
		// want is the conflict, per dialect.
		want map[spec.Dialect]string
		// ours is the version number ours got (0: none was created).
		ours map[spec.Dialect]int
	}{
		{
			name: "between plan and apply",
			race: func(t *testing.T, w *world, _ *plan.Plan) { w.theirVersion(t, edited[w.dialect]) },
			want: map[spec.Dialect]string{
				spec.DialectClassic:  "conflict: agent billing-agent: v2 was created by someone else after the plan read v1; nothing was overwritten; run plan again",
				spec.DialectPlatform: "conflict: agent intake-agent: v2 was created by someone else after the plan read v1; nothing was overwritten; run plan again",
			},
		},
		{
			name: "during apply, right before our create",
			race: func(t *testing.T, w *world, _ *plan.Plan) {
				w.hooks.before(isVersionCreate, func() { w.theirVersion(t, edited[w.dialect]) })
			},
			want: map[spec.Dialect]string{
				spec.DialectClassic: "conflict: agent billing-agent: v2 was created by someone else after the plan read v1; nothing was overwritten; run plan again",
				// Platform has no guard parameter: ours lands on top.
				spec.DialectPlatform: "conflict: agent intake-agent: v2 was created by someone else after the plan read v1, and our version was created on top of it as v3; nothing was overwritten; run plan again",
			},
			ours: map[spec.Dialect]int{spec.DialectPlatform: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dialects(t, func(t *testing.T, w *world) {
				w.apply(t, plan.Options{})
				e := edits[w.dialect]
				w.edit(t, e.file, e.old, e.new)
				p, live := w.plan(t, plan.Options{})
				tt.race(t, w, p)
				rep, err := apply.Run(context.Background(), w.b, p, apply.Options{Live: live, Cache: w.cache, Parallelism: 1})
				if err != nil {
					t.Fatal(err)
				}
				var ge *backend.GuardError
				if err := rep.Err(); !errors.As(err, &ge) {
					t.Fatalf("apply: %v, want a *backend.GuardError", err)
				}
				if got := ge.Error(); got != tt.want[w.dialect] {
					t.Errorf("conflict:\n got %s\nwant %s", got, tt.want[w.dialect])
				}
				// Nothing was overwritten: their version is still theirs.
				if got := w.background(t, edited[w.dialect], 2); got != "Someone else's background." {
					t.Errorf("v2 holds %q, not the other writer's background", got)
				}
				want := max(2, tt.ours[w.dialect])
				if got := w.container(t, w.b, spec.KindAgent, edited[w.dialect]).Latest; got != want {
					t.Errorf("the agent is at v%d after the conflict, want v%d", got, want)
				}
				// Plan again: the remaining work only; apply completes it.
				w.apply(t, plan.Options{})
				w.converged(t, plan.Options{})
			})
		})
	}
}
