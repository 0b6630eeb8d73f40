// Command skipcheck reads the output of `go test -json` on its standard
// input and prints it as go test prints it without -json: a line per
// package (ok, FAIL, no test files), the full output of every failing test,
// build errors, and what a package prints outside its tests (such as the
// emulators' conformance counts). Then it lists every skipped test, with its
// package and skip message.
//
// It exits 1 when a test or a build failed, when the stream ends with a
// package unfinished, when it holds no test events at all, or when a test
// was skipped without an allowance (see allowed in allow.go): a test that
// skips for want of a file or a tool the project should provide is a check
// that silently does not run, so CI refuses it. It exits 0 otherwise.
//
// .ci/run pipes `go test -race -count=1 -json ./...` into it.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout, allowed()))
}

// run checks the go test -json stream in, printing to out, and returns the
// exit status. Lines that are not JSON events (a tool's own messages mixed
// in from standard error) are printed as they come.
func run(in io.Reader, out io.Writer, allow []allowance) int {
	r := newReport(out, allow)
	br := bufio.NewReader(in)
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			r.line(line)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintf(out, "skipcheck: read the test events: %v\n", err)
			r.problems++
			break
		}
	}
	return r.finish()
}
