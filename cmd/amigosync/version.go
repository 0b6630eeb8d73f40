package main

import (
	"fmt"
	"runtime"
)

// VersionCmd prints the tool version.
type VersionCmd struct{}

// Run prints the version, the Go version and the platform.
func (VersionCmd) Run(streams *IO) error {
	_, err := fmt.Fprintf(streams.Stdout, "amigosync %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}
