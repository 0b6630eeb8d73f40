package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// sortKeys are the fields a list can be sorted by (sort_by=field or -field).
type sortKeys[T any] map[string]func(a, b T) int

// stamps are the fields every named list sorts by: name, created_at and
// updated_at.
type stamps struct {
	name             string
	created, updated time.Time
}

// containerKeys returns the sort keys every named list has: name,
// created_at and updated_at, read from an item by of.
func containerKeys[T any](of func(T) stamps) sortKeys[T] {
	return sortKeys[T]{
		"name":       func(a, b T) int { return cmp.Compare(of(a).name, of(b).name) },
		"created_at": func(a, b T) int { return of(a).created.Compare(of(b).created) },
		"updated_at": func(a, b T) int { return of(a).updated.Compare(of(b).updated) },
	}
}

// writePage answers 200 with the page of items that v selects, or 422 on a
// bad list parameter.
func writePage[T any](w http.ResponseWriter, v values, items []T, keys sortKeys[T]) {
	if page, ok := paginate(w, v, items, keys); ok {
		emukit.WriteJSON(w, http.StatusOK, page)
	}
}

// paginate sorts items as sort_by asks and cuts the page that limit and
// continuation_token (an offset) select. On a bad parameter it answers 422
// and returns false.
func paginate[T any](w http.ResponseWriter, v values, items []T, keys sortKeys[T]) (platform.Page[T], bool) {
	if by := v.str("sort_by"); by != "" {
		field, desc := strings.CutPrefix(by, "-")
		less, ok := keys[field]
		if !ok {
			writeValidation(w, []platform.ValidationError{fieldErr([]any{"query", "sort_by"},
				"Value error, sort_by must be one of "+strings.Join(sortedNames(keys), ", ")+", optionally prefixed by '-'", "value_error")})
			return platform.Page[T]{}, false
		}
		items = slices.Clone(items)
		slices.SortStableFunc(items, func(a, b T) int {
			if desc {
				return less(b, a)
			}
			return less(a, b)
		})
	}
	offset := v.integer("continuation_token", 0)
	if offset < 0 {
		writeValidation(w, []platform.ValidationError{fieldErr([]any{"query", "continuation_token"}, "Input should be greater than or equal to 0", "greater_than_equal")})
		return platform.Page[T]{}, false
	}
	limit := v.integer("limit", platform.DefaultPageSize)
	total := len(items)
	start := min(offset, total)
	end := min(start+limit, total)
	page := platform.Page[T]{Items: slices.Clone(items[start:end]), HasMore: end < total, Total: &total}
	if page.Items == nil {
		page.Items = []T{}
	}
	if page.HasMore {
		next := end
		page.ContinuationToken = &next
	}
	return page, true
}

func sortedNames[T any](keys sortKeys[T]) []string {
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// matchesSearch reports whether any of the fields contains the search text,
// ignoring case; an empty search matches everything.
func matchesSearch(search string, fields ...string) bool {
	if search == "" {
		return true
	}
	search = strings.ToLower(search)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), search) {
			return true
		}
	}
	return false
}
