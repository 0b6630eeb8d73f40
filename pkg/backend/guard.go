package backend

import (
	"fmt"
	"slices"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/spec"
)

// Guard names what a guarded write checked right before writing.
type Guard string

// The guards, one per kind of live value a plan is made against.
const (
	// GuardVersion is a container's latest version number: a version is
	// created only as the next one, a container removed only while no
	// version was added.
	GuardVersion Guard = "version"
	// GuardFields is a service's fields (ServiceFingerprint).
	GuardFields Guard = "fields"
	// GuardVersionSet is one version set of a service
	// (VersionSetFingerprint), or its absence.
	GuardVersionSet Guard = "version set"
	// GuardDescription is a container's description (DescriptionFingerprint).
	GuardDescription Guard = "description"
)

// VersionUnknown is GuardError.Found when the latest version could not be
// read after the server refused a guarded creation.
const VersionUnknown = -1

// GuardError reports that a guarded write did not happen as planned
// because the live value moved since the plan read it: another writer
// created a version, changed a service, a version set or a description,
// or removed the resource. Nothing of the other writer's was overwritten.
// It matches apiclient.ErrConflict, and wraps the client's error when
// there is one (*classic.VersionConflictError, *platform.GuardError).
type GuardError struct {
	// Kind, Name and ID say which agent, context graph or service.
	Kind     spec.Kind
	Name, ID string
	// Guard is what was guarded; VersionSet names the set of a
	// GuardVersionSet.
	Guard      Guard
	VersionSet string
	// Expected is what the guard expected to find live (what the plan
	// read) and Found what it found, for GuardVersion: latest version
	// numbers (0: no version yet; Found may be VersionUnknown). A
	// creation of version N expected N-1.
	Expected, Found int
	// Created is, for GuardVersion on Platform, the number this request's
	// version got when another writer raced it (it was created on top of
	// the other one), else 0.
	Created int
	// ExpectedFingerprint and FoundFingerprint are, for the other guards,
	// the fingerprints of the value the plan read and of the live value.
	ExpectedFingerprint, FoundFingerprint string
	// Gone reports that the resource itself was removed (deleted, or
	// deprecated on Classic) since the plan read it.
	Gone bool
	// Err is the client's error, if the client detected the conflict.
	Err error

	// removal is set when the refused write was a removal.
	removal bool
}

// Error reads like "conflict: agent intake-agent: v7 was created by
// someone else after the plan read v6; nothing was overwritten; run plan
// again".
func (e *GuardError) Error() string {
	unchanged := "nothing was overwritten"
	if e.removal {
		unchanged = "nothing was removed"
	}
	return fmt.Sprintf("conflict: %s %s: %s; %s; run plan again", e.Kind.Noun(), e.Name, e.moved(), unchanged)
}

// moved says what moved, in words.
func (e *GuardError) moved() string {
	if e.Gone {
		return "it was removed by someone else after the plan read it"
	}
	switch e.Guard {
	case GuardVersion:
		return e.movedVersions()
	case GuardFields:
		return "its fields were changed by someone else after the plan read them"
	case GuardDescription:
		return "its description was changed by someone else after the plan read it"
	case GuardVersionSet:
		switch absent := VersionSetFingerprint(nil); absent {
		case e.ExpectedFingerprint:
			return fmt.Sprintf("version set %s was created by someone else after the plan found none", e.VersionSet)
		case e.FoundFingerprint:
			return fmt.Sprintf("version set %s was deleted by someone else after the plan read it", e.VersionSet)
		}
		return fmt.Sprintf("version set %s was changed by someone else after the plan read it", e.VersionSet)
	}
	return fmt.Sprintf("its %s moved after the plan read it", e.Guard)
}

// movedVersions says which versions appeared since the plan read.
func (e *GuardError) movedVersions() string {
	read := fmt.Sprintf("the plan read v%d", e.Expected)
	if e.Expected == 0 {
		read = "the plan found no version"
	}
	switch {
	case e.Created > e.Expected+1:
		return fmt.Sprintf("%s created by someone else after %s, and our version was created on top of %s as v%d",
			versionRange(e.Expected+1, e.Created-1), read, pronoun(e.Expected+1, e.Created-1), e.Created)
	case e.Created > 0:
		return fmt.Sprintf("our version was created as v%d, not v%d, after %s", e.Created, e.Expected+1, read)
	case e.Found > e.Expected:
		return fmt.Sprintf("%s created by someone else after %s", versionRange(e.Expected+1, e.Found), read)
	case e.Found != VersionUnknown && e.Found < e.Expected:
		return fmt.Sprintf("%s, but the latest version is now v%d", read, e.Found)
	}
	return fmt.Sprintf("the server refused v%d as not the next version after %s", e.Expected+1, read)
}

