package export

import (
	"encoding/json"
	"math"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/spec"
)

// sameSpec compares spec values as a manifest can hold them: a missing
// list and an empty one are the same (the loader reads both as empty), and
// where a manifest was read from is not part of its value.
var sameSpec = cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(spec.Manifest[spec.AgentSpec]{}, "Source"),
	cmpopts.IgnoreFields(spec.Manifest[spec.ContextGraphSpec]{}, "Source"), cmpopts.IgnoreFields(spec.Manifest[spec.ServiceSpec]{}, "Source"),
	cmpopts.SortSlices(func(a, b spec.Agent) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b spec.ContextGraph) bool { return a.Name < b.Name }),
	cmpopts.SortSlices(func(a, b spec.Service) bool { return a.Name < b.Name })}

func validator(t testing.TB) *spec.Validator {
	t.Helper()
	v, err := spec.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// encodeBundle encodes every manifest of b as export would.
func encodeBundle(t testing.TB, b *spec.Bundle) []File {
	t.Helper()
	d := b.Dialect()
	var files []File
	add := func(kind spec.Kind, name string, s any) {
		data, err := EncodeFor(d, kind, name, s)
		if err != nil {
			t.Fatalf("EncodeFor(%s, %s, %s): %v", d, kind, name, err)
		}
		files = append(files, File{Path: Path(kind, name), Data: data})
	}
	for _, m := range b.Agents {
		add(spec.KindAgent, m.Name, m.Spec)
	}
	for _, m := range b.ContextGraphs {
		add(spec.KindContextGraph, m.Name, m.Spec)
	}
	for _, m := range b.Services {
		add(spec.KindService, m.Name, m.Spec)
	}
	return files
}

// reload checks files and returns them as pkg/spec reads them, failing on
// any error diagnostic.
func reload(t testing.TB, v *spec.Validator, d spec.Dialect, files []File) *spec.Bundle {
	t.Helper()
	b, diags, err := Check(v, d, files)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		var text []string
		for _, f := range files {
			text = append(text, "--- "+f.Path+"\n"+string(f.Data))
		}
		t.Fatalf("the encoded manifests do not validate:\n%v\n%s", diags, strings.Join(text, "\n"))
	}
	return b
}

// TestEncodeExamples encodes every manifest of the example projects and
// checks that the result validates, loads into the same values and
// matches its golden file.
func TestEncodeExamples(t *testing.T) {
	v := validator(t)
	for _, dir := range []string{"examples/workspace", "testdata/valid/classic-clinic",
		"testdata/valid/classic-current-reference", "testdata/valid/platform-minimal"} {
		t.Run(dir, func(t *testing.T) {
			src, diags, err := v.ValidateDir(filepath.Join("..", "..", dir), spec.Options{})
			if err != nil || diags.HasErrors() {
				t.Fatalf("example %s: %v %v", dir, err, diags)
			}
			files := encodeBundle(t, src)
			got := reload(t, v, src.Dialect(), files)
			for _, c := range []struct{ got, want any }{{got.Agents, src.Agents}, {got.ContextGraphs, src.ContextGraphs}, {got.Services, src.Services}} {
				if diff := cmp.Diff(c.want, c.got, sameSpec); diff != "" {
					t.Errorf("the manifests read back differ (-want +got):\n%s", diff)
				}
			}
			for _, f := range files {
				golden.Check(t, filepath.Join("testdata", "encode", path.Base(dir), filepath.FromSlash(f.Path)), f.Data)
			}
		})
	}
}

// trickyStrings are strings yaml.v3 or the loader would change if written
// plainly.
var trickyStrings = []string{
	"yes", "No", "on", "OFF", "y", "~", "null", "Null", "true", "False", "1.0", "1e3", "0x1F", "0o17", "012",
	"1_000", "1:20", "-3:25:45", ".inf", "-.Inf", ".nan", "2024-01-02", "2024-01-02T10:00:00Z",
	" leading", "trailing ", "  ", "\t", "#hash", "a #b", "a: b", "a:b", "key: \"q\"", "- item", "-", "?", "? x",
	"[x]", "{x: 1}", "&anchor", "*alias", "!tag", "|", ">", "%YAML", "@at", "`tick", "'single'", `"double"`,
	"---", "...", "--- x", "<<", "=", "a\nb", "a\nb\n", "a\nb\n\n", "\nlead", "\n", "\n\n", "x\n ", " x\ny",
	"\tx\ny", "a\r\nb", "a\rb", "a\u0085b", "a\u2028b\nc", "\u2029", "\ufeffbom", "nul\x00byte", "esc\x1b[31m",
	"bell\a", "del\x7f", "tab\tin", "é unicode ✓", "日本語", "emoji 🎉", strings.Repeat("long ", 60),
	"${vars.NAME}", "$${vars.NAME}", "$$${vars.X}", "${vars.A}${vars.B}", "x ${vars.}", "${vars.a${vars.b}",
	"${env.HOME}", "$", "${", "a\n${vars.X}\n",
}

