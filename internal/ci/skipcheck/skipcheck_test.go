package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/golden"
)

// ev is one go test -json line: action, package, test, output.
func ev(action, pkg, test, output string) string {
	b, _ := json.Marshal(event{Action: action, Package: pkg, Test: test, Output: output}) // strings always encode
	return string(b)
}

// passing is a package whose one test passes, as go test -json reports it.
func passing(pkg, test string) []string {
	return []string{
		ev("start", pkg, "", ""),
		ev("run", pkg, test, ""),
		ev("output", pkg, test, "=== RUN   "+test+"\n"),
		ev("output", pkg, test, "    a_test.go:9: a log line nobody needs\n"),
		ev("output", pkg, test, "--- PASS: "+test+" (0.00s)\n"),
		ev("pass", pkg, test, ""),
		ev("output", pkg, "", "PASS\n"),
		ev("output", pkg, "", "ok  \t"+pkg+"\t0.010s\n"),
		ev("pass", pkg, "", ""),
	}
}

// skipping is a package whose one test skips with msg.
func skipping(pkg, test, msg string) []string {
	return []string{
		ev("start", pkg, "", ""),
		ev("run", pkg, test, ""),
		ev("output", pkg, test, "=== RUN   "+test+"\n"),
		ev("output", pkg, test, "    a_test.go:12: "+msg+"\n"),
		ev("output", pkg, test, "--- SKIP: "+test+" (0.00s)\n"),
		ev("skip", pkg, test, ""),
		ev("output", pkg, "", "PASS\n"),
		ev("output", pkg, "", "ok  \t"+pkg+"\t0.010s\n"),
		ev("pass", pkg, "", ""),
	}
}

// failing is a package with a passing test and a failing one.
func failing(pkg string) []string {
	return append(passing(pkg, "TestGood")[:6], // start, and TestGood's events
		ev("run", pkg, "TestBad", ""),
		ev("output", pkg, "TestBad", "=== RUN   TestBad\n"),
		ev("output", pkg, "TestBad", "    a_test.go:20: context before the failure\n"),
		ev("output", pkg, "TestBad", "    a_test.go:21: want 1, got 2\n"),
		ev("output", pkg, "TestBad", "--- FAIL: TestBad (0.00s)\n"),
		ev("fail", pkg, "TestBad", ""),
		ev("output", pkg, "", "FAIL\n"),
		ev("output", pkg, "", "FAIL\t"+pkg+"\t0.010s\n"),
		ev("fail", pkg, "", ""),
	)
}

// buildFailure is a package whose test binary does not compile.
func buildFailure(pkg string) []string {
	imp := pkg + " [" + pkg + ".test]"
	return []string{
		`{"ImportPath":"` + imp + `","Action":"build-output","Output":"# ` + imp + `\n"}`,
		`{"ImportPath":"` + imp + `","Action":"build-output","Output":"b/b_test.go:5:45: undefined: nope\n"}`,
		`{"ImportPath":"` + imp + `","Action":"build-fail"}`,
		ev("start", pkg, "", ""),
		ev("output", pkg, "", "FAIL\t"+pkg+" [build failed]\n"),
		`{"Action":"fail","Package":"` + pkg + `","FailedBuild":"` + imp + `"}`,
	}
}

