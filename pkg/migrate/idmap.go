package migrate

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/amigosync/amigosync/pkg/spec"
)

// IDMapFormatVersion is the version of idmap.json's format.
const IDMapFormatVersion = 1

// IDMap maps Classic resources to Platform ones: each migrated Classic
// (id, version) to the Platform (name, version) it becomes, and each
// migrated service. Translate fills in the planned Platform versions (the
// numbers in a workspace that has none of the container yet); the caller
// records the real ids and versions with Record as it creates them, and
// saves the map as idmap.json.
type IDMap struct {
	FormatVersion int          `json:"format_version"`
	Entries       []IDMapEntry `json:"entries"`
}

// IDMapEntry is one Classic resource version and its Platform counterpart.
type IDMapEntry struct {
	Kind     spec.Kind   `json:"kind"`
	Classic  ClassicRef  `json:"classic"`
	Platform PlatformRef `json:"platform"`
	// Applied says that Platform holds the real id and version, as
	// recorded after they were created (or found).
	Applied bool `json:"applied"`
}

// ClassicRef names a Classic resource version (Version 0 for a service).
type ClassicRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version int    `json:"version,omitempty"`
}

// PlatformRef names a Platform resource version: ID is empty until
// recorded, Version is planned until recorded.
type PlatformRef struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name"`
	Version int    `json:"version,omitempty"`
}

// newIDMap maps the versions of the ready resources of res.
func newIDMap(res *Result) *IDMap {
	m := &IDMap{FormatVersion: IDMapFormatVersion, Entries: []IDMapEntry{}}
	addVersions(m, res.Agents)
	addVersions(m, res.ContextGraphs)
	for _, s := range res.Services {
		if s.Status == Ready {
			m.Entries = append(m.Entries, IDMapEntry{Kind: spec.KindService,
				Classic: ClassicRef{ID: s.ClassicID, Name: s.Name}, Platform: PlatformRef{Name: s.Name}})
		}
	}
	return m
}

func addVersions[S any](m *IDMap, list []Resource[S]) {
	for _, r := range list {
		if r.Status != Ready {
			continue
		}
		for _, v := range r.Versions {
			for _, c := range v.Classic {
				m.Entries = append(m.Entries, IDMapEntry{Kind: r.Kind,
					Classic:  ClassicRef{ID: r.ClassicID, Name: r.Name, Version: c},
					Platform: PlatformRef{Name: r.Name, Version: v.Platform}})
			}
		}
	}
}

// Lookup returns the entry of a Classic resource version (version 0 for a
// service).
func (m *IDMap) Lookup(kind spec.Kind, classicID string, version int) (IDMapEntry, bool) {
	for _, e := range m.Entries {
		if e.Kind == kind && e.Classic.ID == classicID && e.Classic.Version == version {
			return e, true
		}
	}
	return IDMapEntry{}, false
}

// Record notes that the Classic resource version (version 0 for a
// service) now exists on Platform with platformID and platformVersion. The
// id is recorded for every version of the container. Versions are created
// oldest first, so when the real number differs from the planned one (the
// container had versions already), the planned numbers of its later
// versions move by the same amount.
func (m *IDMap) Record(kind spec.Kind, classicID string, version int, platformID string, platformVersion int) error {
	i := m.index(kind, classicID, version)
	if i < 0 {
		return fmt.Errorf("the id map has no %s %s version %d", kind.Noun(), classicID, version)
	}
	planned := m.Entries[i].Platform.Version
	delta := platformVersion - planned
	for j := range m.Entries {
		e := &m.Entries[j]
		if e.Kind != kind || e.Classic.ID != classicID {
			continue
		}
		e.Platform.ID = platformID
		switch {
		case e.Platform.Version == planned && !e.Applied:
			e.Platform.Version, e.Applied = platformVersion, true
		case e.Platform.Version > planned && !e.Applied:
			e.Platform.Version += delta
		}
	}
	return nil
}

// Adopt records what an earlier run applied (prev, read from its
// idmap.json), so that a second migrate knows which versions exist
// already.
func (m *IDMap) Adopt(prev *IDMap) error {
	for _, e := range prev.Entries {
		if !e.Applied || m.index(e.Kind, e.Classic.ID, e.Classic.Version) < 0 {
			continue
		}
		if err := m.Record(e.Kind, e.Classic.ID, e.Classic.Version, e.Platform.ID, e.Platform.Version); err != nil {
			return err
		}
	}
	return nil
}

func (m *IDMap) index(kind spec.Kind, classicID string, version int) int {
	for i, e := range m.Entries {
		if e.Kind == kind && e.Classic.ID == classicID && e.Classic.Version == version {
			return i
		}
	}
	return -1
}

// pin maps a Classic pin of the container classicID to a Platform pin:
// latest floats on both sides; a number (or current, the latest migrated
// version) becomes the Platform version the map holds.
func (m *IDMap) pin(kind spec.Kind, classicID string, p spec.Pin) (spec.Pin, error) {
	n := p.Number
	switch p.Kind {
	case spec.PinLatest:
		return p, nil
	case spec.PinCurrent:
		n = 0
		for _, e := range m.Entries {
			if e.Kind == kind && e.Classic.ID == classicID {
				n = max(n, e.Classic.Version)
			}
		}
	}
	e, ok := m.Lookup(kind, classicID, n)
	if !ok {
		return spec.Pin{}, fmt.Errorf("Classic version %s of %s %s is not in the id map", p, kind.Noun(), classicID)
	}
	return spec.Pin{Kind: spec.PinNumber, Number: e.Platform.Version}, nil
}

// ParseIDMap reads an idmap.json written by an earlier run.
func ParseIDMap(data []byte) (*IDMap, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m IDMap
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("read the id map: %w", err)
	}
	if m.FormatVersion != IDMapFormatVersion {
		return nil, fmt.Errorf("read the id map: format_version %d is not %d, the one this release reads", m.FormatVersion, IDMapFormatVersion)
	}
	return &m, nil
}