// TestEncodeTrickyStrings puts each tricky string in free-text fields, map
// keys and map values, and checks the manifest reads back with the same
// string.
func TestEncodeTrickyStrings(t *testing.T) {
	v := validator(t)
	for _, s := range trickyStrings {
		t.Run(s, func(t *testing.T) {
			roundTripString(t, v, s)
		})
	}
}

// roundTripString checks that s survives an agent's and a service's
// free-text fields, keys and values.
func roundTripString(t *testing.T, v *spec.Validator, s string) {
	t.Helper()
	agent := spec.AgentSpec{
		Description: s, Initials: "IA", Background: s,
		Identity:  spec.Identity{Name: "Ava", Role: "r", DevelopedBy: "d", DefaultSpokenLanguage: "eng"},
		Behaviors: []string{"x" + s}, CommunicationPatterns: []string{"One question at a time."},
		VoiceConfig: &spec.VoiceConfig{VoiceID: "v1", TTSConfig: map[string]any{"k" + s: s, "n": []any{s, 1.5, nil, true}}},
	}
	svc := spec.ServiceSpec{Agent: "a", ContextGraph: "g", Description: s, Tags: map[string]*string{s: &s, "k" + s: nil}}
	files := []File{
		mustEncode(t, spec.KindAgent, "a", agent),
		mustEncode(t, spec.KindService, "s", svc),
		mustEncode(t, spec.KindContextGraph, "g", minimalGraph()),
	}
	got := reload(t, v, spec.DialectPlatform, files)
	if len(got.Agents) != 1 || len(got.Services) != 1 {
		t.Fatalf("read back %d agents and %d services, want 1 each", len(got.Agents), len(got.Services))
	}
	if diff := cmp.Diff(agent, got.Agents[0].Spec, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("agent read back differs (-want +got):\n%s\n%s", diff, files[0].Data)
	}
	if diff := cmp.Diff(svc, got.Services[0].Spec, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("service read back differs (-want +got):\n%s\n%s", diff, files[1].Data)
	}
}

func mustEncode(t testing.TB, kind spec.Kind, name string, s any) File {
	t.Helper()
	data, err := Encode(kind, name, s)
	if err != nil {
		t.Fatalf("Encode(%s, %q): %v", kind, name, err)
	}
	return File{Path: Path(kind, name), Data: data}
}

// minimalGraph is a valid Platform graph of one state.
func minimalGraph() spec.ContextGraphSpec {
	return spec.ContextGraphSpec{Description: "d", NewUserInitialState: "s", ReturningUserInitialState: "s", TerminalState: "s",
		States: []spec.State{{Type: spec.StateAction, Name: "s", Objective: "o", Actions: []spec.Action{{Description: "a"}}}}}
}

// FuzzEncodeString checks that any UTF-8 string reads back as itself, and
// that any other string is refused with an error, never a panic.
func FuzzEncodeString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	v := validator(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			if _, err := Encode(spec.KindAgent, "a", spec.AgentSpec{Background: s}); err == nil {
				t.Fatalf("Encode accepted %q, which is not valid UTF-8", s)
			}
			return
		}
		roundTripString(t, v, s)
	})
}

