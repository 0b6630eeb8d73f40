package emulator

import (
	"cmp"
	"time"

	"github.com/amigosync/amigosync/pkg/platform"
)

// agentVersion and graphVersion are the stored versions of the two kinds.
type (
	agentVersion = platform.AgentVersionResponse
	graphVersion = platform.ContextGraphVersionResponse
)

// agentKind describes agents: containers of agent versions.
func agentKind() kind[agentVersion, platform.CreateAgentVersionRequest, platform.AgentResponse] {
	return kind[agentVersion, platform.CreateAgentVersionRequest, platform.AgentResponse]{
		noun: "agent", title: "Agent", idParam: "agent_id",
		createSchema: "CreateAgentRequest", updateSchema: "UpdateAgentRequest", versionSchema: "CreateAgentVersionRequest",
		records: func(ws *workspaceData) *[]*container[agentVersion] { return &ws.Agents },
		response: func(wsID string, c *container[agentVersion]) platform.AgentResponse {
			return platform.AgentResponse{ID: c.ID, WorkspaceID: wsID, Name: c.Name, Description: c.Description,
				LatestVersion: len(c.Versions), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
		},
		listKeys: withLatest(containerKeys(func(a platform.AgentResponse) stamps { return stamps{a.Name, a.CreatedAt, a.UpdatedAt} }),
			func(a platform.AgentResponse) int { return a.LatestVersion }),
		versionKeys: versionKeys(
			func(v agentVersion) int { return v.Version },
			func(v agentVersion) time.Time { return v.CreatedAt }),
		check: func(platform.CreateAgentVersionRequest) []platform.ValidationError { return nil },
		build: buildAgentVersion,
	}
}

// buildAgentVersion makes an agent version from a valid request, filling
// the documented defaults.
func buildAgentVersion(req platform.CreateAgentVersionRequest, m versionMeta) agentVersion {
	return agentVersion{
		ID: m.ID, WorkspaceID: m.WorkspaceID, AgentID: m.ContainerID, Version: m.Number,
		Name:                  req.Name,
		Initials:              deref(req.Initials),
		Identity:              req.Identity,
		VoiceConfig:           req.VoiceConfig,
		Background:            deref(req.Background),
		Behaviors:             nonNil(req.Behaviors),
		CommunicationPatterns: nonNil(req.CommunicationPatterns),
		CreatedAt:             m.At, UpdatedAt: m.At,
	}
}

// withLatest adds the latest_version sort key.
func withLatest[T any](keys sortKeys[T], latest func(T) int) sortKeys[T] {
	keys["latest_version"] = func(a, b T) int { return cmp.Compare(latest(a), latest(b)) }
	return keys
}

// versionKeys are the sort keys of version lists: version and created_at.
func versionKeys[V any](number func(V) int, created func(V) time.Time) sortKeys[V] {
	return sortKeys[V]{
		"version":    func(a, b V) int { return cmp.Compare(number(a), number(b)) },
		"created_at": func(a, b V) int { return created(a).Compare(created(b)) },
	}
}

// deref returns *p, or the zero value when p is nil.
func deref[T any](p *T) T {
	var zero T
	return or(p, zero)
}

// nonNil returns s, or an empty slice when s is nil, so it encodes as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
