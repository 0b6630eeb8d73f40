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
func (b *Bundle) Agent(name string) (*Agent, bool) { return find(b.Agents, name, agentName) }

// ContextGraph returns the context graph manifest called name.
func (b *Bundle) ContextGraph(name string) (*ContextGraph, bool) {
	return find(b.ContextGraphs, name, graphName)
}

// Service returns the service manifest called name.
func (b *Bundle) Service(name string) (*Service, bool) { return find(b.Services, name, serviceName) }

func agentName(a *Agent) string        { return a.Name }
func graphName(g *ContextGraph) string { return g.Name }
func serviceName(s *Service) string    { return s.Name }

func find[T any](list []T, name string, nameOf func(*T) string) (*T, bool) {
	for i := range list {
		if nameOf(&list[i]) == name {
			return &list[i], true
		}
	}
	return nil, false
}
