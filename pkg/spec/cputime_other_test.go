//go:build !unix

package spec

import "time"

// processCPUTime is not measured on this platform.
func processCPUTime() time.Duration { return 0 }
