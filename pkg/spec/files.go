package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"
)

// parsedFile is a manifest file read and split into YAML documents.
type parsedFile struct {
	display string
	data    []byte // as read and parsed, kept in the bundle's Sources
	roots   []*yaml.Node
	diag    *Diagnostic // a read or syntax problem (documents before it are kept)
}

// checkDir reads, parses and checks every manifest file of the directory.
func (r *run) checkDir() (*Bundle, Diagnostics) {
	paths := r.manifestPaths()
	return r.check(len(paths), func(i int) parsedFile { return r.readFile(paths[i]) })
}

// manifestPaths lists the manifest files (not the project file), in order,
// and reports the problems of the directory as a whole.
func (r *run) manifestPaths() []string {
	paths, unreadable := listFiles(r.fsys)
	for _, u := range unreadable {
		r.diags.Append(unlistedDiag(u, r.display(u.path)))
	}
	files := paths[:0]
	for _, p := range paths {
		if p == ProjectFile {
			continue
		}
		if p == "amigosync.yml" {
			r.diags.Append(Diagnostic{Severity: SeverityError, Code: CodeProjectFileName, Kind: string(kindProject),
				Summary: "the project file is only read as amigosync.yaml; rename amigosync.yml",
				Range:   Range{File: r.display(p), Start: Pos{1, 1}, End: Pos{1, 1}}})
			continue
		}
		files = append(files, p)
	}
	if len(files) == 0 && len(unreadable) == 0 {
		r.diags.Append(Diagnostic{Severity: SeverityError, Code: CodeNoManifests,
			Summary: "no manifests found (*.yaml or *.yml files)", Range: Range{File: r.display(".")}})
	}
	return files
}

// unlistedDiag reports a directory that could not be listed, by its own
// name (display) and without a position: the error's path is the same
// directory inside the fs.FS, so only its reason is kept.
func unlistedDiag(u unlisted, display string) Diagnostic {
	err := u.err
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == u.path {
		err = pe.Err
	}
	what := "directory"
	if u.path == "." {
		what = "manifest directory"
	}
	return Diagnostic{Severity: SeverityError, Code: CodeFileRead,
		Summary: fmt.Sprintf("cannot read the %s: %v; its manifests were not checked", what, err), Range: Range{File: display}}
}

// readFile reads one manifest file and splits it into YAML documents.
func (r *run) readFile(p string) parsedFile {
	src, diag := readSource(r.fsys, p, r.display(p))
	f := parsedFile{display: src.display, data: src.data, diag: diag}
	if diag == nil {
		f.roots, f.diag = parseDocuments(src)
		if f.diag == nil && len(f.roots) == 0 {
			f.diag = &Diagnostic{Severity: SeverityError, Code: CodeFileEmpty,
				Summary: "file contains no YAML documents; delete it or add a manifest",
				Range:   Range{File: src.display, Start: Pos{1, 1}, End: Pos{1, 1}}}
		}
	}
	return f
}

// check checks n files (file(i) gives the i-th, read and parsed): each
// document, then the rules across manifests.
//
// Files are independent until the rules across manifests, so up to
// GOMAXPROCS of them are parsed and checked at once, each into a run of
// its own. The runs are merged in file order afterwards, so the bundle and
// the diagnostics (sorted with a stable sort) are the same as a sequential
// check's whatever the scheduling. Only the files in flight hold their
// whole YAML tree at one time.
func (r *run) check(n int, file func(i int) parsedFile) (*Bundle, Diagnostics) {
	parts := make([]*run, n)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range parts {
		g.Go(func() error {
			part := newRun(r.v, r.opts, r.fsys, &Bundle{Project: r.bundle.Project, Target: r.bundle.Target, TargetProblem: r.bundle.TargetProblem})
			part.varsUnknown = r.varsUnknown
			part.loadFile(file(i))
			parts[i] = part
			return nil
		})
	}
	_ = g.Wait() // the workers report problems as diagnostics, never as errors
	r.merge(parts)
	r.bundle.Manifests = len(r.docs)
	r.checkNames()
	r.checkServices()
	r.checkGraphs()
	for i := range r.diags {
		if r.opts.Strict {
			r.diags[i].Severity = SeverityError
		}
		if r.diags[i].Detail == "" {
			r.diags[i].Detail = ruleDetail(r.diags[i].Code)
		}
	}
	r.diags.Sort()
	return r.bundle, r.diags
}

// loadFile checks each document of a file.
func (r *run) loadFile(f parsedFile) {
	r.bundle.Sources.add(f.display, f.data)
	if f.diag != nil {
		r.diags.Append(*f.diag)
	}
	for _, root := range f.roots {
		r.loadDocument(f.display, root)
	}
}

// merge appends what the runs of single files found, in order.
func (r *run) merge(parts []*run) {
	bundles := make([]*Bundle, len(parts))
	var diags, docs int
	for i, p := range parts {
		bundles[i] = p.bundle
		diags += len(p.diags)
		docs += len(p.docs)
	}
	r.diags = grow(r.diags, diags)
	r.docs = grow(r.docs, docs)
	for _, p := range parts {
		r.diags = append(r.diags, p.diags...)
		r.docs = append(r.docs, p.docs...)
		r.bundle.Sources.merge(&p.bundle.Sources)
	}
	for _, info := range kindTable {
		info.manifests.merge(r.bundle, bundles)
		for _, p := range parts {
			r.kindDocs[info.Kind] = append(r.kindDocs[info.Kind], p.kindDocs[info.Kind]...)
		}
	}
}

// grow returns s with room for n more elements.
func grow[T any](s []T, n int) []T {
	if n == 0 {
		return s
	}
	return append(make([]T, 0, len(s)+n), s...)
}
