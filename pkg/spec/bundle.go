package spec

import (
	"fmt"
	"os"
)

// ValidateDir validates the manifest directory dir on disk. File names in
// diagnostics start with dir unless opts.Root says otherwise. The error is
// only for a directory that cannot be used at all; problems in manifests
// are diagnostics.
func (v *Validator) ValidateDir(dir string, opts Options) (*Bundle, Diagnostics, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read manifest directory: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("read manifest directory: %s is not a directory", dir)
	}
	if opts.Root == "" {
		opts.Root = dir
	}
	b, diags := v.Validate(os.DirFS(dir), opts)
	return b, diags, nil
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
