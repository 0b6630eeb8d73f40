package emukit

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Stats counts responses: endpoint name → status → count. Status 0 counts
// dropped connections.
type Stats map[string]map[int]int

// clone returns a deep copy of s.
func (s Stats) clone() Stats {
	out := make(Stats, len(s))
	for name, byStatus := range s {
		out[name] = maps.Clone(byStatus)
	}
	return out
}

// Total is the number of requests counted.
func (s Stats) Total() int {
	n := 0
	for _, byStatus := range s {
		for _, c := range byStatus {
			n += c
		}
	}
	return n
}

// String renders s as an aligned table sorted by endpoint and status, one
// row per (endpoint, status), and a total row.
func (s Stats) String() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENDPOINT\tSTATUS\tCOUNT")
	for _, name := range slices.Sorted(maps.Keys(s)) {
		for _, status := range slices.Sorted(maps.Keys(s[name])) {
			fmt.Fprintf(tw, "%s\t%s\t%d\n", name, statusLabel(status), s[name][status])
		}
	}
	fmt.Fprintf(tw, "total\t\t%d\n", s.Total())
	_ = tw.Flush() // writes to a strings.Builder cannot fail
	return b.String()
}

// statusLabel names a status for the table; 0 is a dropped connection.
func statusLabel(status int) string {
	if status == 0 {
		return "dropped"
	}
	return strconv.Itoa(status)
}
