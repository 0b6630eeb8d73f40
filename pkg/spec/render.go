package spec

import (
	"fmt"
	"io"
)

// WriteText writes one diagnostic per line, in order: the compact form
// (`validate --compact`), for scripts and editors. Commands render through
// internal/views, which also shows source snippets and the JSON form.
func WriteText(w io.Writer, ds Diagnostics) error {
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return fmt.Errorf("write diagnostics: %w", err)
		}
	}
	return nil
}

// Summary returns a one-line count such as "3 errors, 1 warning in 5
// manifests".
func Summary(ds Diagnostics, manifests int) string {
	errs, warns := ds.Count()
	return fmt.Sprintf("%s, %s in %s", plural(errs, "error"), plural(warns, "warning"), plural(manifests, "manifest"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
