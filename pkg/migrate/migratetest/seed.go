package migratetest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Seed creates the organization src in the Classic API behind b, version by
// version, so that a read of it gives src back (under the ids the API
// gives). tools maps the tool ids src names to tools the API has. A graph
// src references by an id it does not hold (a retired graph) is created
// under the reference's name with as many versions as the reference
// needs, each with the states jumped to, and deprecated once the graphs
// that reference it exist.
func Seed(ctx context.Context, b backend.Backend, src migrate.Source, tools map[string]string) error {
	s := &seeder{b: b, tools: tools, names: map[string]string{}}
	for _, g := range src.ContextGraphs {
		s.names[g.ID] = g.Name
	}
	retired, err := s.retired(ctx, src)
	if err != nil {
		return err
	}
	for _, g := range graphOrder(src) {
		if err := seedContainer(ctx, s, spec.KindContextGraph, g, func(v spec.ContextGraphSpec) backend.Version { return backend.Version{ContextGraph: &v} }); err != nil {
			return err
		}
	}
	for _, c := range retired {
		if err := b.RemoveContainer(ctx, c); err != nil {
			return fmt.Errorf("deprecate %s: %w", c.Name, err)
		}
	}
	for i := range src.Agents {
		if err := seedContainer(ctx, s, spec.KindAgent, &src.Agents[i], func(v spec.AgentSpec) backend.Version { return backend.Version{Agent: &v} }); err != nil {
			return err
		}
	}
	for _, svc := range src.Services {
		if err := s.service(ctx, svc); err != nil {
			return err
		}
	}
	return nil
}

// seeder is the state of one Seed.
type seeder struct {
	b     backend.Backend
	tools map[string]string
	// names maps src's graph ids (and the retired graphs') to names.
	names map[string]string
	idx   backend.Index
}

// graphOrder orders the graphs so that each comes after those it
// references.
func graphOrder(src migrate.Source) []*migrate.Container[spec.ContextGraphSpec] {
	byID := map[string]*migrate.Container[spec.ContextGraphSpec]{}
	for i := range src.ContextGraphs {
		byID[src.ContextGraphs[i].ID] = &src.ContextGraphs[i]
	}
	var out []*migrate.Container[spec.ContextGraphSpec]
	seen := map[string]bool{}
	var visit func(g *migrate.Container[spec.ContextGraphSpec])
	visit = func(g *migrate.Container[spec.ContextGraphSpec]) {
		if seen[g.ID] {
			return
		}
		seen[g.ID] = true
		for _, n := range slices.Sorted(maps.Keys(g.Versions)) {
			for _, r := range g.Versions[n].References {
				if dep, ok := byID[r.ID]; ok {
					visit(dep)
				}
			}
		}
		out = append(out, g)
	}
	for i := range src.ContextGraphs {
		visit(&src.ContextGraphs[i])
	}
	return out
}

// retired creates a stand-in for every graph src references but does not
// hold.
func (s *seeder) retired(ctx context.Context, src migrate.Source) ([]backend.Container, error) {
	need := map[string]*spec.ContextGraphSpec{} // by id: the stand-in's content
	versions, names := map[string]int{}, map[string]string{}
	for _, g := range src.ContextGraphs {
		for _, v := range g.Versions {
			for key, r := range v.References {
				if _, ok := s.names[r.ID]; ok {
					continue
				}
				if need[r.ID] == nil {
					need[r.ID] = standIn(key)
				}
				addJumpedStates(need[r.ID], key, v)
				versions[r.ID] = max(versions[r.ID], r.Version.Number)
				names[r.ID] = key
			}
		}
	}
	var out []backend.Container
	for _, id := range slices.Sorted(maps.Keys(need)) {
		c, err := s.b.CreateContainer(ctx, spec.KindContextGraph, names[id], "")
		if err != nil {
			return nil, fmt.Errorf("create the retired graph %s: %w", names[id], err)
		}
		for n := 1; n <= versions[id]; n++ {
			if err := s.b.CreateVersion(ctx, c, n, backend.Version{ContextGraph: need[id]}, s.idx); err != nil {
				return nil, fmt.Errorf("create version %d of the retired graph %s: %w", n, names[id], err)
			}
		}
		c.Latest = versions[id]
		s.names[id] = names[id]
		s.idx.Add(c)
		out = append(out, c)
	}
	return out, nil
}

