package plan

import (
	"fmt"

	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/spec"
)

// FormatVersion is the version of the plan's JSON form (saved plans and
// `plan --output json`). A reader refuses a major version it does not know.
const FormatVersion = "1.0"

// Plan is what apply will do, as data: made by Make from the manifests and
// the live state, rendered by the Write functions, saved with `plan --out`
// and executed by pkg/apply. It never holds a credential.
type Plan struct {
	FormatVersion string `json:"format_version"`
	// ToolVersion is the amigosync version that made the plan.
	ToolVersion string `json:"tool_version"`
	// Target is what the plan was made against; apply refuses a plan made
	// for another target.
	Target Target `json:"target"`
	// Reads are fingerprints of everything the plan read, for the stale
	// check of a saved plan (list calls only).
	Reads []Read `json:"reads"`
	// Steps in dependency order.
	Steps []Step `json:"steps"`
	// Unmanaged lists live resources and version sets no manifest names,
	// left alone (removed only with Prune).
	Unmanaged []Unmanaged `json:"unmanaged,omitempty"`
}

// Target says which API, where and in which organization or workspace.
type Target struct {
	// Name is the project target's name (informational).
	Name    string       `json:"name,omitempty"`
	Dialect spec.Dialect `json:"dialect"`
	BaseURL string       `json:"base_url"`
	Scope   string       `json:"scope"`
}

// TargetOf returns the Target of a Backend's Info.
func TargetOf(name string, info backend.Info) Target {
	return Target{Name: name, Dialect: info.Dialect, BaseURL: info.BaseURL, Scope: info.Scope}
}

// Same reports whether t and o are the same API, place and scope.
func (t Target) Same(o Target) bool {
	return t.Dialect == o.Dialect && t.BaseURL == o.BaseURL && t.Scope == o.Scope
}

// String reads "classic API at https://... (organization org)".
func (t Target) String() string {
	scope := "organization"
	if t.Dialect == spec.DialectPlatform {
		scope = "workspace"
	}
	return fmt.Sprintf("%s API at %s (%s %s)", t.Dialect, t.BaseURL, scope, t.Scope)
}

// Read is the fingerprint of one live resource as the plan read it: what a
// stale check compares after listing again.
type Read struct {
	Kind spec.Kind `json:"kind"`
	Name string    `json:"name"`
	ID   string    `json:"id"`
	// Latest is a container's latest version number.
	Latest int `json:"latest,omitempty"`
	// Fingerprint covers a container's description or a service's fields
	// and version sets (see backend.ServiceFingerprint).
	Fingerprint string `json:"fingerprint,omitempty"`
	// Sets are a service's version sets' fingerprints by name.
	Sets map[string]string `json:"sets,omitempty"`
}

// Unmanaged is a live resource, or a service's version set, that no
// manifest names.
type Unmanaged struct {
	Kind spec.Kind `json:"kind"`
	Name string    `json:"name"`
	ID   string    `json:"id"`
	// Set is the version set's name when the unmanaged thing is a set of
	// a managed service.
	Set string `json:"set,omitempty"`
}

// Action is what a step does to its object.
type Action int

// The actions. Their order is the order of kinds of steps in a plan.
const (
	// Create makes a container or a service.
	Create Action = iota + 1
	// NewVersion creates the next version of an agent or context graph.
	NewVersion
	// Update changes a service's fields, a container's description or a
	// version set (created when absent).
	Update
	// Remove deletes a version set, deprecates (Classic) or deletes
	// (Platform) a container, or removes a service.
	Remove
)

var actionNames = map[Action]string{Create: "create", NewVersion: "new version", Update: "update", Remove: "remove"}

// String names the action.
func (a Action) String() string {
	if s, ok := actionNames[a]; ok {
		return s
	}
	return fmt.Sprintf("action(%d)", int(a))
}

