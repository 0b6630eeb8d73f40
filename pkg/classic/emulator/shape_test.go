package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRules(t *testing.T) {
	s := newSchemas()
	tests := []struct {
		name     string
		rule     rule
		in       string
		wantType string // "" = valid
		wantOut  string // normalised output, when valid and set
	}{
		{"int ok", integer(numOpts{}), `3`, "", `3`},
		{"int from whole float", integer(numOpts{}), `3.0`, "", `3`},
		{"int fractional", integer(numOpts{}), `3.5`, "int_from_float", ""},
		{"int huge", integer(numOpts{}), `1e300`, "int_parsing_size", ""},
		// word_limit has no maximum in the document: a large integer within
		// int64 is read exactly, not through a float64.
		{"int large", integer(numOpts{gt: bound(0)}), `1152921504606846977`, "", `1152921504606846977`},
		{"int max int64", integer(numOpts{}), `9223372036854775807`, "", `9223372036854775807`},
		{"int large negative", integer(numOpts{gt: bound(0)}), `-1152921504606846977`, "greater_than", ""},
		{"int string", integer(numOpts{}), `"3"`, "int_type", ""},
		{"int gt", integer(numOpts{gt: bound(0)}), `0`, "greater_than", ""},
		{"int ge", integer(numOpts{ge: bound(1)}), `0`, "greater_than_equal", ""},
		{"number le", number(numOpts{le: bound(10)}), `10.01`, "less_than_equal", ""},
		{"number bool", number(numOpts{}), `true`, "float_type", ""},
		{"bool ok", boolean(), `false`, "", ""},
		{"bool number", boolean(), `1`, "bool_type", ""},
		{"string stripped", str(strOpts{strip: true, min: 1}), `"  x  "`, "", `"x"`},
		{"string runes", str(strOpts{max: 3}), `"ééé"`, "", ""},
		{"string too long", str(strOpts{max: 3}), `"abcd"`, "string_too_long", ""},
		{"list type", list(anyValue(), 0, 0), `{}`, "list_type", ""},
		{"tuple type", tuple(anyValue()), `"x"`, "tuple_type", ""},
		{"dict type", dict(anyValue(), anyValue(), 0), `[]`, "dict_type", ""},
		{"dict too big", dict(str(strOpts{}), anyValue(), 1), `{"a":1,"b":2}`, "too_long", ""},
		{"object drops unknown", object(opt("a", anyValue())), `{"a":1,"z":2}`, "", `{"a":1}`},
		{"tagged not object", tagged("type", nil, nil), `3`, "model_attributes_type", ""},
		{"version set name", s.versionSetName, `"ok-name_1"`, "", ""},
		{"language", s.agentVersion, `{"identity":{"name":"n","role":"r","developed_by":"d","default_spoken_language":"en","relationship_to_developer":{"ownership":"o","type":"t","conversation_visibility":"c","thought_visibility":"t"}}}`, "string_too_short", ""},
		{"llm params", s.upsertVersionSet, `{"version_set":{"agent_version_number":null,"service_hierarchical_state_machine_version_number":1,"llm_model_preferences":{"x":{"llm_name":"google_gemini-2.5-pro","params":{"temperature":0.2}}}}}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tt.in))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			var e errs
			out := tt.rule(v, []any{"body"}, &e)
			var types []string
			for _, fe := range e.list {
				types = append(types, fe.Type)
			}
			switch {
			case tt.wantType == "" && len(types) > 0:
				t.Fatalf("errors %v, want none", e.list)
			case tt.wantType != "" && !cmp.Equal(types, []string{tt.wantType}):
				t.Fatalf("errors %v, want one of type %s", e.list, tt.wantType)
			}
			if tt.wantOut != "" {
				got, _ := json.Marshal(out)
				if string(got) != tt.wantOut {
					t.Errorf("normalised %s, want %s", got, tt.wantOut)
				}
			}
		})
	}
}

// FuzzCreateSHSMVersion checks that no body makes the version endpoint fail with anything but a
// documented client error or success.
func FuzzCreateSHSMVersion(f *testing.F) {
	seed, _ := json.Marshal(graphBody())
	for _, s := range []string{string(seed), `{}`, `[]`, `null`, `{"states":[{"type":"action"}]}`, `{"references":{"r":["x",1.5]}}`} {
		f.Add(s)
	}
	fx := newFixture(f)
	id := fx.newSHSM("fuzz", 0)
	f.Fuzz(func(t *testing.T, body string) {
		ft := *fx
		ft.t = t
		r := ft.send(fx.client, "POST", shsmsPath+"/"+id+"/?dry_run=true", body, nil)
		if r.err != nil {
			t.Fatalf("request failed: %v", r.err)
		}
		switch r.status {
		case http.StatusCreated, http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d for %q: %s", r.status, body, r.body)
		}
	})
}
