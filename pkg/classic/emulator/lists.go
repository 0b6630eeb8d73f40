package emulator

import (
	"cmp"
	"maps"
	"net/http"
	"slices"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// listServices serves GET /v1/{organization}/service/.
func (s *Server) listServices(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	q := query{v: r.URL.Query(), e: &e}
	ids := q.ids("id")
	active := q.boolean("is_active")
	sorts := q.sortBy("name", "is_active")
	tags := q.tags("tags")
	offset, limit := q.listParams(classic.DefaultServicesPageSize, classic.MaxServicesPageSize, false)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.RLock()
	var all []classic.Service
	var allTags [][]classic.Tag
	for _, svc := range s.st.Services {
		allTags = append(allTags, svc.Tags)
		if (len(ids) == 0 || ids[svc.ID]) && (active == nil || *active == svc.IsActive) && tagsMatch(svc.Tags, tags) {
			all = append(all, *svc)
		}
	}
	slices.SortStableFunc(all, func(a, b classic.Service) int {
		return compareBy(sorts, func(field string) int {
			if field == "name" {
				return cmp.Compare(a.Name, b.Name)
			}
			return compareBool(a.IsActive, b.IsActive)
		})
	})
	p := paginate(len(all), offset, limit)
	resp := classic.ListServicesResponse{Services: nonNil(all[p.start:p.end]), HasMore: p.hasMore, ContinuationToken: p.next}
	if offset == 0 {
		resp.FilterValues = &classic.FilterValues{Tags: tagValues(allTags)}
	}
	s.mu.RUnlock() // the response holds copies: write it without the lock
	emukit.WriteJSON(w, http.StatusOK, resp)
}

// listTools serves GET /v1/{organization}/tool/.
func (s *Server) listTools(w http.ResponseWriter, r *http.Request, _ call) {
	var e errs
	q := query{v: r.URL.Query(), e: &e}
	ids := q.ids("id")
	deprecated := q.boolean("deprecated")
	sorts := q.sortBy("name", "deprecated")
	tags := q.tags("tag")
	offset, limit := q.listParams(classic.DefaultToolsPageSize, classic.MaxToolsPageSize, false)
	if len(e.list) > 0 {
		emukit.WriteValidation(w, e.list)
		return
	}
	s.mu.RLock()
	var all []classic.Tool
	var allTags [][]classic.Tag
	for _, t := range s.st.Tools {
		allTags = append(allTags, t.Tags)
		if (len(ids) == 0 || ids[t.ID]) && (deprecated == nil || *deprecated == t.Deprecated) && tagsMatch(t.Tags, tags) {
			all = append(all, t)
		}
	}
	slices.SortStableFunc(all, func(a, b classic.Tool) int {
		return compareBy(sorts, func(field string) int {
			if field == "name" {
				return cmp.Compare(a.Name, b.Name)
			}
			return compareBool(a.Deprecated, b.Deprecated)
		})
	})
	p := paginate(len(all), offset, limit)
	resp := classic.ListToolsResponse{Tools: nonNil(all[p.start:p.end]), HasMore: p.hasMore, ContinuationToken: p.next}
	if offset == 0 {
		resp.FilterValues = &classic.FilterValues{Tags: tagValues(allTags)}
	}
	s.mu.RUnlock() // the response holds copies: write it without the lock
	emukit.WriteJSON(w, http.StatusOK, resp)
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
