package emulator

import (
	"cmp"
	"maps"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// taggedItem is what the service and tool lists share: an id, a name, a yes/no flag to filter and
// sort by (is_active, deprecated) and tags.
type taggedItem struct {
	id, name string
	flag     bool
	tags     []classic.Tag
}

// listing describes one list of tagged items.
type listing struct {
	flag, tagParam       string // names of the flag filter and of the tag filter parameters
	defaultPage, maxPage int
}

// taggedPage is one page of a tagged list: the indexes of the items, in order, and filter values.
type taggedPage struct {
	index        []int
	page         page
	filterValues *classic.FilterValues
}

// readListing reads the query of a tagged list, recording errors in e, and returns the function
// that picks a page of items.
func readListing(r *http.Request, l listing, e *errs) func(items []taggedItem) taggedPage {
	q := query{v: r.URL.Query(), e: e}
	ids := q.ids("id")
	flag := q.boolean(l.flag)
	sorts := q.sortBy("name", l.flag)
	tags := q.tags(l.tagParam)
	offset, limit := q.listParams(l.defaultPage, l.maxPage, false)
	return func(items []taggedItem) taggedPage {
		var index []int
		allTags := make([][]classic.Tag, len(items))
		for i, it := range items {
			allTags[i] = it.tags
			if (len(ids) == 0 || ids[it.id]) && (flag == nil || *flag == it.flag) && tagsMatch(it.tags, tags) {
				index = append(index, i)
			}
		}
		slices.SortStableFunc(index, func(a, b int) int {
			return compareBy(sorts, func(field string) int {
				if field == "name" {
					return cmp.Compare(items[a].name, items[b].name)
				}
				return compareBool(items[a].flag, items[b].flag)
			})
		})
		p := paginate(len(index), offset, limit)
		tp := taggedPage{index: index[p.start:p.end], page: p}
		if offset == 0 {
			tp.filterValues = &classic.FilterValues{Tags: tagValues(allTags)}
		}
		return tp
	}
}

// listServices serves GET /v1/{organization}/service/.
func (s *Server) listServices(w http.ResponseWriter, r *http.Request, _ call) {
	serveTagged(s, w, r, listing{flag: "is_active", tagParam: "tags",
		defaultPage: classic.DefaultServicesPageSize, maxPage: classic.MaxServicesPageSize},
		func(st *state) []*classic.Service { return st.Services },
		func(svc *classic.Service) taggedItem {
			return taggedItem{id: svc.ID, name: svc.Name, flag: svc.IsActive, tags: svc.Tags}
		},
		func(tp taggedPage, all []*classic.Service) classic.ListServicesResponse {
			return classic.ListServicesResponse{Services: pick(tp.index, all, func(svc *classic.Service) classic.Service { return *svc }),
				HasMore: tp.page.hasMore, ContinuationToken: tp.page.next, FilterValues: tp.filterValues}
		})
}

// listTools serves GET /v1/{organization}/tool/.
func (s *Server) listTools(w http.ResponseWriter, r *http.Request, _ call) {
	serveTagged(s, w, r, listing{flag: "deprecated", tagParam: "tag",
		defaultPage: classic.DefaultToolsPageSize, maxPage: classic.MaxToolsPageSize},
		func(st *state) []classic.Tool { return st.Tools },
		func(t classic.Tool) taggedItem {
			return taggedItem{id: t.ID, name: t.Name, flag: t.Deprecated, tags: t.Tags}
		},
		func(tp taggedPage, all []classic.Tool) classic.ListToolsResponse {
			return classic.ListToolsResponse{Tools: pick(tp.index, all, func(t classic.Tool) classic.Tool { return t }),
				HasMore: tp.page.hasMore, ContinuationToken: tp.page.next, FilterValues: tp.filterValues}
		})
}

// serveTagged serves one page of a tagged list (services or tools): the query is checked first
// (422), then the page is picked and its response R built from records under the read lock,
// and written after the lock is released (the response holds copies).
func serveTagged[T, R any](s *Server, w http.ResponseWriter, r *http.Request, l listing,
	records func(*state) []T, item func(T) taggedItem, respond func(taggedPage, []T) R) {
	var e errs
	pickPage := readListing(r, l, &e)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.RLock()
	all := records(s.st)
	items := make([]taggedItem, len(all))
	for i, rec := range all {
		items[i] = item(rec)
	}
	resp := respond(pickPage(items), all)
	s.mu.RUnlock()
	emukit.WriteJSON(w, http.StatusOK, resp)
}

// pick returns copies of the records at index, in order; never nil, so an empty page is [].
func pick[T, E any](index []int, records []T, copyOf func(T) E) []E {
	out := make([]E, 0, len(index))
	for _, i := range index {
		out = append(out, copyOf(records[i]))
	}
	return out
}

// compareBy compares two items by the sort keys in turn; byField compares them ascending by one field.
func compareBy(keys []sortKey, byField func(field string) int) int {
	for _, k := range keys {
		c := byField(k.field)
		if k.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// tagsMatch reports whether tags satisfy every filter.
func tagsMatch(tags []classic.Tag, filters []tagFilter) bool {
	for _, f := range filters {
		if !slices.ContainsFunc(tags, func(t classic.Tag) bool {
			switch {
			case t.Key != f.key:
				return false
			case f.anyValue:
				return true
			case f.value == nil || t.Value == nil:
				return f.value == nil && t.Value == nil
			}
			return *f.value == *t.Value
		}) {
			return false
		}
	}
	return true
}

// tagValues lists the distinct tags as "key:value" ("key:" without value), sorted.
func tagValues(lists [][]classic.Tag) []string {
	set := map[string]bool{}
	for _, tags := range lists {
		for _, t := range tags {
			v := t.Key + ":"
			if t.Value != nil {
				v += *t.Value
			}
			set[v] = true
		}
	}
	return nonNil(slices.Sorted(maps.Keys(set)))
}
