// Package migratetest loads a Classic organization for the tests of
// pkg/migrate and of `amigosync migrate` from a directory of Classic
// manifests, one file per version, each checked as a Classic manifest.
//
// Layout: org.yaml (the organization id and the live ids of its resources),
// agents/NAME/vN.yaml, context-graphs/NAME/vN.yaml (version N of the
// container) and services/NAME.yaml. It is for tests only.
package migratetest

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Org is org.yaml.
type Org struct {
	Organization string `yaml:"organization"`
	IDs          struct {
		Agents        map[string]string `yaml:"agents"`
		ContextGraphs map[string]string `yaml:"context_graphs"`
		Services      map[string]string `yaml:"services"`
	} `yaml:"ids"`
}

// classicProject makes every file checked in the Classic dialect.
const classicProject = "targets:\n  org: {api: classic, embedded: true}\n"

var versionFile = regexp.MustCompile(`^v([1-9][0-9]*)\.yaml$`)

// LoadSource reads the organization under fsys, checking the files with v
// (nil: a validator is compiled).
func LoadSource(fsys fs.FS, v *spec.Validator) (migrate.Source, error) {
	data, err := fs.ReadFile(fsys, "org.yaml")
	if err != nil {
		return migrate.Source{}, fmt.Errorf("read the organization: %w", err)
	}
	var org Org
	if err := yaml.Unmarshal(data, &org); err != nil {
		return migrate.Source{}, fmt.Errorf("read org.yaml: %w", err)
	}
	if v == nil {
		if v, err = spec.NewValidator(); err != nil {
			return migrate.Source{}, err
		}
	}
	l := &loader{fsys: fsys, v: v, latest: map[string]string{}}
	src := migrate.Source{Organization: org.Organization}
	if src.Agents, err = loadContainers(l, spec.KindAgent, org.IDs.Agents, func(b *spec.Bundle) []spec.Agent { return b.Agents }); err != nil {
		return migrate.Source{}, err
	}
	if src.ContextGraphs, err = loadContainers(l, spec.KindContextGraph, org.IDs.ContextGraphs, func(b *spec.Bundle) []spec.ContextGraph { return b.ContextGraphs }); err != nil {
		return migrate.Source{}, err
	}
	if src.Services, err = l.services(org.IDs.Services); err != nil {
		return migrate.Source{}, err
	}
	return src, nil
}

// loader checks files as Classic manifests.
type loader struct {
	fsys fs.FS
	v    *spec.Validator
	// latest holds the path of the newest version file of each
	// container, by its directory ("agents/NAME"), for checking the
	// services that use it.
	latest map[string]string
}

// check validates files (path → content) as one Classic project; what
// names the file being loaded.
func (l *loader) check(what string, files map[string][]byte) (*spec.Bundle, error) {
	fsys := fstest.MapFS{spec.ProjectFile: {Data: []byte(classicProject)}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	b, diags := l.v.Validate(fsys, spec.Options{})
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s is not a valid Classic manifest: %s", what, diags[0])
	}
	return b, nil
}

func loadContainers[S any](l *loader, kind spec.Kind, ids map[string]string, typed func(*spec.Bundle) []spec.Manifest[S]) ([]migrate.Container[S], error) {
	dir := kindDir(kind)
	var out []migrate.Container[S]
	for _, name := range slices.Sorted(maps.Keys(ids)) {
		c := migrate.Container[S]{ID: ids[name], Name: name, Versions: map[int]S{}}
		entries, err := fs.ReadDir(l.fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read the versions of %s: %w", name, err)
		}
		for _, e := range entries {
			m := versionFile.FindStringSubmatch(e.Name())
			if m == nil {
				return nil, fmt.Errorf("%s: a version file is called vN.yaml", path.Join(dir, name, e.Name()))
			}
			n, _ := strconv.Atoi(m[1])
			file := path.Join(dir, name, e.Name())
			data, err := fs.ReadFile(l.fsys, file)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", file, err)
			}
			b, err := l.check(file, map[string][]byte{file: data})
			if err != nil {
				return nil, err
			}
			list := typed(b)
			if len(list) != 1 || list[0].Name != name {
				return nil, fmt.Errorf("%s must hold one %s called %s", file, kind.Noun(), name)
			}
			c.Versions[n] = list[0].Spec
			if n > c.Latest {
				c.Latest, l.latest[path.Join(dir, name)] = n, file
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// services reads the services, each checked with the newest versions of
// its agent and graph.
func (l *loader) services(ids map[string]string) ([]migrate.Service, error) {
	var out []migrate.Service
	for _, name := range slices.Sorted(maps.Keys(ids)) {
		file := path.Join(kindDir(spec.KindService), name+".yaml")
		data, err := fs.ReadFile(l.fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		var head struct {
			Spec struct {
				Agent        string `yaml:"agent"`
				ContextGraph string `yaml:"context_graph"`
			} `yaml:"spec"`
		}
		if err := yaml.Unmarshal(data, &head); err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		files := map[string][]byte{file: data}
		for _, dep := range []string{path.Join(kindDir(spec.KindAgent), head.Spec.Agent), path.Join(kindDir(spec.KindContextGraph), head.Spec.ContextGraph)} {
			if p, ok := l.latest[dep]; ok {
				if files[p], err = fs.ReadFile(l.fsys, p); err != nil {
					return nil, fmt.Errorf("read %s: %w", p, err)
				}
			}
		}
		b, err := l.check(file, files)
		if err != nil {
			return nil, err
		}
		s, ok := b.Service(name)
		if !ok {
			return nil, fmt.Errorf("%s must hold service %s", file, name)
		}
		out = append(out, migrate.Service{ID: ids[name], Name: name, Spec: s.Spec})
	}
	return out, nil
}

// kindDir is the kind's directory in the export layout.
func kindDir(k spec.Kind) string {
	info, _ := spec.KindOf(k)
	return info.Dir
}
