//go:build !unix

package emukit

import (
	"errors"
	"io/fs"
	"os"
)

// acquire creates the lock file exclusively. Without flock (the standard
// library offers no file lock on these systems) the lock is the file's
// existence, so a process that dies without Release leaves it behind; the
// error then says to remove it.
func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errBusy
	}
	return f, err
}

// release closes and removes the lock file.
func release(f *os.File, path string) error {
	return errors.Join(f.Close(), os.Remove(path))
}

// staleHint tells how to clear a lock whose holder died.
func staleHint(lockFile string) string {
	return "; if no such process runs, one ended without releasing the lock: remove " + lockFile
}
