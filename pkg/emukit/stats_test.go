package emukit

import "testing"

func TestStatsString(t *testing.T) {
	tests := []struct {
		name  string
		stats Stats
		want  string
		total int
	}{
		{"empty", Stats{}, "ENDPOINT  STATUS  COUNT\ntotal             0\n", 0},
		{"sorted with drops", Stats{
			"signin":        {200: 3, 429: 1},
			"agents.create": {201: 10, 0: 2},
		}, "ENDPOINT       STATUS   COUNT\n" +
			"agents.create  dropped  2\n" +
			"agents.create  201      10\n" +
			"signin         200      3\n" +
			"signin         429      1\n" +
			"total                   16\n", 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.stats.String(); got != tt.want {
				t.Errorf("String() =\n%s\nwant\n%s", got, tt.want)
			}
			if got := tt.stats.Total(); got != tt.total {
				t.Errorf("Total() = %d, want %d", got, tt.total)
			}
		})
	}
}
