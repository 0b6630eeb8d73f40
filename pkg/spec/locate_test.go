package spec

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestKeyIndexMatchesMappingEntry checks that the indexed lookup used to
// place diagnostics finds what the plain scan finds in a large mapping:
// the first of duplicate keys, keys from merged mappings, and nothing for
// missing keys, and that it indexes the mapping once.
func TestKeyIndexMatchesMappingEntry(t *testing.T) {
	var b strings.Builder
	b.WriteString("base: &base {merged: 1, k3: shadowed}\nbig:\n  <<: *base\n")
	for i := 0; i < 3*bigMapping; i++ {
		fmt.Fprintf(&b, "  k%d: %d\n", i, i)
	}
	b.WriteString("  k5: again\n")
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &doc); err != nil {
		t.Fatal(err)
	}
	big := locate(doc.Content[0], []string{"big"})
	var ix keyIndex
	for _, key := range []string{"k0", "k3", "k5", "k47", "merged", "missing", "<<"} {
		wk, wv := mappingEntry(big, key)
		gk, gv := ix.entry(big, key)
		if gk != wk || gv != wv {
			t.Errorf("entry(%q) = %v, %v; mappingEntry gives %v, %v", key, gk, gv, wk, wv)
		}
	}
	if len(ix.maps) != 1 {
		t.Errorf("indexed %d mappings, want 1", len(ix.maps))
	}
	if _, v := ix.entry(big, "k5"); v == nil || v.Value != "5" {
		t.Errorf("k5 = %v, want the first definition", v)
	}
}

// TestSuggesterBoundsItsWork checks that suggestions for many unknown
// names against many defined ones stop once the budget is spent, and
// that a repeated name costs nothing.
func TestSuggesterBoundsItsWork(t *testing.T) {
	defined := map[string]bool{}
	for i := 0; i < 5000; i++ {
		defined[fmt.Sprintf("state_%04d", i)] = true
	}
	s := newSuggester(defined)
	if got := s.suggest("state_0001x"); got != `; did you mean "state_0001"?` {
		t.Fatalf("suggest = %q", got)
	}
	before := s.budget
	if got := s.suggest("state_0001x"); got != `; did you mean "state_0001"?` || s.budget != before {
		t.Errorf("repeated suggest = %q and spent %d", got, before-s.budget)
	}
	for i := 0; i < 5000; i++ {
		s.suggest(fmt.Sprintf("stat_%04dy", i))
	}
	if s.budget > 0 {
		t.Fatalf("budget left %d; the test should exhaust it", s.budget)
	}
	if minLeft := -len("stat_0000y") * len("state_0000"); s.budget < minLeft {
		t.Errorf("budget overspent: %d", s.budget)
	}
	if got := s.suggest("state_0002x"); got != "" {
		t.Errorf("suggest after the budget = %q, want none", got)
	}
}
