package platform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/golden"
)

// TestWireGolden encodes every wire type with every field set and compares
// the bytes (field order included) with testdata/wire/<Type>.json, then
// decodes them back and checks that nothing was lost. It guards
// refactorings of types*.go: the JSON must stay byte-identical.
func TestWireGolden(t *testing.T) {
	values := []any{
		&Page[AgentResponse]{}, &HTTPValidationError{}, &WorkspaceResponse{},
		&CreateAgentRequest{}, &UpdateAgentRequest{}, &AgentResponse{},
		&CreateAgentVersionRequest{}, &AgentVersionResponse{},
		&CreateContextGraphRequest{}, &UpdateContextGraphRequest{}, &ContextGraphResponse{},
		&CreateContextGraphVersionRequest{}, &ContextGraphVersionResponse{},
		&DecisionState{}, &AnnotationState{}, &DataCollectionState{},
		&UpsertVersionSetRequest{}, &CreateServiceRequest{}, &UpdateServiceRequest{}, &ServiceResponse{},
		&CreateSkillRequest{}, &UpdateSkillRequest{}, &SkillResponse{},
	}
	for _, v := range values {
		name := strings.NewReplacer("[", "-", "]", "", "github.com/amigosync/amigosync/pkg/platform.", "").Replace(reflect.TypeOf(v).Elem().Name())
		t.Run(name, func(t *testing.T) {
			fillAll(reflect.ValueOf(v).Elem(), new(int))
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			path := filepath.Join("testdata", "wire", name+".json")
			golden.Check(t, path, append(got, '\n'))
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(v).Elem())
			if err := json.Unmarshal(want, back.Interface()); err != nil {
				t.Fatalf("decode %s: %v", path, err)
			}
			again, _ := json.MarshalIndent(back.Interface(), "", "  ")
			if !bytes.Equal(again, got) {
				t.Errorf("%s does not survive a round trip:\n%s", name, again)
			}
		})
	}
}

// fillAll sets every field of v to a distinct non-zero value; a context
// graph state becomes an action state.
func fillAll(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Map:
	default:
		*n++ // only leaves count, so that nesting a struct changes no value
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillAll(v.Elem(), n)
	case reflect.Struct:
		switch v.Type() {
		case reflect.TypeFor[time.Time]():
			*n++
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, *n, time.UTC)))
			return
		case reflect.TypeFor[ContextGraphState]():
			a := &ActionState{}
			fillAll(reflect.ValueOf(a).Elem(), n)
			v.Set(reflect.ValueOf(ContextGraphState{Type: StateTypeAction, Action: a}))
			return
		}
		for i := range v.NumField() {
			fillAll(v.Field(i), n)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillAll(s.Index(0), n)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fillAll(e, n)
		m.SetMapIndex(reflect.ValueOf(fmt.Sprint("k", *n)), e)
		v.Set(m)
	case reflect.Interface:
		v.Set(reflect.ValueOf(fmt.Sprint("any", *n)))
	case reflect.String:
		v.SetString(fmt.Sprint("s", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	}
}