func TestRun(t *testing.T) {
	const a, b = "example.test/m/a", "example.test/m/b"
	probe, err := os.ReadFile(filepath.Join("testdata", "probe.json"))
	if err != nil {
		t.Fatal(err)
	}
	allowB := []allowance{{Package: b, Test: "TestNeedsDocs", Why: "the documents live outside the project"}}
	tests := []struct {
		name     string
		input    []string
		allow    []allowance
		wantExit int
	}{
		{"pass", append(passing(a, "TestOne"), passing(b, "TestTwo")...), nil, 0},
		{"skip", append(passing(a, "TestOne"), skipping(b, "TestNeedsDocs", "the OpenAPI documents are not at hand")...), nil, 1},
		{"allowed skip", skipping(b, "TestNeedsDocs", "upstream documents not beside the checkout"), allowB, 0},
		{"allowance names another test", skipping(b, "TestOther", "no tool"), allowB, 1},
		{"subtest skip", []string{
			ev("start", a, "", ""), ev("run", a, "TestX", ""), ev("run", a, "TestX/sub", ""),
			ev("output", a, "TestX/sub", "    x_test.go:3: dot not found\n"), ev("skip", a, "TestX/sub", ""),
			ev("pass", a, "TestX", ""), ev("output", a, "", "ok  \t"+a+"\t0.1s\n"), ev("pass", a, "", ""),
		}, nil, 1},
		{"failure", append(failing(a), passing(b, "TestTwo")...), nil, 1},
		{"build failure", append(buildFailure(a), passing(b, "TestTwo")...), nil, 1},
		{"output after the failure", []string{
			ev("start", a, "", ""), ev("run", a, "TestPanics", ""),
			ev("output", a, "TestPanics", "--- FAIL: TestPanics (0.00s)\n"), ev("fail", a, "TestPanics", ""),
			ev("output", a, "TestPanics", "panic: assignment to entry in nil map\n"),
			ev("output", a, "", "FAIL\t"+a+"\t0.1s\n"), ev("fail", a, "", ""),
		}, nil, 1},
		{"timeout leaves a test running", []string{
			ev("start", a, "", ""), ev("run", a, "TestHangs", ""), ev("output", a, "TestHangs", "=== RUN   TestHangs\n"),
			ev("output", a, "", "panic: test timed out after 10m0s\n"), ev("output", a, "", "FAIL\t"+a+"\t600.0s\n"), ev("fail", a, "", ""),
		}, nil, 1},
		{"stream cut short", passing(a, "TestOne")[:4], nil, 1},
		{"no test files and other lines", []string{
			"go: downloading example.test/dep v1.0.0",
			ev("start", a, "", ""), ev("output", a, "", "?   \t"+a+"\t[no test files]\n"), ev("skip", a, "", ""),
		}, nil, 0},
		{"test main output", append(passing(a, "TestOne")[:6],
			ev("output", a, "", "PASS\n"), ev("output", a, "", "conformance: checked 12 responses, 0 mismatches\n"),
			ev("output", a, "", "ok  \t"+a+"\t0.1s\n"), ev("pass", a, "", "")), nil, 0},
		{"empty input", nil, nil, 1},
		{"probe", strings.Split(strings.TrimSuffix(string(probe), "\n"), "\n"), nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join(tt.input, "\n")
			if in != "" {
				in += "\n"
			}
			var out bytes.Buffer
			if got := run(strings.NewReader(in), &out, tt.allow); got != tt.wantExit {
				t.Errorf("exit %d, want %d; output:\n%s", got, tt.wantExit, out.String())
			}
			golden.Check(t, filepath.Join("testdata", strings.ReplaceAll(tt.name, " ", "-")+".golden"), out.Bytes())
		})
	}
}

// TestAllowedSkipsExist keeps the allow-list honest: each allowance names a
// package of this module and a test function defined in it.
func TestAllowedSkipsExist(t *testing.T) {
	const module = "github.com/amigosync/amigosync/"
	for _, a := range allowed() {
		rel, ok := strings.CutPrefix(a.Package, module)
		if !ok || a.Why == "" {
			t.Errorf("allowance %+v: not a package of %s, or no reason given", a, module)
			continue
		}
		top, _, _ := strings.Cut(a.Test, "/")
		files, err := filepath.Glob(filepath.Join("..", "..", "..", filepath.FromSlash(rel), "*_test.go"))
		if err != nil || len(files) == 0 {
			t.Errorf("allowance %s %s: no test files in %s (%v)", a.Package, a.Test, rel, err)
			continue
		}
		found := false
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			found = found || bytes.Contains(src, []byte("func "+top+"(t *testing.T)"))
		}
		if !found {
			t.Errorf("allowance %s %s: no such test in %s", a.Package, a.Test, rel)
		}
	}
}
