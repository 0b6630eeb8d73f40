package live

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/backend"
)

// OrgMismatchError refuses a migration into a workspace that does not map
// to the organization: its backend_org_id names another organization, or
// none. It says both ids.
type OrgMismatchError struct {
	Workspace    string
	BackendOrgID string
	Organization string
}

// Error names the workspace, its backend_org_id and the organization.
func (e *OrgMismatchError) Error() string {
	has := fmt.Sprintf("backend_org_id %q", e.BackendOrgID)
	if e.BackendOrgID == "" {
		has = "no backend_org_id"
	}
	return fmt.Sprintf("workspace %s has %s, but the organization to migrate is %q: a workspace is migrated into from the organization it maps to; check --from and --to, or pass --force to migrate anyway",
		e.Workspace, has, e.Organization)
}

// CheckWorkspace refuses (with an *OrgMismatchError) a workspace whose
// backend_org_id is not org.
func CheckWorkspace(ws backend.Workspace, org string) error {
	if ws.BackendOrgID != org {
		return &OrgMismatchError{Workspace: ws.ID, BackendOrgID: ws.BackendOrgID, Organization: org}
	}
	return nil
}
