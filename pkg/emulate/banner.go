package emulate

import (
	"fmt"
	"io"
	"strings"

	"github.com/amigosync/amigosync/pkg/emukit"
)

// Banner describes what is served: the two base URLs, the organization and
// workspace, the accepted credentials (environment values never shown) and
// where state is kept.
func Banner(w io.Writer, cfg Config, classicURL, platformURL string) error {
	c := cfg.Credentials
	var b strings.Builder
	fmt.Fprintf(&b, "classic   %s  (organization %s)\n", classicURL, cfg.Org)
	fmt.Fprintf(&b, "platform  %s  (workspace %s, backend_org_id %s)\n", platformURL, cfg.Workspace, cfg.Org)
	fmt.Fprintf(&b, "credentials accepted (demo values unless set in the environment):\n")
	fmt.Fprintf(&b, "  classic   x-api-key: %s\n", c.APIKey)
	fmt.Fprintf(&b, "  classic   x-api-key-id: %s\n", c.APIKeyID)
	fmt.Fprintf(&b, "  classic   x-user-id: %s\n", c.UserID)
	fmt.Fprintf(&b, "  platform  Authorization: Bearer %s\n", c.PlatformAPIKey)
	fmt.Fprintf(&b, "state: classic %s, platform %s\n", stateLabel(cfg.Classic.State), stateLabel(cfg.Platform.State))
	_, err := io.WriteString(w, b.String())
	return err
}

// stateLabel names where state is kept.
func stateLabel(path string) string {
	if path == "" {
		return "in memory"
	}
	return path
}

// WriteStats prints the request counters of both emulators.
func WriteStats(w io.Writer, classic, platform emukit.Stats) error {
	_, err := fmt.Fprintf(w, "classic requests:\n%s\nplatform requests:\n%s", classic, platform)
	return err
}
