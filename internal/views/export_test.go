package views

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// exportReport is an export with something of everything: a note under a
// file, a manifest an --only selection needed, a project file written, a
// general note, a stale file and problems, one with a hostile name.
func exportReport() ExportReport {
	return ExportReport{
		Dir: "out",
		Result: &export.Result{
			Target: plan.Target{Name: "prod", Dialect: spec.DialectClassic, BaseURL: "https://api.amigo.ai", Scope: "riverside"},
			Written: []export.Written{
				{Kind: spec.KindAgent, Name: "billing-agent", Path: "agents/billing-agent.yaml", Version: 2, NeededBy: "Service/billing-line"},
				{Kind: spec.KindContextGraph, Name: "billing", Path: "context-graphs/billing.yaml", Version: 4, NeededBy: "Service/billing-line",
					Notes: []string{"reference legacy keeps graph id 65a1b2c3d4e5f60718293a4b (v7): no live context graph has that id (deprecated or deleted)"}},
				{Kind: spec.KindService, Name: "billing-line", Path: "services/billing-line.yaml"},
			},
			Problems: []export.Problem{
				{Kind: spec.KindAgent, Name: "draft", Reason: "it has no version yet, and a manifest holds the content of a version"},
				{Kind: spec.KindAgent, Name: "evil\x1b[31m\nname", Reason: "the manifest does not validate: metadata.name: names are 1 to 256 characters"},
			},
			Notes: []string{"1 deprecated agent not exported (export treats deprecated as removed)"},
		},
		ProjectFile: "amigosync.yaml",
		Stale:       []string{"agents/old.yaml"},
	}
}

func TestExportHuman(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := NewExport(FormatText, &View{Stdout: &stdout, Stderr: &stderr}).Exported(exportReport()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "export", "report.txt"), append(stdout.Bytes(), append([]byte("--- stderr\n"), stderr.Bytes()...)...))
}

func TestExportJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := NewExport(FormatJSON, &View{Stdout: &stdout, Stderr: &stderr}).Exported(exportReport()); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("JSON view wrote on stderr: %q", stderr.String())
	}
	golden.Check(t, filepath.Join("testdata", "export", "report.json"), stdout.Bytes())

	stdout.Reset()
	err := NewExport(FormatJSON, &View{Stdout: &stdout, Stderr: &stderr}).Failed(errors.New("boom"))
	var shown *ShownError
	if !errors.As(err, &shown) {
		t.Errorf("Failed returned %v, want a *ShownError", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil || doc["error"] != "boom" || len(doc) != 10 {
		t.Errorf("Failed printed %s (%v); want every key and error \"boom\"", stdout.String(), err)
	}
	for _, key := range []string{"written", "problems", "notes", "stale"} {
		if list, ok := doc[key].([]any); !ok || len(list) != 0 {
			t.Errorf("Failed: %s is %v, want an empty list", key, doc[key])
		}
	}
}