// MarshalText writes the action's name.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads an action's name.
func (a *Action) UnmarshalText(b []byte) error {
	for k, v := range actionNames {
		if v == string(b) {
			*a = k
			return nil
		}
	}
	return fmt.Errorf("unknown plan action %q", b)
}

// Object is the part of a resource a step acts on.
type Object string

// The objects.
const (
	// ObjContainer is an agent or context graph container itself.
	ObjContainer Object = "container"
	// ObjDescription is a Platform container's description.
	ObjDescription Object = "description"
	// ObjVersion is a new version of an agent or context graph.
	ObjVersion Object = "version"
	// ObjService is a service and its fields (not its version sets).
	ObjService Object = "service"
	// ObjVersionSet is one version set of a service.
	ObjVersionSet Object = "version_set"
)

// Step is one change. Before is the live value it was planned against (nil
// when there is none) and After the value it makes (nil for a removal).
type Step struct {
	// ID is unique in the plan: "Agent/intake-agent/version".
	ID     string    `json:"id"`
	Kind   spec.Kind `json:"kind"`
	Name   string    `json:"name"`
	Object Object    `json:"object"`
	// Set names the version set of an ObjVersionSet step.
	Set    string `json:"set,omitempty"`
	Action Action `json:"action"`
	// Container is the live agent or context graph the step acts on, as
	// the plan read it; nil when the plan creates it (apply then uses the
	// container its Create step made).
	Container *backend.Container `json:"container,omitempty"`
	// Service is the live service the step acts on, as the plan read it
	// (version sets included); nil when the plan creates it.
	Service *backend.Service `json:"service,omitempty"`
	Before  *Value           `json:"before,omitempty"`
	After   *Value           `json:"after,omitempty"`
	Guard   Guard            `json:"guard"`
	// DependsOn are the IDs of steps that must be done first.
	DependsOn []string `json:"depends_on,omitempty"`
	// Reason explains the step to a person; apply never reads it.
	Reason string `json:"reason,omitempty"`
	// Source is where the manifest behind the step was read from.
	Source spec.Range `json:"source,omitzero"`
}

// Guard is what must still hold when the step runs.
type Guard struct {
	// Version is the number a NewVersion step creates: the live latest + 1.
	Version int `json:"version,omitempty"`
	// Fingerprint is that of the live value the step was planned against
	// ("" when it was absent).
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Value is the content of a step's object: exactly one field is set.
type Value struct {
	// Version is the content of an agent or context graph version, in the
	// manifest model (references by graph name).
	Version *backend.Version `json:"version,omitempty"`
	// Description is a container's description.
	Description *string `json:"description,omitempty"`
	// Service is a service's fields (version sets excepted), agent and
	// context graph by name.
	Service *spec.ServiceSpec `json:"service,omitempty"`
	// VersionSet is one version set; pins are numbers or latest.
	VersionSet *spec.VersionSet `json:"version_set,omitempty"`
}

// Counts tallies the steps by action: the summary line, and `summary` in
// the plan's JSON.
type Counts struct {
	Create     int `json:"create"`
	NewVersion int `json:"new_version"`
	Update     int `json:"update"`
	Remove     int `json:"remove"`
}

// Counts tallies p's steps by action.
func (p *Plan) Counts() Counts {
	var c Counts
	for _, s := range p.Steps {
		switch s.Action {
		case Create:
			c.Create++
		case NewVersion:
			c.NewVersion++
		case Update:
			c.Update++
		case Remove:
			c.Remove++
		}
	}
	return c
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Steps) == 0 }

// Step returns the step with id.
func (p *Plan) Step(id string) (*Step, bool) {
	for i := range p.Steps {
		if p.Steps[i].ID == id {
			return &p.Steps[i], true
		}
	}
	return nil, false
}

// stepID is the ID of the step on object (and set) of kind/name.
func stepID(kind spec.Kind, name string, obj Object, set string) string {
	id := string(kind) + "/" + name + "/" + string(obj)
	if set != "" {
		id += "/" + set
	}
	return id
}
