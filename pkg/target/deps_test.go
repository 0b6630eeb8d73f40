package target_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/amigosync/amigosync"

// emulatorPackages are the emulators and their machinery (with their
// subpackages): only pkg/target, the commands and tests may link them.
var emulatorPackages = []string{"pkg/emulate", "pkg/classic/emulator", "pkg/platform/emulator", "pkg/emukit"}

// emulatorFree are the packages that must never link an emulator: the
// backends, what plans and applies over them, and migrate. Those whose directory
// does not exist yet are reported, not checked.
var emulatorFree = []string{"pkg/backend", "pkg/plan", "pkg/apply", "pkg/cache", "pkg/migrate", "pkg/migrate/live"}

// deps returns the dependencies of the module package rel (relative to the
// module root), test files excluded, as go list -deps reports them.
func deps(t *testing.T, rel string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-test=false", module+"/"+rel)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", rel, err, stderr.String())
	}
	return strings.Fields(string(out))
}

// emulatorsIn returns the emulator packages among pkgs.
func emulatorsIn(pkgs []string) []string {
	var found []string
	for _, p := range pkgs {
		rel, ok := strings.CutPrefix(p, module+"/")
		if !ok {
			continue
		}
		for _, e := range emulatorPackages {
			if rel == e || strings.HasPrefix(rel, e+"/") {
				found = append(found, p)
			}
		}
	}
	return found
}

// TestOnlyTargetLinksTheEmulators: pkg/backend, pkg/plan, pkg/apply and
// pkg/cache (those that exist) depend on no emulator package, so a program
// that plans and applies against a real API does not carry both emulators;
// pkg/target is the seam that links them.
func TestOnlyTargetLinksTheEmulators(t *testing.T) {
	// The check must see an emulator where there is one, or it proves
	// nothing: pkg/target links pkg/emulate on purpose.
	if got := emulatorsIn(deps(t, "pkg/target")); !slices.Contains(got, module+"/pkg/emulate") {
		t.Fatalf("pkg/target's dependencies list no emulator (%v): the check below cannot see one either", got)
	}
	var checked, absent []string
	for _, rel := range emulatorFree {
		if _, err := os.Stat(filepath.Join("..", "..", rel)); os.IsNotExist(err) {
			absent = append(absent, rel)
			continue
		}
		checked = append(checked, rel)
		if found := emulatorsIn(deps(t, rel)); len(found) > 0 {
			t.Errorf("%s depends on the emulators %s; open targets with pkg/target instead", rel, strings.Join(found, ", "))
		}
	}
	t.Logf("checked %s; not present yet: %s", strings.Join(checked, ", "), strings.Join(absent, ", "))
	if len(checked) == 0 {
		t.Fatal("no package was checked: the paths are wrong")
	}
}
