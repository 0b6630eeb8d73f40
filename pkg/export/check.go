package export

import (
	"testing/fstest"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Check validates files, manifests in the export layout, together, as
// pkg/spec reads a project of them whose target speaks dialect d: every
// schema and rule, and the references between them (a service's agent
// and context graph, graph references by name). A file named like the
// project file is replaced by one for d. The diagnostics name the files
// by their paths and the manifests by kind and name; the Bundle holds the
// manifests as pkg/spec read them.
func Check(v *spec.Validator, d spec.Dialect, files []File) (*spec.Bundle, spec.Diagnostics, error) {
	project, err := ProjectFile("export", spec.Target{API: d, Embedded: true})
	if err != nil {
		return nil, nil, err
	}
	fsys := fstest.MapFS{spec.ProjectFile: &fstest.MapFile{Data: project}}
	for _, f := range files {
		if f.Path != spec.ProjectFile {
			fsys[f.Path] = &fstest.MapFile{Data: f.Data}
		}
	}
	bundle, diags := v.Validate(fsys, spec.Options{})
	return bundle, diags, nil
}
