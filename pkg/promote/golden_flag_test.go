package promote

// The golden package is linked for its -update flag, so that
// `go test ./... -update` is accepted in this package too.
import _ "github.com/amigosync/amigosync/internal/golden"
