package spec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validSpecs returns the spec value of every document of the valid
// manifests and the example, as the converter produces it.
func validSpecs(t *testing.T) map[string]map[string]any {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(repoTestdata, "valid", "*"))
	dirs = append(dirs, filepath.Join("..", "..", "examples", "workspace"))
	v := newTestValidator(t)
	out := map[string]map[string]any{}
	for _, dir := range dirs {
		b, _ := v.Validate(os.DirFS(dir), Options{})
		files, _ := listFiles(os.DirFS(dir))
		for _, f := range files {
			if f == ProjectFile {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			roots, diag := parseDocuments(source{display: f, data: data})
			if diag != nil {
				t.Fatal(diag)
			}
			for i, root := range roots {
				substituteVars(root, b.Target.Vars, b.Target.typedVars)
				val, _ := toValue(root, countNodes(root))
				m := val.(map[string]any)
				out[filepath.Join(dir, f)+"#"+string(rune('0'+i))] = m
			}
		}
	}
	return out
}

// TestValueDecoderMatchesJSON checks the fast decoder against a JSON round
// trip for every valid manifest.
func TestValueDecoderMatchesJSON(t *testing.T) {
	var dec valueDecoder
	for name, m := range validSpecs(t) {
		t.Run(name, func(t *testing.T) {
			raw, err := json.Marshal(m["spec"])
			if err != nil {
				t.Fatal(err)
			}
			var fast, slow any
			switch Kind(m["kind"].(string)) {
			case KindAgent:
				fast, slow = new(AgentSpec), new(AgentSpec)
			case KindContextGraph:
				fast, slow = new(ContextGraphSpec), new(ContextGraphSpec)
			case KindService:
				fast, slow = new(ServiceSpec), new(ServiceSpec)
			}
			if err := dec.decode(m["spec"], fast); err != nil {
				t.Fatalf("fast decode: %v", err)
			}
			if err := json.Unmarshal(raw, slow); err != nil {
				t.Fatalf("json decode: %v", err)
			}
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Errorf("decoders disagree (-json +fast):\n%s", diff)
			}
		})
	}
}

func TestAppendJSON(t *testing.T) {
	values := []any{
		nil, true, json.Number("-1.5e3"), "plain", "quote\" back\\slash \n\t\r \x01 é ✓",
		[]any{"a", json.Number("1"), nil}, map[string]any{"k\"": []any{map[string]any{}}},
	}
	for _, v := range values {
		got := appendJSON(nil, v)
		var back, want any
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendJSON(%#v) = %s: %v", v, got, err)
		}
		ref, _ := json.Marshal(v)
		_ = json.Unmarshal(ref, &want)
		if diff := cmp.Diff(want, back); diff != "" {
			t.Errorf("appendJSON(%#v) round trip differs:\n%s", v, diff)
		}
	}
}

func TestModelOfClassicExample(t *testing.T) {
	v := newTestValidator(t)
	b, diags := v.Validate(os.DirFS(filepath.Join(repoTestdata, "valid", "classic-clinic")), Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if b.Dialect() != DialectClassic || b.Target.Name != "local" || !b.Target.Embedded {
		t.Errorf("target = %+v", b.Target)
	}
	g, ok := b.ContextGraph("billing")
	if _, missing := b.Agent("nobody"); !ok || missing {
		t.Fatalf("lookup by name failed")
	}
	if g.Name != "billing" || g.Spec.References["payments"] != (Reference{Graph: "payments", Version: Pin{Kind: PinNumber, Number: 1}}) ||
		g.Spec.References["legacy"].ID != "65a1b2c3d4e5f60718293a4b" {
		t.Errorf("graph %q references = %+v", g.Name, g.Spec.References)
	}
	greet, _ := g.Spec.State("greet")
	pay := greet.ExitConditions[1].NextState
	if ref, st := pay.Reference(); !pay.IsExternal() || ref != "payments" || st != "start" || pay.JumpBack != "done" {
		t.Errorf("external transition = %+v", pay)
	}
	if greet.Actions[0].Description == "" {
		t.Errorf("classic string action not decoded: %+v", greet.Actions)
	}
	lookup, _ := g.Spec.State("lookup_balance")
	if lookup.DesignatedTool == nil || lookup.DesignatedTool.ToolID != "5f1e2d3c4b5a69788796a5b4" {
		t.Errorf("variable not substituted into the tool id: %+v", lookup.DesignatedTool)
	}
	sets := b.Services[0].Spec.VersionSets
	want := map[string][2]Pin{
		"release": {{Kind: PinNumber, Number: 2}, {Kind: PinNumber, Number: 4}},
		"staging": {{Kind: PinLatest}, {Kind: PinCurrent}},
	}
	for name, pins := range want {
		if got := sets[name]; got.Agent != pins[0] || got.ContextGraph != pins[1] {
			t.Errorf("version set %s = %v/%v, want %v/%v", name, got.Agent, got.ContextGraph, pins[0], pins[1])
		}
	}
	if b.Services[0].Spec.Tags["tier"] != nil || *b.Services[0].Spec.Tags["team"] != "billing" {
		t.Errorf("tags = %v", b.Services[0].Spec.Tags)
	}
}

func TestPinJSON(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Pin
		wantErr bool
	}{
		{`3`, Pin{Kind: PinNumber, Number: 3}, false},
		{`"latest"`, Pin{Kind: PinLatest}, false},
		{`"current"`, Pin{Kind: PinCurrent}, false},
		{`0`, Pin{}, true},
		{`"edge"`, Pin{}, true},
		{`1.5`, Pin{}, true},
		{`1e+07`, Pin{Kind: PinNumber, Number: 10000000}, false},
		{`1e+29`, Pin{}, true},
	} {
		var p Pin
		err := json.Unmarshal([]byte(tt.in), &p)
		if (err != nil) != tt.wantErr || p != tt.want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v (error %v)", tt.in, p, err, tt.want, tt.wantErr)
		}
		if err == nil {
			want := tt.in
			if p.Kind == PinNumber {
				want = strconv.Itoa(p.Number) // 1e+07 is written back as 10000000
			}
			out, _ := json.Marshal(p)
			if string(out) != want {
				t.Errorf("Marshal(%v) = %s, want %s", p, out, want)
			}
		}
	}
}

// TestReferenceJSON checks that a reference's version is written as in a
// manifest (a number or "current") and read back the same.
func TestReferenceJSON(t *testing.T) {
	tests := []struct {
		ref  Reference
		want string
	}{
		{Reference{Graph: "triage", Version: Pin{Kind: PinCurrent}}, `{"graph":"triage","version":"current"}`},
		{Reference{ID: "65a1b2c3d4e5f60718293a4b", Version: Pin{Kind: PinNumber, Number: 7}}, `{"id":"65a1b2c3d4e5f60718293a4b","version":7}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.ref)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tc.ref, b, err, tc.want)
		}
		var back Reference
		if err := json.Unmarshal(b, &back); err != nil || back != tc.ref {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", b, back, err, tc.ref)
		}
	}
}
