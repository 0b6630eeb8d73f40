package live

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/amigosync/amigosync/pkg/export"
	"github.com/amigosync/amigosync/pkg/migrate"
	"github.com/amigosync/amigosync/pkg/spec"
)

// The files migrate writes beside the manifests.
const (
	ReportMarkdown = "migration-report.md"
	ReportJSON     = "migration-report.json"
	IDMapFile      = "idmap.json"
)

// BlockedSuffix ends the name of a blocked manifest's file
// (agents/NAME.yaml.blocked): no loader reads it, so OUT plans and applies
// without it.
const BlockedSuffix = ".blocked"

// marker opens every manifest migrate writes: a re-run rewrites such a
// file, and removes one it no longer writes (its resource is gone from
// Classic); a manifest without it is the user's and is left alone.
const marker = "# Written by amigosync migrate"

// Files returns what migrate writes to its output directory: the ready
// manifests in the export layout, the blocked ones commented out line by
// line under a header saying why (as NAME.yaml.blocked, which no loader
// reads), a project file naming the Platform
// target (no credentials), the report (markdown and JSON) and the id map.
func Files(res *migrate.Result, targetName string, target spec.Target) ([]export.File, error) {
	ready, err := res.Manifests(migrate.Ready)
	if err != nil {
		return nil, err
	}
	blocked, err := res.Manifests(migrate.Blocked)
	if err != nil {
		return nil, err
	}
	files, err := manifestFiles(ready, func(k spec.Kind, name string, data []byte) []byte {
		return append([]byte(fmt.Sprintf("%s from Classic %s %s; a re-run of migrate rewrites this file.\n", marker, k.Noun(), name)), data...)
	})
	if err != nil {
		return nil, err
	}
	commented, err := manifestFiles(blocked, func(k spec.Kind, name string, data []byte) []byte {
		return commentOut(res.Report, k, name, data)
	})
	if err != nil {
		return nil, err
	}
	for _, f := range commented {
		files = append(files, export.File{Path: f.Path + BlockedSuffix, Data: f.Data})
	}
	project, err := export.ProjectFile(targetName, target)
	if err != nil {
		return nil, fmt.Errorf("write the project file: %w", err)
	}
	files = append(files, export.File{Path: spec.ProjectFile, Data: project})
	var md, js bytes.Buffer
	if err := errors.Join(res.Report.WriteMarkdown(&md), res.Report.WriteJSON(&js)); err != nil {
		return nil, err
	}
	idmap, err := IDMapData(res.IDMap)
	if err != nil {
		return nil, err
	}
	return append(files, export.File{Path: ReportMarkdown, Data: md.Bytes()}, export.File{Path: ReportJSON, Data: js.Bytes()},
		export.File{Path: IDMapFile, Data: idmap}), nil
}

// IDMapData is the content of idmap.json.
func IDMapData(m *migrate.IDMap) ([]byte, error) {
	var b bytes.Buffer
	err := m.WriteJSON(&b)
	return b.Bytes(), err
}

// manifestFiles encodes the manifests in the export layout, each passed
// through wrap.
func manifestFiles(ms migrate.Manifests, wrap func(k spec.Kind, name string, data []byte) []byte) ([]export.File, error) {
	var out []export.File
	add := func(k spec.Kind, name string, s any) error {
		data, err := export.Encode(k, name, s)
		if err != nil {
			return err
		}
		out = append(out, export.File{Path: export.Path(k, name), Data: wrap(k, name, data)})
		return nil
	}
	for _, a := range ms.Agents {
		if err := add(spec.KindAgent, a.Name, a.Spec); err != nil {
			return nil, err
		}
	}
	for _, g := range ms.ContextGraphs {
		if err := add(spec.KindContextGraph, g.Name, g.Spec); err != nil {
			return nil, err
		}
	}
	for _, s := range ms.Services {
		if err := add(spec.KindService, s.Name, s.Spec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// commentOut turns a blocked manifest into comments under a header that
// names what blocks it and points to the report: no loader reads it, and
// uncommenting it gives the best-effort translation back.
func commentOut(rep *migrate.Report, k spec.Kind, name string, data []byte) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s from Classic %s %s; a re-run of migrate rewrites this file.\n", marker, k.Noun(), name)
	fmt.Fprintf(&b, "# BLOCKED: this %s cannot move to Platform as it is, so it is commented out and never applied:\n", k.Noun())
	if r, ok := rep.Resource(k, name); ok {
		for _, f := range r.Blocking() {
			fmt.Fprintf(&b, "#   - %s: %s\n", f.Field, oneLine(f.Detail))
		}
	}
	fmt.Fprintf(&b, "# The fixes are in %s. Resolve them in Classic or with a mapping file (--map), then run migrate\n", ReportMarkdown)
	fmt.Fprintf(&b, "# again; or edit this translation, uncomment it and rename the file to end in .yaml.\n#\n")
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if line != "" {
			b.WriteString("# " + line)
		}
	}
	return []byte(b.String())
}

// oneLine keeps a detail on its comment line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// PrepareDir checks the output directory: a new or empty one is used as
// it is; one that holds idmap.json is the output of an earlier migrate,
// whose id map is returned so that the run resumes it; anything else is
// refused, naming the directory.
func PrepareDir(dir string) (*migrate.IDMap, error) {
	// "" would read as a new directory and write into the current one.
	if err := export.RequireDir(dir); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("read the output directory: %w", err)
	case len(entries) == 0:
		return nil, nil
	}
	file := filepath.Join(dir, IDMapFile)
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("directory %s is not empty and holds no %s, so it is not the output of an earlier migrate; migrate writes into a new or empty directory, or updates its own earlier output", dir, IDMapFile)
	}
	if err != nil {
		return nil, fmt.Errorf("read the id map of the earlier migration: %w", err)
	}
	m, err := migrate.ParseIDMap(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// RemoveStale removes the manifests of dir that an earlier migrate wrote
// (they open with its marker) and that files no longer holds: resources
// gone from Classic. It returns the manifests left in place because they
// are not migrate's (the user's own, which plan and apply of dir would
// read).
func RemoveStale(dir string, files []export.File) (kept []string, err error) {
	stale, err := export.Stale(dir, files)
	if err != nil {
		return nil, err
	}
	blocked, err := staleBlocked(dir, files)
	if err != nil {
		return nil, err
	}
	stale = append(stale, blocked...)
	for _, rel := range stale {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read the earlier manifest %s: %w", p, err)
		}
		if !bytes.HasPrefix(data, []byte(marker)) {
			kept = append(kept, rel)
			continue
		}
		if err := os.Remove(p); err != nil {
			return nil, fmt.Errorf("remove the earlier manifest %s: %w", p, err)
		}
	}
	return kept, nil
}

// staleBlocked lists the blocked manifests (NAME.yaml.blocked) under the
// export layout's directories of dir that files does not hold.
func staleBlocked(dir string, files []export.File) ([]string, error) {
	written := map[string]bool{}
	for _, f := range files {
		written[f.Path] = true
	}
	var out []string
	for _, k := range spec.Kinds() {
		matches, err := filepath.Glob(filepath.Join(dir, k.Dir, "*.yaml"+BlockedSuffix))
		if err != nil {
			return nil, fmt.Errorf("look for earlier blocked manifests in %s: %w", dir, err)
		}
		for _, m := range matches {
			rel := k.Dir + "/" + filepath.Base(m)
			if !written[rel] {
				out = append(out, rel)
			}
		}
	}
	return out, nil
}
