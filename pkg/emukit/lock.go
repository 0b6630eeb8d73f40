package emukit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// StateLock is an exclusive lock on one state file, held by the emulator
// serving it: two processes (two `amigosync emulate --state DIR`, or one and
// an embedded target on the same directory) saving the same file would
// silently lose each other's changes, so the second is refused. The lock is
// a lock file beside the state file, ".NAME.lock", holding the holder's pid.
type StateLock struct {
	f    *os.File
	path string
}

// LockedError is a state file another emulator holds.
type LockedError struct {
	Dir      string // the state directory
	LockFile string // the lock file in it
	PID      int    // the holder's process id; 0 when the lock file names none yet
}

// Error names the directory and the holder, and what to do.
func (e *LockedError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = "process " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("the emulator state directory %s is in use by %s (lock file %s): stop it, or give this emulator another state directory%s",
		e.Dir, holder, e.LockFile, staleHint(e.LockFile))
}

// errBusy is what acquire returns when another holder has the lock.
var errBusy = errors.New("locked")

// LockPath is the lock file of the state file at path.
func LockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}

// LockState takes the lock of the state file at path (creating its
// directory when missing), or returns a *LockedError when another emulator
// holds it. The lock lasts until Release, or until the process ends, however
// it ends.
func LockState(path string) (*StateLock, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create state directory: %w", err)
	}
	lockPath := LockPath(path)
	f, err := acquire(lockPath)
	if errors.Is(err, errBusy) {
		return nil, &LockedError{Dir: dir, LockFile: lockPath, PID: readPID(lockPath)}
	}
	if err != nil {
		return nil, fmt.Errorf("lock the emulator state %s: %w", path, err)
	}
	l := &StateLock{f: f, path: lockPath}
	if err := l.writePID(); err != nil {
		return nil, errors.Join(fmt.Errorf("lock the emulator state %s: %w", path, err), l.Release())
	}
	return l, nil
}

// writePID records this process as the holder.
func (l *StateLock) writePID() error {
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	if _, err := l.f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		return err
	}
	return l.f.Sync()
}

// Release gives the lock up; calling it again (or on nil) does nothing.
func (l *StateLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	f := l.f
	l.f = nil
	if err := release(f, l.path); err != nil {
		return fmt.Errorf("release the emulator state lock %s: %w", l.path, err)
	}
	return nil
}

// readPID reads the holder's pid from a lock file; 0 when it names none.
func readPID(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
