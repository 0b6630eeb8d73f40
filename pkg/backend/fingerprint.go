package backend

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/amigosync/amigosync/pkg/spec"
)

// Fingerprints stand for a live value a plan was made against, so that a
// saved plan can be checked for staleness and a guarded write can tell
// whether the value moved, without keeping or comparing the value itself.
// Each is "sha256:<hex>" of the value's canonical JSON (encoding/json:
// struct fields in order, map keys sorted, empty collections left out).

// ServiceFingerprint is the fingerprint of the fields of s that
// UpdateService sets, and of its identity (name, agent and context graph
// ids): not its version sets, which are guarded one by one
// (VersionSetFingerprint), nor the agent and context graph names, which
// depend on the Index that read it.
func ServiceFingerprint(s Service) string {
	fields := s.Spec
	fields.Agent, fields.ContextGraph, fields.VersionSets = "", "", nil
	return fingerprint(struct {
		Name           string           `json:"name"`
		AgentID        string           `json:"agent_id"`
		ContextGraphID string           `json:"context_graph_id"`
		Fields         spec.ServiceSpec `json:"fields"`
	}{s.Name, s.AgentID, s.ContextGraphID, fields})
}

// VersionSetFingerprint is the fingerprint of one version set; nil stands
// for a set that does not exist, and has a fingerprint of its own.
func VersionSetFingerprint(set *spec.VersionSet) string { return fingerprint(set) }

// DescriptionFingerprint is the fingerprint of a container's description.
func DescriptionFingerprint(description string) string { return fingerprint(description) }

// fingerprint hashes the canonical JSON of v. The values fingerprinted
// here hold only strings, numbers, booleans, pins and maps of them, which
// always encode.
func fingerprint(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		raw = []byte(err.Error())
	}
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}
