package platform

import (
	"context"
	"iter"
	"net/http"
)

// ListWorkspaces walks every workspace the API key can see.
func (c *Client) ListWorkspaces(ctx context.Context) iter.Seq2[WorkspaceResponse, error] {
	return list[WorkspaceResponse](ctx, c, ListWorkspaces, "/v1/workspaces", nil, MaxPageSize)
}

// GetWorkspace reads one workspace.
func (c *Client) GetWorkspace(ctx context.Context, id string) (WorkspaceResponse, error) {
	return call[WorkspaceResponse](ctx, c, GetWorkspace, http.MethodGet, joinPath("v1", "workspaces", id), nil)
}
