package migrate_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestIDMapRecord checks that recording real Platform versions moves the
// planned numbers of the later versions, and that the services are
// re-pinned through the map.
func TestIDMapRecord(t *testing.T) {
	res := translate(t, fiveVersions(t), migrate.Options{AllVersions: true})
	m := res.IDMap
	agentID := res.Agents[0].ClassicID
	// The workspace had 3 versions of the agent already: Classic 1 became 4.
	if err := m.Record(spec.KindAgent, agentID, 1, "uuid-ag", 4); err != nil {
		t.Fatal(err)
	}
	var got []int
	for n := 1; n <= 5; n++ {
		e, ok := m.Lookup(spec.KindAgent, agentID, n)
		if !ok {
			t.Fatalf("no entry for Classic version %d", n)
		}
		if e.Platform.ID != "uuid-ag" {
			t.Errorf("Classic version %d: Platform id %q, want uuid-ag", n, e.Platform.ID)
		}
		if e.Applied != (n == 1) {
			t.Errorf("Classic version %d: applied = %v", n, e.Applied)
		}
		got = append(got, e.Platform.Version)
	}
	if diff := cmp.Diff([]int{4, 5, 6, 7, 8}, got); diff != "" {
		t.Errorf("Platform versions (-want +got):\n%s", diff)
	}
	m2, err := res.Manifests(migrate.Ready)
	if err != nil {
		t.Fatal(err)
	}
	if p := m2.Services[0].Spec.VersionSets["release"].Agent; p != (spec.Pin{Kind: spec.PinNumber, Number: 5}) {
		t.Errorf("release pins agent %v, want 5 (Classic 2)", p)
	}
	if err := m.Record(spec.KindAgent, agentID, 9, "uuid-ag", 9); err == nil {
		t.Error("Record of a version the map does not hold succeeded")
	}
}

// TestIDMapAdopt checks that a second run takes over what the first one
// applied, through idmap.json.
func TestIDMapAdopt(t *testing.T) {
	first := translate(t, fiveVersions(t), migrate.Options{})
	agentID := first.Agents[0].ClassicID
	if err := first.IDMap.Record(spec.KindAgent, agentID, 2, "uuid-ag", 7); err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	if err := json.NewEncoder(&saved).Encode(first.IDMap); err != nil {
		t.Fatal(err)
	}
	prev, err := migrate.ParseIDMap(saved.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first.IDMap, prev); diff != "" {
		t.Errorf("idmap.json does not read back the same (-want +got):\n%s", diff)
	}
	second := translate(t, fiveVersions(t), migrate.Options{})
	if err := second.IDMap.Adopt(prev); err != nil {
		t.Fatal(err)
	}
	e2, _ := second.IDMap.Lookup(spec.KindAgent, agentID, 2)
	e5, _ := second.IDMap.Lookup(spec.KindAgent, agentID, 5)
	if !e2.Applied || e2.Platform.Version != 7 || e5.Applied || e5.Platform.Version != 8 {
		t.Errorf("after Adopt: v2 → %+v, v5 → %+v; want 7 (applied) and 8 (planned)", e2, e5)
	}
}

func TestParseIDMapErrors(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`{"format_version": 2, "entries": []}`, "read the id map: format_version 2 is not 1, the one this release reads"},
		{`{"format_version": 1, "entries": [], "extra": 1}`, `read the id map: json: unknown field "extra"`},
		{`[`, "read the id map: unexpected EOF"},
	} {
		if _, err := migrate.ParseIDMap([]byte(tt.data)); err == nil || err.Error() != tt.want {
			t.Errorf("ParseIDMap(%s) = %v, want %q", tt.data, err, tt.want)
		}
	}
}
