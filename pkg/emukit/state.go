package emukit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SaveJSONAtomic writes v as indented JSON to path so that a crash at any
// moment leaves either the old file or the new one, never a mix: it writes a
// temporary file in the same directory, fsyncs it, renames it over path and
// fsyncs the directory. The directory is created when missing.
func SaveJSONAtomic(path string, v any) error {
	return saveJSONAtomic(path, v, nil)
}

// saveJSONAtomic is SaveJSONAtomic with a hook run between the write and the
// rename, so tests can interrupt it there.
func saveJSONAtomic(path string, v any, beforeRename func() error) (err error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode state for %s: %w", path, err)
	}
	data = append(data, '\n')
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create state directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, tempPattern(path))
	if err != nil {
		return fmt.Errorf("create temporary state file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write temporary state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync temporary state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close temporary state file: %w", err)
	}
	if beforeRename != nil {
		if err := beforeRename(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replace state file: %w", err)
	}
	return syncDir(dir)
}

// tempPattern is the name pattern of the temporary files SaveJSONAtomic
// writes beside path (os.CreateTemp replaces the "*").
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-*" }

// RemoveTemps removes the temporary files a save of path left behind when
// the process was killed between writing one and renaming it. Call it when
// a state file is opened, with the state directory held (pkg/emulate locks
// it): a temporary file of a save still running elsewhere would go too.
func RemoveTemps(path string) error {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look for temporary files beside %s: %w", path, err)
	}
	prefix := strings.TrimSuffix(tempPattern(path), "*")
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove a temporary file left by an interrupted save: %w", err))
		}
	}
	return errors.Join(errs...)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open state directory for sync: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync state directory: %w", err)
	}
	return nil
}

// LoadJSON reads the JSON file at path into v. A missing file is not an
// error: found is false and v is untouched.
func LoadJSON(path string, v any) (found bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read state file: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("parse state file %s: %w", path, err)
	}
	return true, nil
}
