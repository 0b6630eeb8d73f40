package backend

import (
	"context"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Backend is what the planner and the applier may ask of an API. Both
// adapters (Classic, Platform) implement it; every method is one small,
// fixed operation, and none decides anything.
//
// Containers are the versioned kinds, agents (spec.KindAgent) and context
// graphs (spec.KindContextGraph); any other kind is refused with an *Error.
// Their versions are read, created and normalised through one kind-generic
// surface (Version), so the planner iterates kinds instead of calling a
// method per kind. References between context graphs and the agent and
// context graph of a service are written by name in the manifest model and
// by id on the wire; an Index (built from Containers) translates them.
//
// Nothing is written blind. A new version is created only as the number
// the caller expects (expect ≥ 1); every other write takes the live value
// the plan was made against (planned), re-reads it right before writing,
// and returns a *GuardError, changing nothing, when it moved.
type Backend interface {
	// Info says which API, where, and in which organization or workspace:
	// what a cache of immutable versions is keyed on.
	Info() Info
	// Stats counts the requests made so far, per endpoint and status.
	Stats() apiclient.Stats
	// Normalizer brings manifests to the form this API gives back.
	Normalizer

	// Containers lists every agent or every context graph, paged at the
	// endpoint's maximum. Classic lists deprecated ones too (Deprecated
	// set); Platform hides deleted ones.
	Containers(ctx context.Context, kind spec.Kind) ([]Container, error)
	// CreateContainer creates an agent or context graph without versions.
	// A description is kept by Platform only; Classic refuses a non-empty one.
	CreateContainer(ctx context.Context, kind spec.Kind, name, description string) (Container, error)
	// SetDescription changes the description of the container planned
	// (Platform only; Classic containers have none, so only "" is accepted,
	// and it changes nothing). Guarded on planned.Description.
	SetDescription(ctx context.Context, planned Container, description string) error
	// RemoveContainer deprecates (Classic) or deletes (Platform) the
	// container planned; its versions stay readable. Guarded on
	// planned.Latest and planned.Description: a container that got a new
	// version or description since the plan read it is not removed.
	RemoveContainer(ctx context.Context, planned Container) error

	// ReadVersion reads version n of container c. Context graph
	// references to graphs idx knows come back by name, others by id. An
	// agent version's Description is empty: it belongs to the container
	// (Container.Description), which changes without a new version. A
	// version that does not exist is an error matching apiclient.ErrNotFound.
	ReadVersion(ctx context.Context, c Container, n int, idx Index) (Version, error)
	// CreateVersion creates version expect (≥ 1) of container c from v,
	// references by name resolved through idx. When expect is not the
	// next version it creates nothing and returns a *GuardError (Platform,
	// having no guard parameter, may create the version under another
	// number when another writer races it: the *GuardError says so).
	CreateVersion(ctx context.Context, c Container, expect int, v Version, idx Index) error
	// ValidateVersion asks the server whether v would be accepted as
	// version expect of c, creating nothing: Classic's dry_run=true, for
	// context graphs only. Elsewhere it returns ErrUnsupported.
	ValidateVersion(ctx context.Context, c Container, expect int, v Version, idx Index) error

	// Services lists every service with its version sets; agent and
	// context graph names come from idx (empty when idx does not know the id).
	Services(ctx context.Context, idx Index) ([]Service, error)
	// Service reads the service with id as Services lists it; a service
	// that does not exist is an error matching apiclient.ErrNotFound.
	Service(ctx context.Context, id string, idx Index) (Service, error)
	// CreateService creates service name with the fields of s (agent and
	// context graph by name through idx) and returns it as the server now
	// holds it. Version sets are not sent: upsert them with
	// UpsertVersionSet (Classic makes `edge` and a `release` equal to it,
	// Platform none).
	CreateService(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error)
	// UpdateService sets every field of s (version sets excepted) on the
	// service planned. Guarded on ServiceFingerprint(planned).
	UpdateService(ctx context.Context, planned Service, s spec.ServiceSpec, idx Index) error
	// UpsertVersionSet creates or replaces the version set name of the
	// service planned. Pins must be numbers or latest: resolve "current"
	// first. Guarded on that one set: planned.Spec.VersionSets[name], or
	// its absence.
	UpsertVersionSet(ctx context.Context, planned Service, name string, set spec.VersionSet) error
	// DeleteVersionSet deletes the version set name of the service
	// planned, guarded on that set. Classic refuses `edge` and `release`
	// (the API keeps them on every service). Platform has no delete call:
	// the service's sets are written back without this one (see the
	// Platform adapter).
	DeleteVersionSet(ctx context.Context, planned Service, name string) error
	// RemoveService removes the service planned, guarded on its fields
	// and every version set. Platform deletes it. The Classic API has no
	// way to delete a service; what it offers to retire one is
	// deactivation (is_active false), which frees the name for a new
	// active service and lets its agent and context graph be deprecated,
	// so that is what Classic does: the service stays listed, inactive.
	RemoveService(ctx context.Context, planned Service) error
}

// Normalizer brings the manifest model to the form one API dialect gives
// back, so that a manifest and what was read from the server compare equal
// when the server holds that manifest. It is applied to both sides.
type Normalizer interface {
	// NormalizeVersion normalises one version of kind (agent or context
	// graph): strings and defaults as the API stores them, fields the
	// dialect does not have dropped, an agent's Description (the
	// container's) cleared. Context graph references stay as written (see
	// ResolveReferences). A v that holds no version of kind is returned
	// unchanged: creating it fails with the reason.
	NormalizeVersion(kind spec.Kind, v Version) Version
	// NormalizeService normalises a service's fields and version sets.
	NormalizeService(s spec.ServiceSpec) spec.ServiceSpec
}

// NormalizerFor returns the Normalizer of dialect d.
func NormalizerFor(d spec.Dialect) Normalizer {
	if d == spec.DialectClassic {
		return classicNormalizer{}
	}
	return platformNormalizer{}
}

// Info identifies the API a Backend talks to.
type Info struct {
	// Dialect is the API: classic or platform.
	Dialect spec.Dialect `json:"dialect"`
	// BaseURL is the API's base URL.
	BaseURL string `json:"base_url"`
	// Scope is the Classic organization or the Platform workspace id.
	Scope string `json:"scope"`
}

// Container is an agent or a context graph as listed.
type Container struct {
	Kind spec.Kind `json:"kind"`
	ID   string    `json:"id"`
	Name string    `json:"name"`
	// Description is the Platform container description ("" on Classic).
	Description string `json:"description,omitempty"`
	// Latest is the latest version number, 0 before the first version.
	Latest int `json:"latest"`
	// Deprecated is true for a deprecated Classic container.
	Deprecated bool `json:"deprecated,omitempty"`
}

// Service is a service as listed: its ids and its fields in the manifest
// model (Spec.Agent and Spec.ContextGraph are names, "" when the Index did
// not know the id).
type Service struct {
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	AgentID        string           `json:"agent_id"`
	ContextGraphID string           `json:"context_graph_id"`
	Spec           spec.ServiceSpec `json:"spec"`
}