// versionRange is "v7 was" or "v7–v9 were".
func versionRange(from, to int) string {
	if from == to {
		return fmt.Sprintf("v%d was", from)
	}
	return fmt.Sprintf("v%d–v%d were", from, to)
}

func pronoun(from, to int) string {
	if from == to {
		return "it"
	}
	return "them"
}

// Is makes errors.Is(err, apiclient.ErrConflict) true.
func (e *GuardError) Is(target error) bool { return target == apiclient.ErrConflict }

// Unwrap returns the client's error, if any.
func (e *GuardError) Unwrap() error { return e.Err }

// versionGuard is the *GuardError of a container whose latest version
// was expected to be read and found to be found.
func versionGuard(c Container, read, found int, err error) *GuardError {
	return &GuardError{Kind: c.Kind, Name: c.Name, ID: c.ID, Guard: GuardVersion, Expected: read, Found: found, Err: err}
}

// goneGuard is the *GuardError of a resource removed since it was read,
// found by a write guarded on g.
func goneGuard(kind spec.Kind, name, id string, g Guard) *GuardError {
	return &GuardError{Kind: kind, Name: name, ID: id, Guard: g, Gone: true}
}

// checkContainer compares the container planned with its live value:
// removed, a version added, or (when descriptions matter) a new
// description is a *GuardError.
func checkContainer(planned, live Container, versions bool) *GuardError {
	switch {
	case live.Deprecated && !planned.Deprecated:
		return goneGuard(planned.Kind, planned.Name, planned.ID, containerGuard(versions))
	case versions && live.Latest != planned.Latest:
		return versionGuard(planned, planned.Latest, live.Latest, nil)
	case live.Description != planned.Description:
		return &GuardError{Kind: planned.Kind, Name: planned.Name, ID: planned.ID, Guard: GuardDescription,
			ExpectedFingerprint: DescriptionFingerprint(planned.Description), FoundFingerprint: DescriptionFingerprint(live.Description)}
	}
	return nil
}

// containerGuard is what a container write guards: its versions and
// description for a removal, only the description otherwise.
func containerGuard(versions bool) Guard {
	if versions {
		return GuardVersion
	}
	return GuardDescription
}

// checkFields compares the fields of the service planned with the live ones.
func checkFields(planned, live Service) *GuardError {
	want, got := ServiceFingerprint(planned), ServiceFingerprint(live)
	if want == got {
		return nil
	}
	return &GuardError{Kind: spec.KindService, Name: planned.Name, ID: planned.ID, Guard: GuardFields,
		ExpectedFingerprint: want, FoundFingerprint: got}
}

// checkSet compares version set name of the service planned with the
// live one (either may be absent).
func checkSet(planned, live Service, name string) *GuardError {
	want, got := VersionSetFingerprint(setOf(planned, name)), VersionSetFingerprint(setOf(live, name))
	if want == got {
		return nil
	}
	return &GuardError{Kind: spec.KindService, Name: planned.Name, ID: planned.ID, Guard: GuardVersionSet,
		VersionSet: name, ExpectedFingerprint: want, FoundFingerprint: got}
}

// checkService compares the fields and every version set of the service
// planned with the live ones, sets in name order.
func checkService(planned, live Service) *GuardError {
	if g := checkFields(planned, live); g != nil {
		return g
	}
	var names []string
	for _, s := range []Service{planned, live} {
		for name := range s.Spec.VersionSets {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		if g := checkSet(planned, live, name); g != nil {
			return g
		}
	}
	return nil
}

// setOf returns version set name of s, or nil when s has none of that name.
func setOf(s Service, name string) *spec.VersionSet {
	if set, ok := s.Spec.VersionSets[name]; ok {
		return &set
	}
	return nil
}