// standIn is a one-state graph that ends at once.
func standIn(key string) *spec.ContextGraphSpec {
	return &spec.ContextGraphSpec{Description: "Retired graph " + key + ".", NewUserInitialState: "end", ReturningUserInitialState: "end", TerminalState: "end",
		States: []spec.State{{Type: spec.StateAction, Name: "end", Objective: "End.", Actions: []spec.Action{{Description: "Say goodbye."}}}}}
}

// addJumpedStates adds to g, before its terminal state, an action state
// for every state of v's jumps into reference key.
func addJumpedStates(g *spec.ContextGraphSpec, key string, v spec.ContextGraphSpec) {
	for _, st := range v.States {
		for _, ec := range st.ExitConditions {
			ref, state, ok := strings.Cut(ec.NextState.External, ".")
			if !ok || ref != key || slices.ContainsFunc(g.States, func(s spec.State) bool { return s.Name == state }) {
				continue
			}
			g.States = append([]spec.State{{Type: spec.StateAction, Name: state, Objective: "Look it up.", Actions: []spec.Action{{Description: "Look it up."}},
				ExitConditions: []spec.ExitCondition{{Description: "Done.", NextState: spec.NextState{State: "end"}}}}}, g.States...)
			g.NewUserInitialState, g.ReturningUserInitialState = state, state
		}
	}
}

// seedContainer creates container c and its versions, 1 to c.Latest; a
// version src does not hold (not read) repeats the one before it.
func seedContainer[S any](ctx context.Context, s *seeder, kind spec.Kind, c *migrate.Container[S], version func(S) backend.Version) error {
	ct, err := s.b.CreateContainer(ctx, kind, c.Name, "")
	if err != nil {
		return fmt.Errorf("create %s %s: %w", kind.Noun(), c.Name, err)
	}
	var last S
	for n := 1; n <= c.Latest; n++ {
		if v, ok := c.Versions[n]; ok {
			last = v
		}
		v, err := s.rewrite(version(last))
		if err != nil {
			return err
		}
		if err := s.b.CreateVersion(ctx, ct, n, v, s.idx); err != nil {
			return fmt.Errorf("create version %d of %s %s: %w", n, kind.Noun(), c.Name, err)
		}
	}
	ct.Latest = c.Latest
	s.idx.Add(ct)
	return nil
}

// rewrite gives v the API's tool ids and its references by graph name.
func (s *seeder) rewrite(v backend.Version) (backend.Version, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return v, err
	}
	text := string(data)
	for from, to := range s.tools {
		text = strings.ReplaceAll(text, `"`+from+`"`, `"`+to+`"`)
	}
	var out backend.Version
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return v, err
	}
	if out.ContextGraph != nil {
		for key, r := range out.ContextGraph.References {
			if name, ok := s.names[r.ID]; ok {
				out.ContextGraph.References[key] = spec.Reference{Graph: name, Version: r.Version}
			}
		}
	}
	return out, nil
}

// service creates svc and upserts its version sets (edge is the API's).
func (s *seeder) service(ctx context.Context, svc migrate.Service) error {
	live, err := s.b.CreateService(ctx, svc.Name, svc.Spec, s.idx)
	if err != nil {
		return fmt.Errorf("create service %s: %w", svc.Name, err)
	}
	for _, name := range slices.Sorted(maps.Keys(svc.Spec.VersionSets)) {
		if name == "edge" {
			continue
		}
		if err := s.b.UpsertVersionSet(ctx, live, name, svc.Spec.VersionSets[name]); err != nil {
			return fmt.Errorf("service %s: version set %s: %w", svc.Name, name, err)
		}
		if live, err = s.b.Service(ctx, live.ID, s.idx); err != nil {
			return fmt.Errorf("read service %s: %w", svc.Name, err)
		}
	}
	return nil
}
