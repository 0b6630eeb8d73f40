package migrate

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// mapErr records a problem with a mapping-file rule, once.
func (t *translator) mapErr(w where, format string, args ...any) {
	e := &MapError{Range: spec.Range{File: t.rules.file, Start: w.pos, End: w.pos}, Field: w.field, Message: fmt.Sprintf(format, args...)}
	if key := e.Error(); !t.errSeen[key] {
		t.errSeen[key] = true
		t.mapErrs = append(t.mapErrs, e)
	}
}

// unusedRules reports rules that matched nothing: a graph, state,
// reference or tool the migrated versions do not have is most likely a
// typo, and a rule that silently does nothing would leave the user
// believing a problem solved.
func (t *translator) unusedRules() {
	for _, name := range t.rules.graphs.order {
		g := t.rules.graphs.get(name)
		if t.graphs[name] == nil {
			t.mapErr(g.at, "the organization has no context graph called %s", name)
			continue
		}
		for _, s := range g.states.order {
			if r := g.states.get(s); !t.used[r] {
				t.mapErr(r.at, "no migrated version of context graph %s has a state %s", name, s)
			}
		}
		for _, ref := range g.refs.order {
			if r := g.refs.get(ref); !t.used[r] {
				t.mapErr(r.at, "no migrated version of context graph %s jumps into reference %s", name, ref)
			}
		}
	}
	for _, id := range t.rules.tools.order {
		if r := t.rules.tools.get(id); !t.used[r] {
			t.mapErr(r.at, "no migrated context graph calls tool %s", id)
		}
	}
}

// ruleAt names a rule's place in the mapping file, "file:line:col".
func (t *translator) ruleAt(w where) string {
	return spec.Range{File: t.rules.file, Start: w.pos}.String()
}
