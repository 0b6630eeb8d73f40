package promote

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/amigosync/amigosync/pkg/spec"
)

// head is the start of every manifest of the tests, at line 1, column 1.
const head = "apiVersion: amigosync/v1\nkind: Service\nmetadata:\n  name: front-desk\n"

func TestSetPins(t *testing.T) {
	both := spec.VersionSet{Agent: spec.NumberPin(3), ContextGraph: spec.NumberPin(5)}
	agentOnly := spec.VersionSet{Agent: spec.NumberPin(3)}
	tests := []struct {
		name    string
		in      string
		set     string
		pins    spec.VersionSet
		want    string
		wantErr string
	}{
		{"comments, blank lines and other sets kept",
			head + "spec:\n  agent: assistant   # the agent\n\n  version_sets:\n    # what customers get\n    release:\n      agent: 1 # pinned by hand\n      context_graph: current\n\n    staging:\n      agent: current\n      context_graph: current\n",
			"release", both,
			head + "spec:\n  agent: assistant   # the agent\n\n  version_sets:\n    # what customers get\n    release:\n      agent: 3 # pinned by hand\n      context_graph: 5\n\n    staging:\n      agent: current\n      context_graph: current\n", ""},
		{"only the pins that move",
			head + "spec:\n  version_sets:\n    release:\n      agent: 1\n      context_graph: latest\n",
			"release", agentOnly,
			head + "spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: latest\n", ""},
		{"flow style set",
			head + "spec:\n  version_sets:\n    release: {agent: 1, context_graph: \"current\"}  # flow\n",
			"release", both,
			head + "spec:\n  version_sets:\n    release: {agent: 3, context_graph: 5}  # flow\n", ""},
		{"quoted keys and pins",
			head + "spec:\n  \"version_sets\":\n    'release':\n      \"agent\": 'latest'\n      context_graph: \"2\"\n",
			"release", both,
			head + "spec:\n  \"version_sets\":\n    'release':\n      \"agent\": 3\n      context_graph: 5\n", ""},
		{"absent set: inserted first, indented as the others",
			head + "spec:\n    agent: assistant\n    version_sets:\n        staging:  # tested here\n            agent: 2\n            context_graph: 4\n",
			"release", both,
			head + "spec:\n    agent: assistant\n    version_sets:\n        release:\n            agent: 3\n            context_graph: 5\n        staging:  # tested here\n            agent: 2\n            context_graph: 4\n", ""},
		{"absent set in a flow mapping",
			head + "spec:\n  version_sets: {staging: {agent: 2, context_graph: 4}}\n",
			"release", both,
			head + "spec:\n  version_sets: {release: {agent: 3, context_graph: 5}, staging: {agent: 2, context_graph: 4}}\n", ""},
		{"empty flow version_sets",
			head + "spec:\n  version_sets: {}\n",
			"canary", both,
			head + "spec:\n  version_sets: {canary: {agent: 3, context_graph: 5}}\n", ""},
		{"no version_sets at all",
			head + "spec:\n  agent: assistant\n  context_graph: front-desk\n",
			"release", both,
			head + "spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: 5\n  agent: assistant\n  context_graph: front-desk\n", ""},
		{"a pin the set lacks",
			head + "spec:\n  version_sets:\n    release:\n      context_graph: 1\n",
			"release", both,
			head + "spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: 5\n", ""},
		{"a set name that reads as a number is quoted",
			head + "spec:\n  version_sets:\n    release:\n      agent: 1\n      context_graph: 1\n",
			"2024", both,
			head + "spec:\n  version_sets:\n    \"2024\":\n      agent: 3\n      context_graph: 5\n    release:\n      agent: 1\n      context_graph: 1\n", ""},
		{"merged pins are overridden, not edited",
			head + "spec:\n  version_sets:\n    staging: &base\n      agent: 1\n      context_graph: 1\n    release:\n      <<: *base\n",
			"release", both,
			head + "spec:\n  version_sets:\n    staging: &base\n      agent: 1\n      context_graph: 1\n    release:\n      agent: 3\n      context_graph: 5\n      <<: *base\n", ""},
		{"CRLF line endings",
			strings.ReplaceAll(head+"spec:\n  version_sets:\n    staging:\n      agent: 1\n      context_graph: 1\n", "\n", "\r\n"),
			"release", both,
			strings.ReplaceAll(head+"spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: 5\n    staging:\n      agent: 1\n      context_graph: 1\n", "\n", "\r\n"), ""},
		{"non-ASCII text before a pin on its line",
			head + "spec:\n  version_sets:\n    release: {agent: 1, context_graph: 1}\n  description: \"Réception — front desk\"\n",
			"release", both,
			head + "spec:\n  version_sets:\n    release: {agent: 3, context_graph: 5}\n  description: \"Réception — front desk\"\n", ""},
		{"already pinned: unchanged",
			head + "spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: 5\n",
			"release", both,
			head + "spec:\n  version_sets:\n    release:\n      agent: 3\n      context_graph: 5\n", ""},
		{"an aliased set is refused",
			head + "spec:\n  version_sets:\n    staging: &s {agent: 1, context_graph: 1}\n    release: *s\n",
			"release", both, "", "line 8: version set release is an alias (*s), which other places share; write it out here to let amigosync edit it"},
		{"an aliased pin is refused",
			head + "spec:\n  version_sets:\n    staging: {agent: &n 1, context_graph: 1}\n    release: {agent: *n, context_graph: 1}\n",
			"release", both, "", "line 8: the agent pin is an alias (*n), which other places share; write the number out here to let amigosync edit it"},
		{"a block scalar pin is refused",
			head + "spec:\n  version_sets:\n    release:\n      agent: |-\n        1\n      context_graph: 1\n",
			"release", both, "", "line 8: the agent pin: it is written as a block scalar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SetPins([]byte(tt.in), spec.Pos{Line: 1, Col: 1}, tt.set, tt.pins)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("error %q, want %q", msg, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, string(got)); err == nil && diff != "" {
				t.Errorf("edited manifest (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSetPinsDocuments edits the manifest of one document of a file and
// leaves the others alone.
func TestSetPinsDocuments(t *testing.T) {
	doc := head + "spec:\n  version_sets:\n    release: {agent: 1, context_graph: 1}\n"
	in := doc + "---\n" + doc
	got, err := SetPins([]byte(in), spec.Pos{Line: 9, Col: 1}, "release", spec.VersionSet{Agent: spec.NumberPin(2), ContextGraph: spec.NumberPin(2)})
	if err != nil {
		t.Fatal(err)
	}
	want := doc + "---\n" + strings.Replace(doc, "{agent: 1, context_graph: 1}", "{agent: 2, context_graph: 2}", 1)
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []struct {
		in  string
		pos spec.Pos
		err string
	}{
		{in, spec.Pos{Line: 3, Col: 1}, "no manifest starts at line 3, column 1 (the file changed since it was read?)"},
		{"a: [", spec.Pos{Line: 1, Col: 1}, "invalid YAML: yaml: line 1: did not find expected node content"},
		{head, spec.Pos{Line: 1, Col: 1}, "the manifest has no spec"},
		{head + "spec: [1]\n", spec.Pos{Line: 1, Col: 1}, "line 5: spec is not a mapping"},
	} {
		if _, err := SetPins([]byte(bad.in), bad.pos, "release", spec.VersionSet{Agent: spec.NumberPin(2)}); errText(err) != bad.err {
			t.Errorf("SetPins(%q) error %q, want %q", bad.in, errText(err), bad.err)
		}
	}
}

// FuzzSetPins: no input makes SetPins panic, and whatever it returns
// reads the pins back (it checks that itself; here it must not lie).
func FuzzSetPins(f *testing.F) {
	f.Add(head+"spec:\n  version_sets:\n    release: {agent: 1}\n", "release")
	f.Add(head+"spec:\n  version_sets:\n    staging:\n      agent: 1\n", "release")
	f.Fuzz(func(t *testing.T, in, set string) {
		out, err := SetPins([]byte(in), spec.Pos{Line: 1, Col: 1}, set, spec.VersionSet{Agent: spec.NumberPin(7), ContextGraph: spec.NumberPin(8)})
		if err != nil {
			return
		}
		if verr := verify(out, spec.Pos{Line: 1, Col: 1}, set, []pinEdit{{"agent", spec.NumberPin(7)}, {"context_graph", spec.NumberPin(8)}}); verr != nil {
			t.Fatalf("SetPins returned a manifest that does not read back: %v\n%s", verr, out)
		}
	})
}
