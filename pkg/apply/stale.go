package apply

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// StaleError refuses a saved plan because something it read has moved
// since it was made. Nothing was changed.
type StaleError struct {
	// Moved says what moved, one sentence each, in the plan's order of
	// reads: "agent intake-agent is at v7, the plan was made at v6".
	Moved []string
}

// Error reads "stale plan: agent intake-agent is at v7, the plan was made
// at v6; run plan again".
func (e *StaleError) Error() string {
	return "stale plan: " + strings.Join(e.Moved, "; ") + "; run plan again"
}

// Check is the stale check of a saved plan: it refuses a plan made for
// another target (*TargetError), lists the target again (list calls
// only), and refuses the plan (*StaleError) when anything it read has
// moved: a container's latest version or description, a service's fields
// or version sets, a resource the plan found absent that now exists, or
// one it read that is gone. It returns the live state it listed, for
// Options.Live.
func Check(ctx context.Context, b backend.Backend, p *plan.Plan) (*plan.Live, error) {
	if got := plan.TargetOf("", b.Info()); !p.Target.Same(got) {
		return nil, &TargetError{Plan: p.Target, Target: got}
	}
	live, err := plan.ReadLive(ctx, b, &spec.Bundle{}, plan.ReadOptions{})
	if err != nil {
		return nil, fmt.Errorf("check the saved plan against the live state: %w", err)
	}
	var moved []string
	for _, r := range p.Reads {
		info, _ := spec.KindOf(r.Kind)
		var m string
		if info.Versioned {
			m = movedContainer(r, live.Containers[r.Kind])
		} else {
			m = movedService(r, live.Services)
		}
		if m != "" {
			moved = append(moved, m)
		}
	}
	if len(moved) > 0 {
		return nil, &StaleError{Moved: moved}
	}
	return live, nil
}

// movedContainer says how the container r read has moved, or "".
func movedContainer(r plan.Read, cs []backend.Container) string {
	what := r.Kind.Noun() + " " + r.Name
	if r.ID == "" {
		for _, c := range cs {
			if c.Name == r.Name && !c.Deprecated {
				return fmt.Sprintf("%s was created (%s) after the plan found none", what, c.ID)
			}
		}
		return ""
	}
	i := slices.IndexFunc(cs, func(c backend.Container) bool { return c.ID == r.ID })
	switch {
	case i < 0:
		return fmt.Sprintf("%s (%s) was deleted after the plan read it", what, r.ID)
	case cs[i].Deprecated:
		return fmt.Sprintf("%s (%s) was deprecated after the plan read it", what, r.ID)
	case cs[i].Name != r.Name:
		return fmt.Sprintf("%s (%s) was renamed to %s", what, r.ID, cs[i].Name)
	case cs[i].Latest != r.Latest:
		return fmt.Sprintf("%s is at v%d, the plan was made at v%d", what, cs[i].Latest, r.Latest)
	case backend.DescriptionFingerprint(cs[i].Description) != r.Fingerprint:
		return fmt.Sprintf("the description of %s changed after the plan read it", what)
	}
	return ""
}

// movedService says how the service r read has moved, or "".
func movedService(r plan.Read, svcs []backend.Service) string {
	what := "service " + r.Name
	if r.ID == "" {
		for _, s := range svcs {
			if s.Name == r.Name {
				return fmt.Sprintf("%s was created (%s) after the plan found none", what, s.ID)
			}
		}
		return ""
	}
	i := slices.IndexFunc(svcs, func(s backend.Service) bool { return s.ID == r.ID })
	if i < 0 {
		return fmt.Sprintf("%s (%s) was deleted after the plan read it", what, r.ID)
	}
	s := svcs[i]
	if backend.ServiceFingerprint(s) != r.Fingerprint {
		return fmt.Sprintf("the fields of %s changed after the plan read them", what)
	}
	live := map[string]string{}
	for name, vs := range s.Spec.VersionSets {
		live[name] = backend.VersionSetFingerprint(&vs)
	}
	names := slices.Sorted(maps.Keys(live))
	for name := range r.Sets {
		if _, ok := live[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		had, was := r.Sets[name]
		now, is := live[name]
		switch {
		case !was:
			return fmt.Sprintf("version set %s of %s was created after the plan read the service", name, what)
		case !is:
			return fmt.Sprintf("version set %s of %s was deleted after the plan read it", name, what)
		case had != now:
			return fmt.Sprintf("version set %s of %s changed after the plan read it", name, what)
		}
	}
	return ""
}
