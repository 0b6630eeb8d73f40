package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/amigosync/amigosync/internal/dirlist"
	"github.com/amigosync/amigosync/pkg/spec"
)

// templates holds the files of a new project per dialect. The .gitignore
// is stored as "gitignore" (go:embed leaves out dot files) and renamed.
//
//go:embed templates
var templates embed.FS

// File is one file of a new project.
type File struct {
	// Path is slash-separated, relative to the project directory.
	Path string
	Data []byte
}

// Files returns the files of a new project speaking dialect d, in the
// order they are written: the project file first.
func Files(d spec.Dialect) ([]File, error) {
	if d != spec.DialectClassic && d != spec.DialectPlatform {
		return nil, fmt.Errorf("api must be classic or platform, not %q", d)
	}
	root := path.Join("templates", string(d))
	var files []File
	err := fs.WalkDir(templates, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		if rel == "gitignore" {
			rel = ".gitignore"
		}
		files = append(files, File{Path: rel, Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the project templates: %w", err)
	}
	sort.SliceStable(files, func(i, j int) bool { return rank(files[i].Path) < rank(files[j].Path) })
	return files, nil
}

// rank orders the project file, then .gitignore, then the manifests (in
// walk order, which is sorted).
func rank(p string) int {
	switch p {
	case "amigosync.yaml":
		return 0
	case ".gitignore":
		return 1
	}
	return 2
}

// Write creates a new project speaking dialect d in dir, creating dir if
// needed, and returns the paths written (relative to dir). It refuses a
// dir that holds anything but a .git directory, and never overwrites a
// file.
func Write(dir string, d spec.Dialect) ([]string, error) {
	files, err := Files(d)
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, fmt.Errorf("create directory for %s: %w", p, err)
		}
		if err := writeNew(p, f.Data); err != nil {
			return written, err
		}
		written = append(written, f.Path)
	}
	return written, nil
}

// checkEmpty refuses a dir that exists and holds anything but .git (a
// fresh `git init` is a fine place for a project), naming what it holds.
func checkEmpty(dir string) error {
	others, err := dirlist.Others(dir, func(name string) bool { return name == ".git" })
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read directory %s: %w", dir, err)
	}
	if others == "" {
		return nil
	}
	return fmt.Errorf("directory %s is not empty (it holds %s); init writes a new project only into an empty or new directory",
		dir, others)
}

// writeNew creates the file p with data, failing if it exists.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", p, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}
