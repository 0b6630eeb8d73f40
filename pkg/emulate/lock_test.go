package emulate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// TestEmbeddedStateLocked opens the embedded target of a project twice: the
// second is refused, naming the state directory and this process.
func TestEmbeddedStateLocked(t *testing.T) {
	dir := t.TempDir()
	first, err := Embedded(dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Embedded(dir, Config{})
	want := fmt.Sprintf("the emulator state directory %s is in use by process %d", filepath.Join(dir, StateDir), os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("second embedded target: %v, want an error containing %q", err, want)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Embedded(dir, Config{})
	if err != nil {
		t.Fatalf("embedded target after the first closed: %v", err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLockedPlatformReleasesClassic holds only the Platform state file: the
// emulators are refused, and the Classic lock New took is given back.
func TestLockedPlatformReleasesClassic(t *testing.T) {
	classic, platform := StateFiles(t.TempDir(), true)
	held, err := emukit.LockState(platform)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if _, err := New(Config{Classic: Files{State: classic}, Platform: Files{State: platform}}); err == nil || !strings.Contains(err.Error(), "start the platform emulator: the emulator state directory") {
		t.Fatalf("New with the Platform state held: %v", err)
	}
	l, err := emukit.LockState(classic)
	if err != nil {
		t.Fatalf("the Classic state stayed locked after New failed: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
}
