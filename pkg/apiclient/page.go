package apiclient

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// Page is one page of a list answer.
type Page[T any] struct {
	// Items are the page's items.
	Items []T
	// More is true when the server has more items after this page.
	More bool
	// Next is the continuation token of the next page.
	Next string
}

// All walks every page, starting with an empty token, and yields each item.
// The first error (from fetch, a cancelled ctx, or a server that reports
// more items without a new token) is yielded once and ends the walk.
func All[T any](ctx context.Context, fetch func(ctx context.Context, token string) (Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		seen := map[string]bool{"": true}
		for {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, token)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Items {
				if !yield(item, nil) {
					return
				}
			}
			if !page.More {
				return
			}
			if page.Next == "" {
				yield(zero, errors.New("pagination stopped: the server reported more items but gave no continuation token"))
				return
			}
			if seen[page.Next] {
				yield(zero, fmt.Errorf("pagination stopped: the server reported more items but repeated continuation token %q", page.Next))
				return
			}
			seen[page.Next] = true
			token = page.Next
		}
	}
}

// Collect gathers every item of seq into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}
