package backend_test

import (
	"context"
	"errors"
	"testing"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// TestReadWorkspace: a Platform Backend reads its workspace, whose
// backend_org_id names the Classic organization; a Classic Backend has no
// workspace and says so.
func TestReadWorkspace(t *testing.T) {
	tests := []struct {
		dialect spec.Dialect
		start   func(*testing.T) world
		want    backend.Workspace
		wantErr error
	}{
		{spec.DialectPlatform, startPlatform, backend.Workspace{ID: testWorkspace, Name: "Test", BackendOrgID: testOrg}, nil},
		{spec.DialectClassic, startClassic, backend.Workspace{}, backend.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(string(tt.dialect), func(t *testing.T) {
			got, err := backend.ReadWorkspace(context.Background(), tt.start(t).b)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ReadWorkspace: %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ReadWorkspace = %+v, want %+v", got, tt.want)
			}
		})
	}
}
