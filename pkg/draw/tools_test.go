package draw_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// underCI reports whether the tests run in CI (.ci/run), where a missing
// checking tool is a failure, not a reason to skip.
func underCI() bool { return os.Getenv("CI") != "" }

// needTool returns the path of an external program a test checks output
// with. Without it the test is skipped on a developer's machine and fails
// under CI, which installs it.
func needTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if underCI() {
			t.Fatalf("%s is required under CI and was not found (%s): %v", name, install, err)
		}
		t.Skipf("%s not found (%s); CI runs this test", name, install)
	}
	return path
}

// mermaidChecker returns the node script that parses Mermaid with
// mermaid's own parser, once its packages are installed; like needTool,
// it fails under CI when it cannot run.
func mermaidChecker(t *testing.T) (node, script string) {
	t.Helper()
	node = needTool(t, "node", "install Node.js")
	dir := filepath.Join("testdata", "mermaid")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid", "package.json")); err != nil {
		if underCI() {
			t.Fatalf("mermaid is required under CI and is not installed in %s (npm ci --prefix %s): %v", dir, dir, err)
		}
		t.Skipf("mermaid is not installed: run `npm ci --prefix pkg/draw/testdata/mermaid` (CI does)")
	}
	return node, filepath.Join(dir, "check.mjs")
}
