package spec

import (
	"strings"
	"testing"
)

// TestKindTable checks the invariants the validator and the planner rely
// on: the kinds come in dependency order, each has its schema in both
// dialects and its own export directory, and KindOf, Noun and Plural
// agree with the table.
func TestKindTable(t *testing.T) {
	v := newTestValidator(t)
	kinds := Kinds()
	want := []Kind{KindAgent, KindContextGraph, KindService}
	if len(kinds) != len(want) {
		t.Fatalf("Kinds() has %d entries, want %d", len(kinds), len(want))
	}
	dirs := map[string]bool{}
	for i, info := range kinds {
		if info.Kind != want[i] {
			t.Errorf("Kinds()[%d] = %s, want %s", i, info.Kind, want[i])
		}
		if i > 0 && info.Level < kinds[i-1].Level {
			t.Errorf("%s (level %d) comes after %s (level %d)", info.Kind, info.Level, kinds[i-1].Kind, kinds[i-1].Level)
		}
		for _, d := range []Dialect{DialectClassic, DialectPlatform} {
			if v.schemas.compiled[info.SchemaStem+"."+string(d)] == nil {
				t.Errorf("%s has no %s schema %s.%s.json", info.Kind, d, info.SchemaStem, d)
			}
		}
		if info.Dir == "" || dirs[info.Dir] {
			t.Errorf("%s has export directory %q, which is empty or not its own", info.Kind, info.Dir)
		}
		dirs[info.Dir] = true
		if got, ok := KindOf(info.Kind); !ok || got.Noun != info.Noun {
			t.Errorf("KindOf(%s) = %+v, %t", info.Kind, got, ok)
		}
		if info.Kind.Noun() != info.Noun || info.Kind.Plural() != info.Plural || !strings.HasPrefix(info.Plural, info.Noun) {
			t.Errorf("%s: Noun() = %q, Plural() = %q; the table says %q, %q", info.Kind, info.Kind.Noun(), info.Kind.Plural(), info.Noun, info.Plural)
		}
	}
	if info, ok := KindOf("Skill"); ok {
		t.Errorf("KindOf(Skill) = %+v, true; want false", info)
	}
	if n, p := Kind("Skill").Noun(), Kind("Skill").Plural(); n != "Skill" || p != "Skills" {
		t.Errorf("unknown kind: Noun() = %q, Plural() = %q", n, p)
	}
	kinds[0].Noun = "changed"
	if KindAgent.Noun() != "agent" {
		t.Error("changing the slice Kinds() returned changed the table")
	}
	if got := kindNames(); got != "Agent, ContextGraph or Service" {
		t.Errorf("kindNames() = %q", got)
	}
}

// TestVersionedKinds checks which kinds are containers of versions: the
// planner creates versions of these and updates the others in place.
func TestVersionedKinds(t *testing.T) {
	for _, tc := range []struct {
		kind      Kind
		versioned bool
	}{{KindAgent, true}, {KindContextGraph, true}, {KindService, false}} {
		info, _ := KindOf(tc.kind)
		if info.Versioned != tc.versioned {
			t.Errorf("%s: Versioned = %t, want %t", tc.kind, info.Versioned, tc.versioned)
		}
	}
}
