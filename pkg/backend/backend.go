package backend

import (
	"context"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Backend is what the planner and the applier may ask of an API. Both
// adapters (Classic, Platform) implement it; every method is one small,
// fixed operation, and none decides anything.
//
// Containers are agents (spec.KindAgent) and context graphs
// (spec.KindContextGraph); any other kind is refused with an *Error.
// References between context graphs and the agent and context graph of a
// service are written by name in the manifest model and by id on the wire;
// an Index (built from Containers) translates them.
type Backend interface {
	// Info says which API, where, and in which organization or workspace:
	// what a cache of immutable versions is keyed on.
	Info() Info
	// Normalizer brings manifests to the form this API gives back.
	Normalizer

	// Containers lists every agent or every context graph, paged at the
	// endpoint's maximum. Classic lists deprecated ones too (Deprecated
	// set); Platform hides deleted ones.
	Containers(ctx context.Context, kind spec.Kind) ([]Container, error)
	// CreateContainer creates an agent or context graph without versions.
	// A description is kept by Platform only; Classic refuses a non-empty one.
	CreateContainer(ctx context.Context, kind spec.Kind, name, description string) (Container, error)
	// SetDescription changes a container's description (Platform only;
	// Classic refuses a non-empty one).
	SetDescription(ctx context.Context, c Container, description string) error
	// RemoveContainer deprecates (Classic) or deletes (Platform) a
	// container; its versions stay readable.
	RemoveContainer(ctx context.Context, c Container) error

	// ReadAgent reads version n of agent c. The result's Description is
	// empty: it belongs to the container (Container.Description), which
	// changes without a new version.
	ReadAgent(ctx context.Context, c Container, n int) (spec.AgentSpec, error)
	// CreateAgentVersion creates version expect of agent c from a. When
	// expect is not the next version it creates nothing and returns a
	// *GuardError.
	CreateAgentVersion(ctx context.Context, c Container, expect int, a spec.AgentSpec) error
	// ReadContextGraph reads version n of context graph c; references to
	// graphs idx knows come back by name, others by id.
	ReadContextGraph(ctx context.Context, c Container, n int, idx Index) (spec.ContextGraphSpec, error)
	// CreateContextGraphVersion creates version expect of context graph c
	// from g, references by name resolved through idx; guarded like
	// CreateAgentVersion.
	CreateContextGraphVersion(ctx context.Context, c Container, expect int, g spec.ContextGraphSpec, idx Index) error

	// Services lists every service with its version sets; agent and
	// context graph names come from idx (empty when idx does not know the id).
	Services(ctx context.Context, idx Index) ([]Service, error)
	// CreateService creates service name with the fields of s (agent and
	// context graph by name through idx). Version sets are not sent:
	// upsert them with UpsertVersionSet (Classic makes `edge` and a
	// `release` equal to it, Platform none).
	CreateService(ctx context.Context, name string, s spec.ServiceSpec, idx Index) (Service, error)
	// UpdateService sets every field of s on svc (version sets excepted).
	UpdateService(ctx context.Context, svc Service, s spec.ServiceSpec, idx Index) error
	// UpsertVersionSet creates or replaces the version set name of svc.
	// Pins must be numbers or latest: resolve "current" first.
	UpsertVersionSet(ctx context.Context, svc Service, name string, set spec.VersionSet) error
}

// Normalizer brings the manifest model to the form one API dialect gives
// back, so that a manifest and what was read from the server compare equal
// when the server holds that manifest. It is applied to both sides.
type Normalizer interface {
	// NormalizeAgent normalises an agent version (and, on Platform, keeps
	// the container description as given).
	NormalizeAgent(a spec.AgentSpec) spec.AgentSpec
	// NormalizeContextGraph normalises a context graph version;
	// references stay as written (see ResolveReferences).
	NormalizeContextGraph(g spec.ContextGraphSpec) spec.ContextGraphSpec
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
	Dialect spec.Dialect
	// BaseURL is the API's base URL.
	BaseURL string
	// Scope is the Classic organization or the Platform workspace id.
	Scope string
}

// Container is an agent or a context graph as listed.
type Container struct {
	Kind spec.Kind
	ID   string
	Name string
	// Description is the Platform container description ("" on Classic).
	Description string
	// Latest is the latest version number, 0 before the first version.
	Latest int
	// Deprecated is true for a deprecated Classic container.
	Deprecated bool
}

// Service is a service as listed: its ids and its fields in the manifest
// model (Spec.Agent and Spec.ContextGraph are names, "" when the Index did
// not know the id).
type Service struct {
	ID             string
	Name           string
	AgentID        string
	ContextGraphID string
	Spec           spec.ServiceSpec
}

// Index maps container names to ids and back, per kind. Build it with
// NewIndex from what Containers returned (and add what was created since).
// The zero value is empty and usable for lookups.
type Index struct {
	ids   map[spec.Kind]map[string]string // kind → name → id
	names map[spec.Kind]map[string]string // kind → id → name
}

// NewIndex indexes containers. When a name is held by several (Classic keeps
// deprecated containers), the live one wins.
func NewIndex(containers ...Container) Index {
	var x Index
	x.Add(containers...)
	return x
}

// Add indexes more containers.
func (x *Index) Add(containers ...Container) {
	if x.ids == nil {
		x.ids = map[spec.Kind]map[string]string{}
		x.names = map[spec.Kind]map[string]string{}
	}
	for _, c := range containers {
		if x.ids[c.Kind] == nil {
			x.ids[c.Kind] = map[string]string{}
			x.names[c.Kind] = map[string]string{}
		}
		x.names[c.Kind][c.ID] = c.Name
		if _, taken := x.ids[c.Kind][c.Name]; !taken || !c.Deprecated {
			x.ids[c.Kind][c.Name] = c.ID
		}
	}
}

// ID returns the id of the container of kind called name.
func (x Index) ID(kind spec.Kind, name string) (string, bool) {
	id, ok := x.ids[kind][name]
	return id, ok
}

// Name returns the name of the container of kind with id.
func (x Index) Name(kind spec.Kind, id string) (string, bool) {
	name, ok := x.names[kind][id]
	return name, ok
}

// ResolveReferences returns g with every reference by id that idx knows
// rewritten as a reference by graph name, the form ReadContextGraph
// returns; apply it to a manifest before comparing it with a read, so
// that `{id: X}` and `{graph: <name of X>}` compare equal.
func ResolveReferences(g spec.ContextGraphSpec, idx Index) spec.ContextGraphSpec {
	if len(g.References) == 0 {
		return g
	}
	refs := make(map[string]spec.Reference, len(g.References))
	for name, r := range g.References {
		if graph, ok := idx.Name(spec.KindContextGraph, r.ID); ok && r.ID != "" {
			r = spec.Reference{Graph: graph, Version: r.Version}
		}
		refs[name] = r
	}
	g.References = refs
	return g
}
