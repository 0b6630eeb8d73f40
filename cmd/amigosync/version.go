package main

import (
	"runtime"

	"github.com/amigosync/amigosync/internal/views"
)

// VersionCmd prints the tool version.
type VersionCmd struct {
	Output string `enum:"text,json" default:"text" help:"Output format: text, or json (one versioned object)."`
}

// Run shows the version, the Go version and the platform.
func (c VersionCmd) Run(streams *IO) error {
	return views.NewVersion(views.Format(c.Output), streams.view()).Show(views.VersionInfo{
		Version: Version, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
	})
}
