package emulator

import (
	"github.com/amigosync/amigosync/pkg/classic"
	"slices"
	"strconv"
	"strings"
)

// versionQuery is the parsed query of a list-versions call.
type versionQuery struct {
	spec          string // "" (all), "latest", "N", "A-B" with A and B a number or "latest"
	desc          bool   // sort by version descending
	offset, limit int
}

// readVersionQuery reads version, sort_by, limit and continuation_token.
func readVersionQuery(q query) versionQuery {
	var vq versionQuery
	if s, ok := q.last("version"); ok {
		vq.spec = strings.TrimSpace(s)
		if _, _, ok := parseVersionSpec(vq.spec, 1); !ok {
			q.e.add([]any{"query", "version"},
				"Value error, version must be a number, `latest`, or a range such as `2-5` or `1-latest`", "value_error")
		}
	}
	if keys := q.sortBy("version"); len(keys) > 0 {
		vq.desc = keys[0].desc // later keys only break ties, and version numbers have none
	}
	vq.offset, vq.limit = q.listParams(classic.DefaultVersionsPageSize, classic.MaxVersionsPageSize, false)
	return vq
}

// parseVersionSpec returns the inclusive range of versions spec selects among n versions
// (latest = n). An empty spec selects all.
func parseVersionSpec(spec string, n int) (lo, hi int, ok bool) {
	bound := func(s string) (int, bool) {
		if s == "latest" {
			return n, true
		}
		v, err := strconv.Atoi(s)
		return v, err == nil && v > 0
	}
	if spec == "" {
		return 1, n, true
	}
	a, b, isRange := strings.Cut(spec, "-")
	if !isRange {
		v, ok := bound(spec)
		return v, v, ok
	}
	lo, okA := bound(a)
	hi, okB := bound(b)
	return lo, hi, okA && okB
}

// pick returns the version numbers of the requested page among n versions, and the page.
func (vq versionQuery) pick(n int) ([]int, page) {
	lo, hi, _ := parseVersionSpec(vq.spec, n)
	var nums []int
	for v := max(lo, 1); v <= min(hi, n); v++ {
		nums = append(nums, v)
	}
	if vq.desc {
		slices.Reverse(nums)
	}
	p := paginate(len(nums), vq.offset, vq.limit)
	return nums[p.start:p.end], p
}
