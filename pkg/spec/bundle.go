package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/amigosync/amigosync/internal/safetext"
)

// ValidateDir validates the manifest directory dir on disk. File names in
// diagnostics start with dir unless opts.Root says otherwise. The error is
// only for a directory that cannot be used at all; problems in manifests
// are diagnostics.
func (v *Validator) ValidateDir(dir string, opts Options) (*Bundle, Diagnostics, error) {
	info, err := os.Stat(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			// The error is printed on one line: a directory name that
			// holds a line break or a terminal code is quoted.
			pe.Path = safetext.Quote(pe.Path)
		}
		return nil, nil, fmt.Errorf("read manifest directory: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("read manifest directory: %s is not a directory", safetext.Quote(dir))
	}
	if opts.Root == "" {
		opts.Root = dir
	}
	b, diags := v.Validate(osDir{FS: os.DirFS(dir), dir: dir}, opts)
	return b, diags, nil
}

// osDir is os.DirFS(dir) that also opens files and directories whose
// names are not UTF-8. The directory listing returns such names, but
// fs.ValidPath, and so os.DirFS, refuses to open them ("invalid
// argument"), and a manifest called "caf\xe9.yaml" must be read and
// checked like any other. Every other rule of ValidPath still applies.
type osDir struct {
	fs.FS
	dir string
}

// Open opens name, also when it is not UTF-8.
func (d osDir) Open(name string) (fs.File, error) {
	if utf8.ValidString(name) || !fs.ValidPath(strings.ToValidUTF8(name, "_")) {
		return d.FS.Open(name)
	}
	f, err := os.Open(filepath.Join(d.dir, filepath.FromSlash(name)))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		pe.Path = name // as os.DirFS says it, inside the directory
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Agent returns the agent manifest called name.
func (b *Bundle) Agent(name string) (*Agent, bool) { return find(b.Agents, name) }

// ContextGraph returns the context graph manifest called name.
func (b *Bundle) ContextGraph(name string) (*ContextGraph, bool) { return find(b.ContextGraphs, name) }

// Service returns the service manifest called name.
func (b *Bundle) Service(name string) (*Service, bool) { return find(b.Services, name) }

// find returns the first manifest of list called name.
func find[S any](list []Manifest[S], name string) (*Manifest[S], bool) {
	for i := range list {
		if list[i].Name == name {
			return &list[i], true
		}
	}
	return nil, false
}
