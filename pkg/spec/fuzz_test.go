package spec

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoadValidate feeds arbitrary bytes as a manifest file (and, for
// some seeds, a Classic project file) through loading and validation. It
// checks that nothing panics, that every diagnostic names a file and a
// position, that the text output has one line per diagnostic and no
// control character, and that a result without errors is fully typed.
func FuzzLoadValidate(f *testing.F) {
	classic := []byte("targets:\n  t: {api: classic, embedded: true}\n")
	for _, root := range []string{repoTestdata, filepath.Join("..", "..", "examples")} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") || filepath.Base(p) == ProjectFile {
				return nil
			}
			data, err := os.ReadFile(p)
			if err == nil && len(data) < 1<<16 {
				f.Add(data, []byte(nil))
				f.Add(data, classic)
			}
			return nil
		})
	}
	f.Add([]byte("a: &a [*a]"), []byte(nil))
	f.Add([]byte("{{{"), classic)
	v := newTestValidator(f)
	f.Fuzz(func(t *testing.T, manifest, project []byte) {
		fsys := fstest.MapFS{"m.yaml": {Data: manifest}}
		if project != nil {
			fsys[ProjectFile] = &fstest.MapFile{Data: project}
		}
		b, diags := v.Validate(fsys, Options{Root: "fuzz"})
		for _, d := range diags {
			if d.Range.File == "" || d.Summary == "" || d.Code == "" || d.Range.Start.Line < 0 {
				t.Errorf("incomplete diagnostic: %#v", d)
			}
			// The schema must refuse what the typed model cannot hold; a
			// decoder failure would be reported without its field.
			if d.Code == CodeSchema && strings.HasPrefix(d.Summary, "decode ") {
				t.Errorf("schema-valid value failed to decode: %s", d)
			}
		}
		if !diags.HasErrors() && len(b.Agents)+len(b.ContextGraphs)+len(b.Services) != b.Manifests {
			t.Errorf("valid input but %d of %d manifests typed", len(b.Agents)+len(b.ContextGraphs)+len(b.Services), b.Manifests)
		}
		if _, err := json.Marshal(diags); err != nil {
			t.Errorf("diagnostics do not encode as JSON: %v", err)
		}
		// Whatever the input, one problem is one line without terminal
		// codes.
		var buf bytes.Buffer
		if err := WriteText(&buf, diags); err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(buf.Bytes(), []byte("\n")); n != len(diags) || bytes.ContainsAny(buf.Bytes(), "\x1b\r") {
			t.Errorf("%d diagnostics printed as %d lines, or with a control character: %q", len(diags), n, buf.String())
		}
	})
}
