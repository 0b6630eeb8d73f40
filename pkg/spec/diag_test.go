package spec

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Severity: SeverityError, Code: "c", Summary: "bad", Range: Range{File: "f.yaml", Start: Pos{3, 5}}, Kind: "Agent", Name: "a"},
			"f.yaml:3:5: Agent/a: bad [c]"},
		{Diagnostic{Severity: SeverityWarning, Code: "w", Summary: "odd", Range: Range{File: "f.yaml", Start: Pos{1, 1}}, Kind: "Project"},
			"f.yaml:1:1: Project: warning: odd [w]"},
		{Diagnostic{Severity: SeverityError, Code: "no-manifests", Summary: "none", Range: Range{File: "dir"}},
			"dir: none [no-manifests]"},
		{Diagnostic{Severity: SeverityError, Code: "c", Summary: "raw\nline \x1b[2J", Range: Range{File: "my dir/a\tb.yaml", Start: Pos{1, 2}}, Kind: "Agent", Name: "x: ok"},
			`"my dir/a\tb.yaml":1:2: Agent/"x: ok": raw\nline \x1b[2J [c]`},
		{Diagnostic{Severity: SeverityError, Code: "c", Summary: "s", Range: Range{File: "my dir/a.yaml", Start: Pos{1, 2}}, Kind: "Agent", Name: "Front desk"},
			`my dir/a.yaml:1:2: Agent/Front desk: s [c]`},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestDiagnosticsSortAndCount(t *testing.T) {
	at := func(file string, line, col int, code string, sev Severity) Diagnostic {
		return Diagnostic{Severity: sev, Code: code, Summary: code, Range: Range{File: file, Start: Pos{line, col}}}
	}
	var ds Diagnostics
	ds.Append(at("b.yaml", 1, 1, "x", SeverityError), at("a.yaml", 10, 2, "y", SeverityWarning),
		at("a.yaml", 2, 9, "z", SeverityError), at("a.yaml", 2, 3, "b", SeverityError), at("a.yaml", 2, 3, "a", SeverityError))
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Range.String()+" "+d.Code)
	}
	want := []string{"a.yaml:2:3 a", "a.yaml:2:3 b", "a.yaml:2:9 z", "a.yaml:10:2 y", "b.yaml:1:1 x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if errs, warns := ds.Count(); errs != 4 || warns != 1 || !ds.HasErrors() {
		t.Errorf("Count() = %d, %d", errs, warns)
	}
	if (Diagnostics{at("a", 1, 1, "w", SeverityWarning)}).HasErrors() {
		t.Error("a warning counts as an error")
	}
	if got := Summary(ds, 1); got != "4 errors, 1 warning in 1 manifest" {
		t.Errorf("Summary() = %q", got)
	}
}

// TestDiagnosticJSON: a diagnostic encodes with the documented keys, every
// one of them present, and decodes back to itself.
func TestDiagnosticJSON(t *testing.T) {
	in := Diagnostics{
		{Severity: SeverityWarning, Code: "c", Summary: "s", Detail: "d",
			Range: Range{File: "f", Start: Pos{1, 2}, End: Pos{1, 4}}, Kind: "Service", Name: "n"},
		{Severity: SeverityError, Code: "no-manifests", Summary: "none", Range: Range{File: "dir"}},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"severity":"warning","code":"c","summary":"s","detail":"d","range":{"filename":"f","start":{"line":1,"column":2},"end":{"line":1,"column":4}},"kind":"Service","name":"n"},` +
		`{"severity":"error","code":"no-manifests","summary":"none","detail":"","range":{"filename":"dir","start":{"line":0,"column":0},"end":{"line":0,"column":0}},"kind":"","name":""}]`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("JSON (-want +got):\n%s", diff)
	}
	var back Diagnostics
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, back); diff != "" {
		t.Errorf("JSON round trip (-in +out):\n%s", diff)
	}
}

func TestEditDistanceSuggestions(t *testing.T) {
	props := map[string]any{"objective": nil, "actions": nil, "exit_conditions": nil}
	for key, want := range map[string]string{"objectiv": "objective", "action": "actions", "exit_condition": "exit_conditions", "zzz": ""} {
		if got := nearest(key, props); got != want {
			t.Errorf("nearest(%q) = %q, want %q", key, got, want)
		}
	}
}
