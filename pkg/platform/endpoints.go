package platform

// Endpoint names: one per operation of the Platform OpenAPI document, used as
// the key for pacing, rate limits and request counters by both the client and
// the emulator.
const (
	ListWorkspaces            = "list_workspaces"
	GetWorkspace              = "get_workspace"
	ListAgents                = "list_agents"
	CreateAgent               = "create_agent"
	GetAgent                  = "get_agent"
	UpdateAgent               = "update_agent"
	DeleteAgent               = "delete_agent"
	ListAgentVersions         = "list_agent_versions"
	CreateAgentVersion        = "create_agent_version"
	GetAgentVersion           = "get_agent_version"
	ListContextGraphs         = "list_context_graphs"
	CreateContextGraph        = "create_context_graph"
	GetContextGraph           = "get_context_graph"
	UpdateContextGraph        = "update_context_graph"
	DeleteContextGraph        = "delete_context_graph"
	ListContextGraphVersions  = "list_context_graph_versions"
	CreateContextGraphVersion = "create_context_graph_version"
	GetContextGraphVersion    = "get_context_graph_version"
	ListServices              = "list_services"
	CreateService             = "create_service"
	GetService                = "get_service"
	UpdateService             = "update_service"
	DeleteService             = "delete_service"
	UpsertServiceVersionSet   = "upsert_service_version_set"
	ListSkills                = "list_skills"
	CreateSkill               = "create_skill"
	GetSkill                  = "get_skill"
	UpdateSkill               = "update_skill"
	DeleteSkill               = "delete_skill"
)

// MaxPageSize is the largest `limit` every paginated Platform list accepts
// (the document gives `maximum: 20`; a larger limit is answered with 422).
const MaxPageSize = 20

// DefaultPageSize is the page size a list uses when `limit` is not given.
const DefaultPageSize = 10

// Endpoint describes one operation of the Platform API.
//
// About rate limits: the Platform document publishes no request quotas at all.
// It lists a 429 ("Rate limited.") response only on the five skills
// operations; DocumentsRateLimit records exactly that and nothing more. The
// emulator can limit any endpoint (its Config.Limits), but no number here is
// the real service's quota, and clients should pace on the X-RateLimit-*
// and Retry-After headers they receive rather than on a table.
type Endpoint struct {
	// Name is the stable endpoint name, e.g. "list_agents".
	Name string
	// OperationID is the document's operationId, e.g. "list-agents".
	OperationID string
	// Method is the HTTP method.
	Method string
	// Path is the document's path template, e.g. "/v1/{workspace_id}/agents".
	Path string
	// MaxPageSize is the largest `limit` the endpoint accepts; 0 when it is not paginated.
	MaxPageSize int
	// DocumentsRateLimit reports whether the document lists a 429 response for it.
	DocumentsRateLimit bool
}

// Pattern returns the endpoint as a Go 1.22 http.ServeMux pattern, e.g.
// "GET /v1/{workspace_id}/agents".
func (e Endpoint) Pattern() string { return e.Method + " " + e.Path }

// Endpoints returns the table of every Platform endpoint, in the document's
// order. Each call returns a fresh slice the caller may modify.
func Endpoints() []Endpoint {
	const (
		ws    = "/v1/{workspace_id}"
		agent = ws + "/agents/{agent_id}"
		graph = ws + "/context-graphs/{context_graph_id}"
		svc   = ws + "/services/{service_id}"
		skill = ws + "/skills/{skill_id}"
	)
	page := MaxPageSize
	return []Endpoint{
		{ListWorkspaces, "list-workspaces", "GET", "/v1/workspaces", page, false},
		{GetWorkspace, "get-workspace", "GET", "/v1/workspaces/{workspace_id}", 0, false},

		{ListAgents, "list-agents", "GET", ws + "/agents", page, false},
		{CreateAgent, "create-agent", "POST", ws + "/agents", 0, false},
		{GetAgent, "get-agent", "GET", agent, 0, false},
		{UpdateAgent, "update-agent", "PUT", agent, 0, false},
		{DeleteAgent, "delete-agent", "DELETE", agent, 0, false},
		{ListAgentVersions, "list-agent-versions", "GET", agent + "/versions", page, false},
		{CreateAgentVersion, "create-agent-version", "POST", agent + "/versions", 0, false},
		{GetAgentVersion, "get-agent-version", "GET", agent + "/versions/{version}", 0, false},

		{ListContextGraphs, "list-context_graphs", "GET", ws + "/context-graphs", page, false},
		{CreateContextGraph, "create-context_graph", "POST", ws + "/context-graphs", 0, false},
		{GetContextGraph, "get-context_graph", "GET", graph, 0, false},
		{UpdateContextGraph, "update-context_graph", "PUT", graph, 0, false},
		{DeleteContextGraph, "delete-context_graph", "DELETE", graph, 0, false},
		{ListContextGraphVersions, "list-context_graph-versions", "GET", graph + "/versions", page, false},
		{CreateContextGraphVersion, "create-context_graph-version", "POST", graph + "/versions", 0, false},
		{GetContextGraphVersion, "get-context_graph-version", "GET", graph + "/versions/{version}", 0, false},

		{ListServices, "list-services", "GET", ws + "/services", page, false},
		{CreateService, "create-service", "POST", ws + "/services", 0, false},
		{GetService, "get-service", "GET", svc, 0, false},
		{UpdateService, "update-service", "PUT", svc, 0, false},
		{DeleteService, "delete-service", "DELETE", svc, 0, false},
		{UpsertServiceVersionSet, "upsert-service-version-set", "PUT", svc + "/version-sets/{name}", 0, false},

		{ListSkills, "list-skills", "GET", ws + "/skills", page, true},
		{CreateSkill, "create-skill", "POST", ws + "/skills", 0, true},
		{GetSkill, "get-skill", "GET", skill, 0, true},
		{UpdateSkill, "update-skill", "PUT", skill, 0, true},
		{DeleteSkill, "delete-skill", "DELETE", skill, 0, true},
	}
}

// LookupEndpoint returns the endpoint with the given name.
func LookupEndpoint(name string) (Endpoint, bool) {
	for _, e := range Endpoints() {
		if e.Name == name {
			return e, true
		}
	}
	return Endpoint{}, false
}
