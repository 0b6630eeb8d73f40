package emulator

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/google/go-cmp/cmp"
)

// TestEnumsMatchDocument checks the enums the emulator's hand-written
// request rules carry against the document's.
func TestEnumsMatchDocument(t *testing.T) {
	path, _, err := conformance.FindDocs()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum       []string `json:"enum"`
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Components.Schemas
	tests := []struct {
		name     string
		emulator []string
		document []string
	}{
		{"languageCodes (Identity-Input.default_spoken_language)", strings.Fields(languageCodes), s["Identity-Input"].Properties["default_spoken_language"].Enum},
		{"llmTypes (LLMType)", llmTypes(), s["LLMType"].Enum},
	}
	for _, tt := range tests {
		if len(tt.document) == 0 {
			t.Errorf("%s: the document has no such enum", tt.name)
			continue
		}
		if diff := cmp.Diff(tt.document, tt.emulator); diff != "" {
			t.Errorf("%s differs from the document (-document +emulator):\n%s", tt.name, diff)
		}
	}
}
