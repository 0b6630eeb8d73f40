//go:build unix

package emukit

import (
	"errors"
	"os"
	"syscall"
)

// acquire opens the lock file and takes an exclusive flock on it without
// waiting. The kernel drops the lock when the process ends, so a killed
// emulator leaves no stale lock; the file itself stays (removing it would
// let a process that opened it just before lock an unlinked file).
func acquire(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, err
	}
	return f, nil
}

// release empties the lock file (it names no holder any more) and closes
// it, which drops the flock.
func release(f *os.File, _ string) error {
	return errors.Join(f.Truncate(0), f.Close())
}

// staleHint is nothing here: a flock cannot outlive its holder.
func staleHint(string) string { return "" }
