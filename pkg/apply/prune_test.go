package apply_test

import (
	"context"
	"slices"
	"testing"

	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// renames are, per dialect, an agent renamed in its manifest and in the
// service that uses it: the service moves to a new agent, and the old
// one, still used by the active service until then, is pruned.
var renames = map[spec.Dialect]struct{ agentFile, serviceFile, old, new string }{
	spec.DialectClassic:  {"agent.yaml", "service.yaml", "billing-agent", "billing-agent-2"},
	spec.DialectPlatform: {"agents/scheduling-agent.yaml", "services/scheduling.yaml", "scheduling-agent", "scheduling-agent-2"},
}

func TestPruneRemovesAContainerAfterTheServiceUsingItMoved(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		prune := plan.Options{Prune: true}
		w.apply(t, plan.Options{})
		r := renames[w.dialect]
		old := w.container(t, w.b, spec.KindAgent, r.old)
		w.edit(t, r.agentFile, "name: "+r.old, "name: "+r.new)
		w.edit(t, r.serviceFile, "agent: "+r.old, "agent: "+r.new)

		p, _ := w.plan(t, prune)
		removal, ok := p.Step("Agent/" + r.old + "/container")
		if !ok || removal.Action != plan.Remove {
			t.Fatalf("the plan does not remove agent %s:\n%s", r.old, text(t, p))
		}
		// Ordered after the service moves: the API refuses (400) to
		// deprecate an agent an active service uses.
		svc := services[w.dialect]
		if w.dialect == spec.DialectPlatform {
			svc = "appointment-scheduling"
		}
		if !slices.Contains(removal.DependsOn, "Service/"+svc+"/service") {
			t.Errorf("the removal of agent %s waits for %v, not the service's update", r.old, removal.DependsOn)
		}
		w.apply(t, prune)
		if c := w.container(t, w.b, spec.KindAgent, r.new); c.Latest != 1 {
			t.Errorf("agent %s is at v%d, want v1", r.new, c.Latest)
		}
		if _, found := w.find(t, spec.KindAgent, old.ID); found {
			t.Errorf("agent %s (%s) is still live after prune", r.old, old.ID)
		}
		w.converged(t, prune)
	})
}

func TestPruneRemovesAServiceNoManifestNames(t *testing.T) {
	dialects(t, func(t *testing.T, w *world) {
		prune := plan.Options{Prune: true}
		w.apply(t, plan.Options{})
		file := map[spec.Dialect]string{spec.DialectClassic: "service.yaml", spec.DialectPlatform: "services/patient-intake.yaml"}[w.dialect]
		w.remove(t, file)
		p, _ := w.plan(t, prune)
		if _, ok := p.Step("Service/" + services[w.dialect] + "/service"); !ok {
			t.Fatalf("the plan does not remove service %s:\n%s", services[w.dialect], text(t, p))
		}
		w.apply(t, prune)
		w.converged(t, prune)
	})
}

// find reports whether a live, not deprecated container of kind has id.
func (w *world) find(t *testing.T, kind spec.Kind, id string) (string, bool) {
	t.Helper()
	cs, err := w.b.Containers(context.Background(), kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.ID == id && !c.Deprecated {
			return c.Name, true
		}
	}
	return "", false
}
