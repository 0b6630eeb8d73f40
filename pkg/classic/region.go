package classic

import (
	"fmt"
	"slices"
	"strings"
)

// DefaultBaseURL is the Classic API's default (US) base URL.
const DefaultBaseURL = "https://api.amigo.ai"

// Regions returns the regions with their own Classic base URL, as accepted
// by Options.Region besides "" and "us" (the default base URL).
func Regions() []string { return []string{"eu-central-1", "ap-southeast-2", "ca-central-1"} }

// RegionURL returns the base URL of a region: DefaultBaseURL for "" (or
// "us"), https://api-<region>.amigo.ai for the regions in Regions, and an
// error naming the known regions otherwise.
func RegionURL(region string) (string, error) {
	switch {
	case region == "" || region == "us":
		return DefaultBaseURL, nil
	case slices.Contains(Regions(), region):
		return "https://api-" + region + ".amigo.ai", nil
	}
	return "", fmt.Errorf("unknown Classic region %q (known: us, %s)", region, strings.Join(Regions(), ", "))
}
