// Package dirlist says what a directory holds, for the commands that
// refuse to write into one that is not empty.
package dirlist

import (
	"fmt"
	"os"
	"strings"
)

// shown is how many names Others lists before "and N more".
const shown = 5

// Others returns the entries of dir that keep does not accept, listed as
// "a, b, c, d, e, and 3 more" ("" when there are none).
func Others(dir string, keep func(name string) bool) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range entries {
		if !keep(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) > shown {
		names = append(names[:shown:shown], fmt.Sprintf("and %d more", len(names)-shown))
	}
	return strings.Join(names, ", "), nil
}
