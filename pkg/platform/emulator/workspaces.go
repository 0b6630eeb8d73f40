package emulator

import (
	"net/http"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// handlers returns the handler of every endpoint, by endpoint name.
func (s *Server) handlers() map[string]handlerFunc {
	out := map[string]handlerFunc{
		platform.ListWorkspaces:          s.listWorkspaces,
		platform.GetWorkspace:            s.getWorkspace,
		platform.ListServices:            s.listServices,
		platform.CreateService:           s.createService,
		platform.GetService:              s.getService,
		platform.UpdateService:           s.updateService,
		platform.DeleteService:           s.deleteService,
		platform.UpsertServiceVersionSet: s.upsertVersionSet,
		platform.ListSkills:              s.listSkills,
		platform.CreateSkill:             s.createSkill,
		platform.GetSkill:                s.getSkill,
		platform.UpdateSkill:             s.updateSkill,
		platform.DeleteSkill:             s.deleteSkill,
	}
	for _, m := range []map[string]handlerFunc{
		agentKind().handlers(s, platform.ListAgents, platform.CreateAgent, platform.GetAgent, platform.UpdateAgent,
			platform.DeleteAgent, platform.ListAgentVersions, platform.CreateAgentVersion, platform.GetAgentVersion),
		graphKind().handlers(s, platform.ListContextGraphs, platform.CreateContextGraph, platform.GetContextGraph,
			platform.UpdateContextGraph, platform.DeleteContextGraph, platform.ListContextGraphVersions,
			platform.CreateContextGraphVersion, platform.GetContextGraphVersion),
	} {
		for name, h := range m {
			out[name] = h
		}
	}
	return out
}

func (s *Server) listWorkspaces(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	items := make([]platform.WorkspaceResponse, 0, len(s.st.Workspaces))
	for _, ws := range s.st.Workspaces {
		items = append(items, ws.Workspace)
	}
	keys := containerKeys(func(w platform.WorkspaceResponse) stamps { return stamps{w.Name, w.CreatedAt, w.UpdatedAt} })
	writePage(w, v, items, keys)
}

func (s *Server) getWorkspace(w http.ResponseWriter, r *http.Request, v values) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if ws := s.lockedWorkspace(w, v, http.StatusNotFound); ws != nil {
		emukit.WriteJSON(w, http.StatusOK, ws.Workspace)
	}
}
