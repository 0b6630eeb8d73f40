package target_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
	"github.com/amigosync/amigosync/pkg/target"
)

// TestOpenPairEmbedded: a Classic and a Platform embedded target of one
// project open together on one emulator (a second emulator on the state
// directory would be refused), and the workspace maps to the organization.
func TestOpenPairEmbedded(t *testing.T) {
	classicT := spec.Target{Name: "classic", API: spec.DialectClassic, Embedded: true}
	platformT := spec.Target{Name: "platform", API: spec.DialectPlatform, Embedded: true}
	tests := []struct {
		name    string
		a, b    spec.Target
		wantErr string
	}{
		{"classic and platform", classicT, platformT, ""},
		{"different rate windows", classicT, spec.Target{Name: "platform", API: spec.DialectPlatform, Embedded: true, RateWindow: time.Second},
			`embedded targets "classic" and "platform" share one emulator, so they need the same rate_window`},
		{"an unknown api", classicT, spec.Target{Name: "odd", API: "odd", Embedded: true}, `open target "odd": api must be classic or platform`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			a, b, closer, err := target.OpenPair(ctx, target.Options{Dir: t.TempDir()}, tt.a, tt.b)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("OpenPair: %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer closer.Close()
			if _, err := a.Containers(ctx, spec.KindAgent); err != nil {
				t.Errorf("classic: %v", err)
			}
			ws, err := backend.ReadWorkspace(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if ws.BackendOrgID != a.Info().Scope {
				t.Errorf("backend_org_id %q, want the organization %q", ws.BackendOrgID, a.Info().Scope)
			}
		})
	}
}
