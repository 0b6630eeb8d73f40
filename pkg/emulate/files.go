package emulate

import (
	"fmt"
	"os"
	"strings"
)

// FilesFor names both emulators' files for a state argument and a seed
// argument, as `amigosync emulate --state` and `--seed` take them (either
// may be "": in memory, no seed). Each is a directory (an existing one, one
// written with a trailing separator, or a name without an extension) or a
// file name, named as [StateFiles] says. A seed must name at least one
// existing file; an emulator whose seed file is missing starts empty.
func FilesFor(state, seed string) (classic, platform Files, err error) {
	if state != "" {
		classic.State, platform.State = StateFiles(state, isDir(state))
	}
	if seed == "" {
		return classic, platform, nil
	}
	classicSeed, platformSeed := StateFiles(seed, isDir(seed))
	if !exists(classicSeed) && !exists(platformSeed) {
		return classic, platform, fmt.Errorf("seed %s: neither %s nor %s exists", seed, classicSeed, platformSeed)
	}
	if exists(classicSeed) {
		classic.Seed = classicSeed
	}
	if exists(platformSeed) {
		platform.Seed = platformSeed
	}
	return classic, platform, nil
}

// isDir reports whether path names a directory: an existing one, or one
// written with a trailing separator.
func isDir(path string) bool {
	if strings.HasSuffix(path, string(os.PathSeparator)) {
		return true
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
