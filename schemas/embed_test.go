package schemas

import (
	"encoding/json"
	"io/fs"
	"testing"
)

func TestEmbeddedSchemas(t *testing.T) {
	want := []string{
		"agent.classic.json", "agent.platform.json", "common.json", "contextgraph.classic.json",
		"contextgraph.platform.json", "project.json", "service.classic.json", "service.platform.json",
	}
	got, err := fs.Glob(FS(), "*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("embedded %v, want %v", got, want)
	}
	for i, name := range want {
		if got[i] != name {
			t.Fatalf("embedded %v, want %v", got, want)
		}
		data, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Schema string `json:"$schema"`
			ID     string `json:"$id"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Schema != "https://json-schema.org/draft/2020-12/schema" || doc.ID != "https://amigosync.dev/schemas/"+name {
			t.Errorf("%s: $schema %q, $id %q", name, doc.Schema, doc.ID)
		}
	}
}
