package emukit

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestLockState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	path := filepath.Join(dir, "classic.json")
	first, err := LockState(path)
	if err != nil {
		t.Fatal(err)
	}
	if pid := readPID(LockPath(path)); pid != os.Getpid() {
		t.Errorf("the lock file names pid %d, want %d", pid, os.Getpid())
	}

	// A second holder of the same file is refused, even in this process.
	_, err = LockState(path)
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("second LockState: %v, want a *LockedError", err)
	}
	if locked.Dir != dir || locked.PID != os.Getpid() {
		t.Errorf("LockedError = %+v, want dir %s and pid %d", locked, dir, os.Getpid())
	}
	for _, want := range []string{"the emulator state directory " + dir + " is in use by process " + strconv.Itoa(os.Getpid()), LockPath(path)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not contain %q", err, want)
		}
	}

	// Another state file of the same directory has its own lock.
	other, err := LockState(filepath.Join(dir, "platform.json"))
	if err != nil {
		t.Fatalf("lock of another state file: %v", err)
	}
	if err := other.Release(); err != nil {
		t.Fatal(err)
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	again, err := LockState(path)
	if err != nil {
		t.Fatalf("LockState after Release: %v", err)
	}
	if err := again.Release(); err != nil {
		t.Fatal(err)
	}
}

func TestLockedErrorWithoutPID(t *testing.T) {
	err := &LockedError{Dir: "/x", LockFile: "/x/.classic.json.lock"}
	if !strings.Contains(err.Error(), "is in use by another process") {
		t.Errorf("message %q", err)
	}
}

func TestLockStateErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The state directory cannot be created under a file.
	if _, err := LockState(filepath.Join(file, "classic.json")); err == nil || !strings.Contains(err.Error(), "create state directory") {
		t.Errorf("LockState under a file: %v", err)
	}
	var nilLock *StateLock
	if err := nilLock.Release(); err != nil {
		t.Errorf("Release of nil: %v", err)
	}
}
