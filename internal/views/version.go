package views

import "fmt"

// VersionFormatVersion is the format_version of `version --output json`.
const VersionFormatVersion = "1.0"

// Version shows `amigosync version`.
type Version interface {
	// Show prints the tool version, the Go version and the platform.
	Show(info VersionInfo) error
}

// VersionInfo is what `amigosync version` reports; its JSON form is the
// document `version --output json` prints.
type VersionInfo struct {
	FormatVersion string `json:"format_version"` // set by the view
	Version       string `json:"version"`        // e.g. v1.2.3, or dev
	GoVersion     string `json:"go_version"`     // e.g. go1.26.0
	Platform      string `json:"platform"`       // GOOS/GOARCH
}

// NewVersion returns the view for format.
func NewVersion(format Format, v *View) Version {
	if format == FormatJSON {
		return VersionJSON{view: v}
	}
	return VersionHuman{view: v}
}

// VersionHuman prints "amigosync v1.2.3 (go1.26.0, linux/amd64)".
type VersionHuman struct{ view *View }

// Show prints one line.
func (h VersionHuman) Show(info VersionInfo) error {
	_, err := fmt.Fprintf(h.view.Stdout, "amigosync %s (%s, %s)\n", info.Version, info.GoVersion, info.Platform)
	return err
}

// VersionJSON prints the VersionInfo document.
type VersionJSON struct{ view *View }

// Show prints the document.
func (j VersionJSON) Show(info VersionInfo) error {
	info.FormatVersion = VersionFormatVersion
	return writeJSON(j.view.Stdout, info)
}
