package backend

import (
	"context"
	"fmt"

	"github.com/amigosync/amigosync/pkg/platform"
)

// Workspace is a Platform workspace as the API describes it.
type Workspace struct {
	ID   string
	Name string
	// BackendOrgID is the Classic organization the workspace maps to; ""
	// when it maps to none.
	BackendOrgID string
}

// workspaceReader is what a Platform Backend offers beyond Backend: the
// workspace it works in. It is not part of Backend, which the planner
// uses on both dialects; only `migrate` needs it.
type workspaceReader interface {
	workspace(ctx context.Context) (Workspace, error)
}

// ReadWorkspace reads the workspace of a Platform Backend (one GET
// /v1/workspaces/{id}): what migrate checks backend_org_id on. Another
// Backend is refused with ErrUnsupported.
func ReadWorkspace(ctx context.Context, b Backend) (Workspace, error) {
	r, ok := b.(workspaceReader)
	if !ok {
		return Workspace{}, fmt.Errorf("read the workspace of the %s API at %s: %w", b.Info().Dialect, b.Info().BaseURL, ErrUnsupported)
	}
	return r.workspace(ctx)
}

// platformBackend is the Platform adapter with its workspace.
type platformBackend struct {
	*adapter
	c *platform.Client
}

func (p platformBackend) workspace(ctx context.Context) (Workspace, error) {
	w, err := p.c.GetWorkspace(ctx, p.c.Workspace())
	if err != nil {
		return Workspace{}, fmt.Errorf("read workspace %s: %w", p.c.Workspace(), err)
	}
	out := Workspace{ID: w.ID, Name: w.Name}
	if w.BackendOrgID != nil {
		out.BackendOrgID = *w.BackendOrgID
	}
	return out, nil
}