// TestEncodeRefuses lists values no manifest can hold.
func TestEncodeRefuses(t *testing.T) {
	hint := "h"
	tests := []struct {
		name    string
		dialect spec.Dialect
		kind    spec.Kind
		spec    any
		want    string
	}{
		{"invalid UTF-8", spec.DialectPlatform, spec.KindAgent, spec.AgentSpec{Background: "a\xffb"}, "spec.background is not valid UTF-8"},
		{"invalid UTF-8 key", spec.DialectPlatform, spec.KindService, spec.ServiceSpec{Tags: map[string]*string{"\xff": nil}}, "spec.tags has a key that is not valid UTF-8"},
		{"NaN", spec.DialectPlatform, spec.KindAgent, spec.AgentSpec{VoiceConfig: &spec.VoiceConfig{Stability: ptr(math.NaN())}}, "spec.voice_config.stability is NaN"},
		{"infinity in content", spec.DialectPlatform, spec.KindService, spec.ServiceSpec{VoiceConfig: map[string]any{"x": math.Inf(1)}}, "spec.voice_config.x is +Inf"},
		{"not a kind", spec.DialectPlatform, spec.Kind("Skill"), spec.AgentSpec{}, `"Skill" is not a manifest kind`},
		{"classic filler hint", spec.DialectClassic, spec.KindContextGraph, spec.ContextGraphSpec{States: []spec.State{{Actions: []spec.Action{{Description: "a", FillerHint: &hint}}}}},
			"spec.states.0.actions.0 has a filler_hint, which Classic actions do not have"},
		{"unsupported type", spec.DialectPlatform, spec.KindService, spec.ServiceSpec{VoiceConfig: map[string]any{"c": make(chan int)}}, "spec.voice_config.c holds a chan int"},
		{"non-string keys", spec.DialectPlatform, spec.KindService, map[int]string{1: "x"}, "spec is a map with int keys"},
		{"too deep", spec.DialectPlatform, spec.KindService, spec.ServiceSpec{VoiceConfig: deep(300)}, "nested more than 190 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := EncodeFor(tt.dialect, tt.kind, "x", tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("EncodeFor error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func deep(n int) map[string]any {
	m := map[string]any{}
	for range n {
		m = map[string]any{"x": m}
	}
	return m
}

// TestEncodeForms pins the written form of values whose YAML form is a
// choice: pins, next_state pairs, Classic actions, numbers, nulls in maps.
func TestEncodeForms(t *testing.T) {
	hint := "One moment."
	tests := []struct {
		name    string
		dialect spec.Dialect
		kind    spec.Kind
		spec    any
		want    []string
	}{
		{"version set pins", spec.DialectClassic, spec.KindService, spec.ServiceSpec{Agent: "a", ContextGraph: "g", Description: "d",
			VersionSets: map[string]spec.VersionSet{"release": {Agent: spec.NumberPin(3), ContextGraph: spec.Pin{Kind: spec.PinLatest}}}},
			[]string{"    release:\n      agent: 3\n      context_graph: latest\n"}},
		{"tag without value", spec.DialectClassic, spec.KindService, spec.ServiceSpec{Tags: map[string]*string{"vip": nil}}, []string{"  tags:\n    vip: null\n"}},
		{"external next_state", spec.DialectClassic, spec.KindContextGraph, spec.ContextGraphSpec{States: []spec.State{{Type: "action", Name: "s",
			ExitConditions: []spec.ExitCondition{{Description: "d", NextState: spec.NextState{External: "ref.start", JumpBack: "s"}}}}}},
			[]string{"next_state: [ref.start, s]\n"}},
		{"classic actions", spec.DialectClassic, spec.KindContextGraph, spec.ContextGraphSpec{States: []spec.State{{Actions: []spec.Action{{Description: "Greet."}}}}},
			[]string{"      actions:\n        - Greet.\n"}},
		{"platform actions", spec.DialectPlatform, spec.KindContextGraph, spec.ContextGraphSpec{States: []spec.State{{Actions: []spec.Action{{Description: "Greet.", FillerHint: &hint}}}}},
			[]string{"      actions:\n        - description: Greet.\n          filler_hint: One moment.\n"}},
		{"numbers", spec.DialectPlatform, spec.KindAgent, spec.AgentSpec{VoiceConfig: &spec.VoiceConfig{Stability: ptr(0.5), Style: ptr(1.0), TTSConfig: map[string]any{"rate": 24000.0, "big": 1e21}}},
			[]string{"stability: 0.5\n", "style: 1\n", "rate: 24000\n", "big: 1e+21\n"}},
		{"empty optional fields left out", spec.DialectPlatform, spec.KindAgent, spec.AgentSpec{Initials: "IA"},
			[]string{"spec:\n  initials: IA\n  identity:\n    name: \"\"\n    role: \"\"\n    developed_by: \"\"\n    default_spoken_language: \"\"\n  background: \"\"\n"}},
		{"header", spec.DialectPlatform, spec.KindAgent, spec.AgentSpec{}, []string{"apiVersion: amigosync/v1\nkind: Agent\nmetadata:\n  name: x\nspec:\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := EncodeFor(tt.dialect, tt.kind, "x", tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("output does not contain %q:\n%s", w, out)
				}
			}
		})
	}
}

// FuzzEncodeContent checks that free-form content (any JSON value in a
// voice's tts_config) reads back as it was, and never panics.
func FuzzEncodeContent(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a": 1}`, `{"a": [1, 2.5, "x", null, true, {"b": {}}]}`, `{"yes": "no", "1": 1e300, "": ""}`,
		`{"<<": {"a": 1}}`, `{"k": "${vars.X}"}`, `{"n": -0.0, "m": 5e-324, "big": 12345678901234567890}`} {
		f.Add(seed)
	}
	v := validator(f)
	f.Fuzz(func(t *testing.T, doc string) {
		var content map[string]any
		if json.Unmarshal([]byte(doc), &content) != nil || content == nil {
			return
		}
		agent := spec.AgentSpec{Initials: "IA", Identity: spec.Identity{Name: "n", Role: "r", DevelopedBy: "d", DefaultSpokenLanguage: "eng"},
			Background: "b", VoiceConfig: &spec.VoiceConfig{VoiceID: "v", TTSConfig: content}}
		data, err := Encode(spec.KindAgent, "a", agent)
		if err != nil {
			return // a value no manifest can hold (invalid UTF-8, too deep) is refused
		}
		got := reload(t, v, spec.DialectPlatform, []File{{Path: "agents/a.yaml", Data: data},
			mustEncode(t, spec.KindContextGraph, "g", minimalGraph())})
		if len(got.Agents) != 1 {
			t.Fatalf("read back %d agents", len(got.Agents))
		}
		if diff := cmp.Diff(agent, got.Agents[0].Spec, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("content read back differs (-want +got):\n%s\n%s", diff, data)
		}
	})
}
