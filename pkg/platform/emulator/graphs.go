package emulator

import (
	"fmt"
	"time"

	"github.com/amigosync/amigosync/pkg/platform"
)

// graphKind describes context graphs: containers of context graph versions.
func graphKind() kind[graphVersion, platform.CreateContextGraphVersionRequest, platform.ContextGraphResponse] {
	return kind[graphVersion, platform.CreateContextGraphVersionRequest, platform.ContextGraphResponse]{
		noun: "context graph", title: "Context graph", idParam: "context_graph_id",
		createSchema: "CreateContextGraphRequest", updateSchema: "UpdateContextGraphRequest", versionSchema: "CreateContextGraphVersionRequest",
		records: func(ws *workspaceData) *[]*container[graphVersion] { return &ws.ContextGraphs },
		response: func(wsID string, c *container[graphVersion]) platform.ContextGraphResponse {
			out := platform.ContextGraphResponse{ID: c.ID, WorkspaceID: wsID, Name: c.Name, Description: c.Description,
				LatestVersion: len(c.Versions), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
			if n := len(c.Versions); n > 0 {
				out.StateCount = len(c.Versions[n-1].States)
			}
			return out
		},
		listKeys: withLatest(containerKeys(func(g platform.ContextGraphResponse) stamps { return stamps{g.Name, g.CreatedAt, g.UpdatedAt} }),
			func(g platform.ContextGraphResponse) int { return g.LatestVersion }),
		versionKeys: versionKeys(
			func(v graphVersion) int { return v.Version },
			func(v graphVersion) time.Time { return v.CreatedAt }),
		check: checkGraph,
		build: buildGraphVersion,
	}
}

// buildGraphVersion makes a context graph version from a valid request,
// filling the documented defaults of the top-level fields.
func buildGraphVersion(req platform.CreateContextGraphVersionRequest, m versionMeta) graphVersion {
	return graphVersion{
		ID: m.ID, WorkspaceID: m.WorkspaceID, ContextGraphID: m.ContainerID, Version: m.Number,
		Description:                          deref(req.Description),
		States:                               nonNil(req.States),
		NewUserInitialState:                  req.NewUserInitialState,
		ReturningUserInitialState:            req.ReturningUserInitialState,
		TerminalState:                        req.TerminalState,
		GlobalIntraStateNavigationGuidelines: nonNil(req.GlobalIntraStateNavigationGuidelines),
		GlobalActionGuidelines:               nonNil(req.GlobalActionGuidelines),
		GlobalBoundaryConstraints:            nonNil(req.GlobalBoundaryConstraints),
		TopologyDescription:                  req.TopologyDescription,
		CreatedAt:                            m.At, UpdatedAt: m.At,
	}
}

// checkGraph applies the context graph rules of this dialect that the schema
// cannot express: unique state names; the two initial states and the
// terminal state exist and are action states; every action state has an
// action; the terminal state has no exit conditions and exactly one action;
// every transition (exit condition, annotation next_state, data collection
// on_complete) names an existing state other than its own.
func checkGraph(req platform.CreateContextGraphVersionRequest) []platform.ValidationError {
	var errs []platform.ValidationError
	bad := func(msg string, loc ...any) {
		errs = append(errs, fieldErr(append([]any{"body"}, loc...), "Value error, "+msg, "value_error"))
	}
	if len(req.States) == 0 {
		bad("a context graph needs at least one state", "states")
		return errs
	}
	index := map[string]int{}
	for i, st := range req.States {
		if _, dup := index[st.Name()]; dup {
			bad(fmt.Sprintf("state name %q is used by more than one state", st.Name()), "states", i, "name")
			continue
		}
		index[st.Name()] = i
	}
	for _, special := range []struct{ field, name string }{
		{"new_user_initial_state", req.NewUserInitialState},
		{"returning_user_initial_state", req.ReturningUserInitialState},
		{"terminal_state", req.TerminalState},
	} {
		i, ok := index[special.name]
		switch {
		case !ok:
			bad(fmt.Sprintf("%s %q is not a state of this graph", special.field, special.name), special.field)
		case req.States[i].Type != platform.StateTypeAction:
			bad(fmt.Sprintf("%s %q must be an action state, not a %s state", special.field, special.name, req.States[i].Type), special.field)
		}
	}
	for i, st := range req.States {
		errs = append(errs, checkState(st, i, index, st.Name() == req.TerminalState)...)
	}
	return errs
}

// checkState applies the per-state rules to state i.
func checkState(st platform.ContextGraphState, i int, index map[string]int, terminal bool) []platform.ValidationError {
	var errs []platform.ValidationError
	loc := []any{"body", "states", i}
	bad := func(msg string, rest ...any) {
		errs = append(errs, fieldErr(append(append([]any{}, loc...), rest...), "Value error, "+msg, "value_error"))
	}
	target := func(next string, rest ...any) {
		if next == st.Name() {
			bad(fmt.Sprintf("state %q cannot transition to itself", next), rest...)
		} else if _, ok := index[next]; !ok {
			bad(fmt.Sprintf("next state %q is not a state of this graph", next), rest...)
		}
	}
	exits := func(ecs []platform.ExitCondition) {
		for j, ec := range ecs {
			target(ec.NextState, "exit_conditions", j, "next_state")
		}
	}
	switch {
	case st.Action != nil:
		if len(st.Action.Actions) == 0 {
			bad(fmt.Sprintf("action state %q needs at least one action", st.Name()), "actions")
		}
		if terminal && len(st.Action.Actions) > 1 {
			bad(fmt.Sprintf("terminal state %q must have exactly one action, not %d", st.Name(), len(st.Action.Actions)), "actions")
		}
		if terminal && len(st.Action.ExitConditions) > 0 {
			bad(fmt.Sprintf("terminal state %q must have no exit conditions", st.Name()), "exit_conditions")
		}
		exits(st.Action.ExitConditions)
	case st.Decision != nil:
		exits(st.Decision.ExitConditions)
	case st.Annotation != nil:
		target(st.Annotation.NextState, "next_state")
	case st.DataCollection != nil:
		target(st.DataCollection.OnComplete, "on_complete")
	}
	return errs
}
