package migrate

import (
	"gopkg.in/yaml.v3"
)

// graph reads the rules about one context graph.
func (p *mapParser) graph(g entry) *graphRules {
	r := &graphRules{at: p.at(g.keyAt, g.field)}
	for _, e := range p.mapping(g.value, g.field, "states", "references") {
		switch e.key {
		case "states":
			for _, s := range p.mapping(e.value, e.field) {
				if !stateNameRE.MatchString(s.key) {
					p.errorf(s.keyAt, s.field, "%q is not a state name (letters, digits and underscores)", s.key)
					continue
				}
				if rule := p.state(s); rule != nil {
					r.states.add(s.key, rule)
				}
			}
		case "references":
			for _, ref := range p.mapping(e.value, e.field) {
				if rule := p.reference(ref); rule != nil {
					r.refs.add(ref.key, rule)
				}
			}
		}
	}
	return r
}

// single returns the one entry of a rule's mapping, which must have
// exactly one of keys; rule says so in the error.
func (p *mapParser) single(r entry, rule string, keys ...string) (entry, bool) {
	entries := p.mapping(r.value, r.field, keys...)
	if len(entries) != 1 {
		if r.value.Kind == yaml.MappingNode {
			p.errorf(r.keyAt, r.field, "%s", rule)
		}
		return entry{}, false
	}
	return entries[0], true
}

// state reads one state rule: exactly one of annotate and route_to.
func (p *mapParser) state(s entry) *stateRule {
	rule := &stateRule{at: p.at(s.keyAt, s.field)}
	e, ok := p.single(s, "a state rule has exactly one of annotate (replace the state by an annotation) and route_to (remove it)", "annotate", "route_to")
	if !ok {
		return nil
	}
	switch e.key {
	case "annotate":
		rule.annotate = true
		ok = p.annotation(e, rule)
	case "route_to":
		rule.routeAt = p.at(e.value, e.field)
		rule.routeTo, ok = p.stateName(e.value, e.field)
	}
	if !ok {
		return nil
	}
	return rule
}

// annotation reads `annotate: TEXT` or `annotate: {inner_thought: TEXT,
// next_state: STATE}`.
func (p *mapParser) annotation(e entry, rule *stateRule) bool {
	if e.value.Kind != yaml.MappingNode {
		var ok bool
		rule.innerThought, ok = p.str(e.value, e.field)
		return ok
	}
	ok := true
	var haveThought bool
	for _, f := range p.mapping(e.value, e.field, "inner_thought", "next_state") {
		var good bool
		switch f.key {
		case "inner_thought":
			rule.innerThought, good = p.str(f.value, f.field)
			haveThought = true
		case "next_state":
			rule.nextAt = p.at(f.value, f.field)
			rule.nextState, good = p.stateName(f.value, f.field)
		}
		ok = ok && good
	}
	if !haveThought {
		p.errorf(e.value, e.field, "inner_thought is missing: the annotation's text")
		return false
	}
	return ok
}

// reference reads one reference rule: route_to.
func (p *mapParser) reference(r entry) *refRule {
	if !stateNameRE.MatchString(r.key) {
		p.errorf(r.keyAt, r.field, "%q is not a reference name (letters, digits and underscores)", r.key)
		return nil
	}
	rule := &refRule{at: p.at(r.keyAt, r.field)}
	e, ok := p.single(r, "a reference rule needs route_to: the state the jumps into the reference go to instead", "route_to")
	if !ok {
		return nil
	}
	rule.routeAt = p.at(e.value, e.field)
	if rule.routeTo, ok = p.stateName(e.value, e.field); !ok {
		return nil
	}
	return rule
}

// tool reads `ID: SKILL`, `ID: {skill: SKILL}` or `ID: {drop: true}`.
func (p *mapParser) tool(t entry) *toolRule {
	if !toolIDRE.MatchString(t.key) {
		p.errorf(t.keyAt, t.field, "%q is not a Classic tool id (24 lowercase hex digits)", t.key)
		return nil
	}
	rule := &toolRule{at: p.at(t.keyAt, t.field)}
	if t.value.Kind != yaml.MappingNode {
		var ok bool
		if rule.skill, ok = p.str(t.value, t.field); !ok {
			return nil
		}
		return rule
	}
	e, ok := p.single(t, "a tool rule has exactly one of skill (the Platform skill's id or slug) and drop: true", "skill", "drop")
	if !ok {
		return nil
	}
	switch e.key {
	case "skill":
		var ok bool
		if rule.skill, ok = p.str(e.value, e.field); !ok {
			return nil
		}
	case "drop":
		if e.value.Kind != yaml.ScalarNode || e.value.ShortTag() != "!!bool" || e.value.Value != "true" {
			p.errorf(e.value, e.field, "must be true (leave the rule out to keep the tool)")
			return nil
		}
		rule.drop = true
	}
	return rule
}
