package emukit

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestFaultSettingsSplit(t *testing.T) {
	tests := []struct {
		name  string
		rate  float64
		kinds []string
		want  string // Rate503 Rate429 DropBefore DropAfter
	}{
		{"every kind", 0.4, []string{"503", "429", "drop-before", "drop-after"}, "0.1 0.1 0.1 0.1"},
		{"a repeat counts once", 0.5, []string{"drop-after", " drop-after"}, "0 0 0 0.5"},
		{"no faults", 0, nil, "0 0 0 0"},
		{"kinds without a rate", 0, []string{"503"}, "0 0 0 0"},
		{"two of four", 0.2, []string{"429", "drop-before"}, "0 0.1 0.1 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FaultSettings{Rate: tt.rate, Kinds: tt.kinds, Latency: time.Millisecond, Seed: 3}.Faults()
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(f.Rate503, f.Rate429, f.DropBefore, f.DropAfter); got != tt.want {
				t.Errorf("%g over %v: %s, want %s", tt.rate, tt.kinds, got, tt.want)
			}
			if f.Latency != time.Millisecond || f.Seed != 3 {
				t.Errorf("latency %s, seed %d lost", f.Latency, f.Seed)
			}
		})
	}
}

func TestFaultSettingsErrors(t *testing.T) {
	tests := []struct {
		name string
		s    FaultSettings
		want string
	}{
		{"rate above 1", FaultSettings{Rate: 2, Kinds: []string{"503"}}, "the fault rate must be between 0 and 1, not 2"},
		{"negative rate", FaultSettings{Rate: -0.1, Kinds: []string{"503"}}, "not -0.1"},
		{"rate not a number", FaultSettings{Rate: nan(), Kinds: []string{"503"}}, "not NaN"},
		{"negative latency", FaultSettings{Latency: -time.Second}, "the latency must not be negative, not -1s"},
		{"unknown kind", FaultSettings{Rate: 0.1, Kinds: []string{"boom"}},
			`unknown fault kind "boom" (choose from drop-before, 503, 429, drop-after)`},
		{"rate without kinds", FaultSettings{Rate: 0.1}, "a fault rate needs at least one fault kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.s.Faults()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}

// TestFaultKindsCoverFaults: each kind sets exactly one fraction of Faults,
// no two kinds the same one, and the Kit draws every kind: the table is
// the whole list, so a fraction added to Faults without a kind fails here.
func TestFaultKindsCoverFaults(t *testing.T) {
	seen := map[*float64]FaultKind{}
	var f Faults
	for _, k := range faultTable() {
		p := k.rate(&f)
		if other, dup := seen[p]; dup {
			t.Errorf("kinds %s and %s set the same fraction", other, k.kind)
		}
		seen[p] = k.kind
		*p = 0.25
	}
	if f.Rate503 != 0.25 || f.Rate429 != 0.25 || f.DropBefore != 0.25 || f.DropAfter != 0.25 {
		t.Errorf("a fraction of Faults has no kind: %+v", f)
	}
	for _, kind := range FaultKinds() {
		if !strings.Contains(FaultKindsHelp(), string(kind)+" (") {
			t.Errorf("the help does not describe %s: %s", kind, FaultKindsHelp())
		}
		settings, err := FaultSettings{Rate: 1, Kinds: []string{string(kind)}}.Faults()
		if err != nil {
			t.Fatal(err)
		}
		k := New(Options{Faults: settings})
		if got, _ := k.drawFault(); got != kind {
			t.Errorf("a rate of 1 for %s drew %q", kind, got)
		}
	}
}
