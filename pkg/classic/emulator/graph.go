package emulator

import (
	"fmt"
	"strings"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// checkGraph applies the context graph rules of the create-version endpoint's description to a
// body that already has the right shape. Each broken rule is a 422 error located at the field
// that breaks it, written like a pydantic value error.
func checkGraph(body classic.CreateSHSMVersionRequest) []emukit.FieldError {
	var e errs
	byName := map[string]classic.State{}
	for i, st := range body.States {
		if _, dup := byName[st.Name]; dup {
			e.add(stateLoc(i, st, "name"), fmt.Sprintf("Value error, the state name %q is used by more than one state", st.Name), "value_error")
			continue
		}
		byName[st.Name] = st
	}
	for _, special := range []struct{ field, name string }{
		{"new_user_initial_state", body.NewUserInitialState},
		{"returning_user_initial_state", body.ReturningUserInitialState},
		{"terminal_state", body.TerminalState},
	} {
		st, ok := byName[special.name]
		switch {
		case !ok:
			e.add([]any{"body", special.field}, fmt.Sprintf("Value error, %q is not a state of this graph", special.name), "value_error")
		case st.Type != classic.StateTypeAction:
			e.add([]any{"body", special.field}, fmt.Sprintf("Value error, %q must be an action state, not a %s state", special.name, st.Type), "value_error")
		}
	}
	for i, st := range body.States {
		if st.Name == body.TerminalState && st.Type == classic.StateTypeAction {
			if len(st.ExitConditions) > 0 {
				e.add(stateLoc(i, st, "exit_conditions"), "Value error, the terminal state cannot have exit conditions", "value_error")
			}
			if len(st.Actions) != 1 {
				e.add(stateLoc(i, st, "actions"), fmt.Sprintf("Value error, the terminal state must have exactly one action, not %d", len(st.Actions)), "value_error")
			}
		}
		checkTransitions(i, st, byName, body.References, &e)
		if st.Type == classic.StateTypeRecall && (st.Queries == nil) == (st.RequestedInformation == nil) {
			e.add(stateLoc(i, st), "Value error, a recall state needs exactly one of queries and requested_information", "value_error")
		}
	}
	return e.list
}

// stateLoc is the location of a field of state i, under its type tag as pydantic writes it.
func stateLoc(i int, st classic.State, more ...any) []any {
	return append([]any{"body", "states", i, st.Type}, more...)
}

// checkTransitions checks every next_state of state i.
func checkTransitions(i int, st classic.State, byName map[string]classic.State, refs map[string]classic.Reference, e *errs) {
	switch st.Type {
	case classic.StateTypeAction, classic.StateTypeDecision:
		for j, ec := range st.ExitConditions {
			checkNext(ec.NextState, st.Name, stateLoc(i, st, "exit_conditions", j, "next_state"), byName, refs, e)
		}
	default:
		checkNext(st.NextState, st.Name, stateLoc(i, st, "next_state"), byName, refs, e)
	}
}

// checkNext checks one next_state of the state named self.
func checkNext(n classic.NextState, self string, loc []any, byName map[string]classic.State, refs map[string]classic.Reference, e *errs) {
	if !n.Pair {
		switch _, ok := byName[n.Name]; {
		case n.Name == self:
			e.add(loc, fmt.Sprintf("Value error, the state %q cannot transition to itself", self), "value_error")
		case !ok:
			e.add(loc, fmt.Sprintf("Value error, %q is not a state of this graph", n.Name), "value_error")
		}
		return
	}
	ref, _, _ := strings.Cut(n.External, ".")
	if _, ok := refs[ref]; !ok {
		e.add(at(loc, 0), fmt.Sprintf("Value error, %q is not a key of references", ref), "value_error")
	}
	if _, ok := byName[n.JumpBack]; !ok {
		e.add(at(loc, 1), fmt.Sprintf("Value error, the jump-back state %q is not a state of this graph", n.JumpBack), "value_error")
	}
}
