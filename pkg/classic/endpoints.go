package classic

// The endpoints of the Classic API that amigosync uses, written once as data and shared by the
// client (pacing, paging) and the emulator (routing, rate limits, limit checks).

// Endpoint names, one per operation of classic-openapi.json.
const (
	EndpointGetOrganization    = "get_organization"
	EndpointSignIn             = "sign_in"
	EndpointCreateAgent        = "create_agent"
	EndpointListAgents         = "list_agents"
	EndpointCreateAgentVersion = "create_agent_version"
	EndpointDeprecateAgent     = "deprecate_agent"
	EndpointListAgentVersions  = "list_agent_versions"
	EndpointCreateSHSM         = "create_shsm"
	EndpointListSHSMs          = "list_shsms"
	EndpointCreateSHSMVersion  = "create_shsm_version"
	EndpointDeprecateSHSM      = "deprecate_shsm"
	EndpointListSHSMVersions   = "list_shsm_versions"
	EndpointListServices       = "list_services"
	EndpointCreateService      = "create_service"
	EndpointUpdateService      = "update_service"
	EndpointUpsertVersionSet   = "upsert_version_set"
	EndpointDeleteVersionSet   = "delete_version_set"
	EndpointListTools          = "list_tools"
)

// Maximum and default `limit` of the paged list endpoints, from the document's query schemas.
const (
	MaxAgentsPageSize       = 20
	DefaultAgentsPageSize   = 10
	MaxSHSMsPageSize        = 50
	DefaultSHSMsPageSize    = 50
	MaxVersionsPageSize     = 10
	DefaultVersionsPageSize = 10
	MaxServicesPageSize     = 20
	DefaultServicesPageSize = 10
	MaxToolsPageSize        = 20
	DefaultToolsPageSize    = 10
)

// Endpoint describes one operation of the Classic API.
type Endpoint struct {
	// Name is one of the Endpoint* constants, used in counters, logs and pacing.
	Name string
	// OperationID is the operationId of the document.
	OperationID string
	// Method is the HTTP method.
	Method string
	// Path is the document's path template, e.g. "/v1/{organization}/organization/agent".
	// A trailing slash is part of the path.
	Path string
	// Limit is the documented number of requests per minute, 0 when none is documented.
	Limit int
	// MaxPageSize is the largest accepted `limit` of a paged list, 0 when not paged.
	MaxPageSize int
	// DefaultPageSize is the `limit` the API uses when none is sent, 0 when not paged.
	DefaultPageSize int
	// Authenticated tells whether the call needs `Authorization: Bearer <id_token>`.
	Authenticated bool
}

// Endpoints returns the table of Classic endpoints, a fresh copy on each call.
//
// Limits are those the document states in each 429 description. get_organization documents no
// rate limit and no authentication (its security list is empty), so its Limit is 0.
func Endpoints() []Endpoint {
	const (
		org   = "/v1/{organization}/organization/"
		agent = "/v1/{organization}/organization/agent"
		shsm  = "/v1/{organization}/organization/service_hierarchical_state_machine"
		svc   = "/v1/{organization}/service/"
	)
	return []Endpoint{
		{EndpointGetOrganization, "get-organization", "GET", org, 0, 0, 0, false},
		{EndpointSignIn, "sign-in-with-api-key", "POST", "/v1/{organization}/user/signin_with_api_key", 5, 0, 0, false},
		{EndpointCreateAgent, "create-agent", "POST", agent, 10, 0, 0, true},
		{EndpointListAgents, "get-agents", "GET", agent, 20, MaxAgentsPageSize, DefaultAgentsPageSize, true},
		{EndpointCreateAgentVersion, "create-agent-version", "POST", agent + "/{agent_id}/", 10, 0, 0, true},
		{EndpointDeprecateAgent, "delete-agent", "DELETE", agent + "/{agent_id}/", 10, 0, 0, true},
		{EndpointListAgentVersions, "get-agent-versions", "GET", agent + "/{agent_id}/version", 20, MaxVersionsPageSize, DefaultVersionsPageSize, true},
		{EndpointCreateSHSM, "create-service-hierarchical-state-machine", "POST", shsm, 10, 0, 0, true},
		{EndpointListSHSMs, "get-service-hierarchical-state-machines", "GET", shsm, 20, MaxSHSMsPageSize, DefaultSHSMsPageSize, true},
		{EndpointCreateSHSMVersion, "create-service-hierarchical-state-machine-version", "POST", shsm + "/{service_hierarchical_state_machine_id}/", 10, 0, 0, true},
		{EndpointDeprecateSHSM, "delete-service-hierarchical-state-machine", "DELETE", shsm + "/{state_machine_id}/", 10, 0, 0, true},
		{EndpointListSHSMVersions, "get-service-hierarchical-state-machine-versions", "GET", shsm + "/{service_hierarchical_state_machine_id}/version", 20, MaxVersionsPageSize, DefaultVersionsPageSize, true},
		{EndpointListServices, "get-services", "GET", svc, 50, MaxServicesPageSize, DefaultServicesPageSize, true},
		{EndpointCreateService, "create-service", "POST", svc, 20, 0, 0, true},
		{EndpointUpdateService, "update-service", "POST", svc + "{service_id}/", 20, 0, 0, true},
		{EndpointUpsertVersionSet, "upsert-service-version-set", "PUT", svc + "{service_id}/version_sets/{version_set_name}/", 30, 0, 0, true},
		{EndpointDeleteVersionSet, "delete-service-version-set", "DELETE", svc + "{service_id}/version_sets/{version_set_name}/", 30, 0, 0, true},
		{EndpointListTools, "get-tools", "GET", "/v1/{organization}/tool/", 50, MaxToolsPageSize, DefaultToolsPageSize, true},
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
