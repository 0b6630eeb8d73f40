package apiclient

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// pagedFetch serves items 0..n-1 in pages of size, with integer tokens.
func pagedFetch(n, size int, calls *[]string) func(context.Context, string) (Page[int], error) {
	return func(_ context.Context, token string) (Page[int], error) {
		*calls = append(*calls, token)
		off := 0
		if token != "" {
			var err error
			if off, err = strconv.Atoi(token); err != nil {
				return Page[int]{}, err
			}
		}
		end := min(off+size, n)
		var items []int
		for i := off; i < end; i++ {
			items = append(items, i)
		}
		return Page[int]{Items: items, More: end < n, Next: strconv.Itoa(end)}, nil
	}
}

func TestAllWalksEveryPage(t *testing.T) {
	tests := []struct {
		n, size   int
		wantCalls []string
	}{
		{0, 20, []string{""}},
		{20, 20, []string{""}},
		{45, 20, []string{"", "20", "40"}},
	}
	for _, tt := range tests {
		var calls []string
		got, err := Collect(All(context.Background(), pagedFetch(tt.n, tt.size, &calls)))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.n || (tt.n > 0 && got[tt.n-1] != tt.n-1) {
			t.Errorf("n=%d: got %d items", tt.n, len(got))
		}
		if !slices.Equal(calls, tt.wantCalls) {
			t.Errorf("n=%d: fetched %q, want %q", tt.n, calls, tt.wantCalls)
		}
	}
}

func TestAllStopsEarly(t *testing.T) {
	var calls []string
	n := 0
	for v, err := range All(context.Background(), pagedFetch(100, 10, &calls)) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; v == 15 {
			break
		}
	}
	if n != 16 || len(calls) != 2 {
		t.Errorf("read %d items with %d fetches", n, len(calls))
	}
}

func TestAllErrors(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		pages []Page[int]
		err   error
		want  string
	}{
		{"fetch error", nil, boom, "boom"},
		{"repeated token", []Page[int]{{Items: []int{1}, More: true, Next: "a"}, {Items: []int{2}, More: true, Next: "a"}}, nil, `repeated continuation token "a"`},
		{"missing token", []Page[int]{{Items: []int{1}, More: true}}, nil, "gave no continuation token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := 0
			fetch := func(context.Context, string) (Page[int], error) {
				if tt.err != nil {
					return Page[int]{}, tt.err
				}
				p := tt.pages[i]
				i++
				return p, nil
			}
			_, err := Collect(All(context.Background(), fetch))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls []string
	if _, err := Collect(All(ctx, pagedFetch(5, 2, &calls))); !errors.Is(err, context.Canceled) || len(calls) != 0 {
		t.Errorf("cancelled walk: %v after %d fetches", err, len(calls))
	}
}
