package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`). Build
// output comes with ImportPath instead of Package.
type event struct {
	Action      string
	Package     string
	ImportPath  string
	Test        string
	Output      string
	FailedBuild string
}

// testRun is what one test (or subtest) printed and how it ended ("" while
// it runs).
type testRun struct {
	name   string
	output []string
	action string
}

// pkgRun is one package's tests, in the order they started, and what it
// printed outside them.
type pkgRun struct {
	tests  map[string]*testRun
	order  []*testRun
	output []string
}

// skip is one skipped test.
type skip struct {
	pkg, test string
	message   []string // the test's own lines: its t.Log and t.Skip messages
	why       string   // the allowance, when there is one
	allowed   bool
}

// report follows the events, printing each package as it ends, and counts.
type report struct {
	out    io.Writer
	allow  []allowance
	pkgs   map[string]*pkgRun
	order  []string            // packages in the order they started
	builds map[string][]string // build output by import path
	skips  []skip

	events                           int
	passed, failed, failedPkgs, done int
	failedBuilds, problems           int
}

func newReport(out io.Writer, allow []allowance) *report {
	return &report{out: out, allow: allow, pkgs: map[string]*pkgRun{}, builds: map[string][]string{}}
}

// line takes one line of input: an event, or anything else, printed as is.
func (r *report) line(b []byte) {
	var e event
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &e) != nil || e.Action == "" {
		r.print(string(b))
		return
	}
	r.events++
	switch {
	case e.Action == "build-output":
		r.builds[e.ImportPath] = append(r.builds[e.ImportPath], e.Output)
	case e.Action == "build-fail":
		r.failedBuilds++
		r.print(r.builds[e.ImportPath]...)
		delete(r.builds, e.ImportPath)
	case e.Package == "":
	case e.Test != "":
		r.testEvent(r.pkg(e.Package), e)
	case e.Action == "output":
		p := r.pkg(e.Package)
		p.output = append(p.output, e.Output)
	case e.Action == "pass" || e.Action == "fail" || e.Action == "skip":
		r.endPackage(e.Package, e.Action)
	}
}

// pkg returns the run of package name, started on first sight.
func (r *report) pkg(name string) *pkgRun {
	p := r.pkgs[name]
	if p == nil {
		p = &pkgRun{tests: map[string]*testRun{}}
		r.pkgs[name] = p
		r.order = append(r.order, name)
	}
	return p
}

// testEvent records an event of one test of p.
func (r *report) testEvent(p *pkgRun, e event) {
	t := p.tests[e.Test]
	if t == nil {
		t = &testRun{name: e.Test}
		p.tests[e.Test] = t
		p.order = append(p.order, t)
	}
	switch e.Action {
	case "output":
		t.output = append(t.output, e.Output)
	case "pass", "fail", "skip":
		t.action = e.Action
	}
}

// endPackage prints a package that ended: the output of its failing tests
// (and, when it failed, of tests that never ended, such as one that timed
// out), then its own lines, and notes its skips. A test's output can arrive
// after its end (a panic's stack), so nothing is printed before the package
// ends.
func (r *report) endPackage(name, action string) {
	p := r.pkgs[name]
	if p == nil {
		p = r.pkg(name)
	}
	delete(r.pkgs, name)
	r.done++
	if action == "fail" {
		r.failedPkgs++
	}
	for _, t := range p.order {
		switch {
		case t.action == "pass":
			r.passed++
		case t.action == "fail":
			r.failed++
			r.print(t.output...)
		case t.action == "skip":
			why, ok := allows(r.allow, name, t.name)
			r.skips = append(r.skips, skip{pkg: name, test: t.name, message: ownLines(t.output), why: why, allowed: ok})
		case action == "fail":
			r.print(t.output...)
		}
	}
	for _, l := range p.output {
		if action == "fail" || (l != "PASS\n" && l != "PASS") {
			r.print(l)
		}
	}
}

// ownLines is a test's output without the framework's === and --- lines,
// unindented.
func ownLines(output []string) []string {
	var out []string
	for _, l := range output {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		out = append(out, t)
	}
	return out
}

// finish prints what is left (packages that never ended, build output
// never closed), the skips and a summary, and returns the exit status.
func (r *report) finish() int {
	for _, name := range r.order {
		if _, open := r.pkgs[name]; open {
			r.print(fmt.Sprintf("skipcheck: package %s did not finish; what it printed:\n", name))
			r.endPackage(name, "fail")
			r.problems++
		}
	}
	for _, path := range slices.Sorted(maps.Keys(r.builds)) {
		r.print(r.builds[path]...)
		r.print(fmt.Sprintf("skipcheck: build output of %s without a build result\n", path))
		r.problems++
	}
	if r.events == 0 {
		r.print("skipcheck: no test events on the input: run go test with -json and pipe it here\n")
		r.problems++
	}
	refused := r.printSkips()
	return r.summary(refused)
}

// printSkips lists the skips, refused ones first, and returns how many
// were refused.
func (r *report) printSkips() int {
	refused := 0
	for _, allowed := range []bool{false, true} {
		for _, s := range r.skips {
			if s.allowed != allowed {
				continue
			}
			if !allowed {
				refused++
			}
			verdict := "not allowed: CI runs every test (allow-list: internal/ci/skipcheck/allow.go)"
			if allowed {
				verdict = "allowed: " + s.why
			}
			r.print(fmt.Sprintf("--- SKIP: %s (%s), %s\n", s.test, s.pkg, verdict))
			for _, m := range s.message {
				r.print("    " + m + "\n")
			}
		}
	}
	return refused
}

// summary prints the closing line and returns the exit status.
func (r *report) summary(refused int) int {
	counts := fmt.Sprintf("%s, %s passed, %d failed, %d skipped (%d allowed)",
		count(r.done, "package"), count(r.passed, "test"), r.failed, len(r.skips), len(r.skips)-refused)
	var why []string
	if r.failed > 0 || r.failedPkgs > 0 {
		why = append(why, count(r.failedPkgs, "failing package"))
	}
	if r.failedBuilds > 0 {
		why = append(why, count(r.failedBuilds, "failed build"))
	}
	if refused > 0 {
		why = append(why, count(refused, "test")+" skipped without an allowance")
	}
	if r.problems > 0 {
		why = append(why, count(r.problems, "problem")+" with the test run itself")
	}
	if len(why) > 0 {
		r.print(fmt.Sprintf("FAIL: %s; %s\n", strings.Join(why, ", "), counts))
		return 1
	}
	r.print("ok: " + counts + "\n")
	return 0
}

// count is n and noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// print writes lines to the output; a write error is not worth stopping for
// (the exit status still tells).
func (r *report) print(lines ...string) {
	for _, l := range lines {
		_, _ = io.WriteString(r.out, l)
	}
}
