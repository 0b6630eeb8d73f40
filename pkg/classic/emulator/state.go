package emulator

import (
	"fmt"
	"time"

	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// stateFormat is the version of the state file layout.
const stateFormat = 1

// state is everything the emulator knows, as saved to the state file. It is guarded by
// Server.mu; the slices keep creation order, which is the order of every list.
type state struct {
	Format   int                `json:"format"`
	Org      string             `json:"org"`
	NextID   uint64             `json:"next_id"`
	Agents   []*agentRec        `json:"agents"`
	SHSMs    []*shsmRec         `json:"service_hierarchical_state_machines"`
	Services []*classic.Service `json:"services"`
	Tools    []classic.Tool     `json:"tools"`
	// Tokens maps the SHA-256 of each issued token (never the token itself) to its grant.
	Tokens map[string]tokenGrant `json:"tokens"`
}

// tokenGrant is who a token signs in and until when.
type tokenGrant struct {
	UserID    string    `json:"user_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

// newState is the state of a fresh organization: no agents, graphs or services, and two demo
// tools (ids 000000000000000000000001 and ...02) so that tool-call states can be tried.
func newState(org string, now time.Time) *state {
	st := &state{Format: stateFormat, Org: org, Tokens: map[string]tokenGrant{}}
	system := classic.UserInfo{OrgID: org, UserID: "system"}
	for _, t := range []struct{ name, desc string }{
		{"lookup_account", "Looks up a customer account by email address or phone number."},
		{"send_email", "Sends an email to the current user."},
	} {
		st.Tools = append(st.Tools, classic.Tool{
			ID: st.newID(), OrgID: org, CreatedAt: now, UpdatedAt: now, Name: t.name, Description: t.desc,
			Envvars: []string{}, SecretEnvvars: []string{}, Tags: []classic.Tag{{Key: "demo"}},
			Creator: system, UpdatedBy: system,
		})
	}
	return st
}

// newID returns the next id: 24 hex digits of a counter, like a Mongo ObjectId in shape.
func (st *state) newID() string {
	st.NextID++
	return fmt.Sprintf("%024x", st.NextID)
}

// fixup fills what an older or hand-written file may lack, so the rest of the code can rely on it.
func (st *state) fixup() {
	if st.Tokens == nil {
		st.Tokens = map[string]tokenGrant{}
	}
	if st.Format == 0 {
		st.Format = stateFormat
	}
}

// agent returns the agent with id, or nil.
func (st *state) agent(id string) *agentRec { return find(st.Agents, id) }

// shsm returns the SHSM with id, or nil.
func (st *state) shsm(id string) *shsmRec { return find(st.SHSMs, id) }

// service returns the service with id, or nil.
func (st *state) service(id string) *classic.Service {
	for _, s := range st.Services {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// tool returns the tool with id, or nil.
func (st *state) tool(id string) *classic.Tool {
	for i := range st.Tools {
		if st.Tools[i].ID == id {
			return &st.Tools[i]
		}
	}
	return nil
}

// activeServiceUses reports whether an active service uses the agent or SHSM with id.
func (st *state) activeServiceUses(id string) bool {
	for _, s := range st.Services {
		if s.IsActive && (s.AgentID == id || s.ServiceHierarchicalStateMachineID == id) {
			return true
		}
	}
	return false
}

// activeServiceNamed returns the active service called name other than except, or nil.
func (st *state) activeServiceNamed(name, except string) *classic.Service {
	for _, s := range st.Services {
		if s.IsActive && s.Name == name && s.ID != except {
			return s
		}
	}
	return nil
}

// pruneTokens forgets expired tokens.
func (st *state) pruneTokens(now time.Time) {
	for h, g := range st.Tokens {
		if !now.Before(g.ExpiresAt) {
			delete(st.Tokens, h)
		}
	}
}

// loadState reads the state file, or the seed file when the state file does not exist yet, or
// starts a fresh organization. The file's org must be the configured one. Temporary files an
// interrupted save left beside the state file are removed first.
func loadState(cfg Config, now time.Time) (*state, error) {
	if cfg.StatePath != "" {
		if err := emukit.RemoveTemps(cfg.StatePath); err != nil {
			return nil, fmt.Errorf("load classic emulator state: %w", err)
		}
	}
	for _, path := range []string{cfg.StatePath, cfg.SeedPath} {
		if path == "" {
			continue
		}
		st := &state{}
		found, err := emukit.LoadJSON(path, st)
		if err != nil {
			return nil, fmt.Errorf("load classic emulator state: %w", err)
		}
		if !found {
			continue
		}
		if st.Org != cfg.Org {
			return nil, fmt.Errorf("load classic emulator state: %s holds organization %q, not %q", path, st.Org, cfg.Org)
		}
		if st.Format > stateFormat {
			return nil, fmt.Errorf("load classic emulator state: %s has format %d, newer than %d", path, st.Format, stateFormat)
		}
		st.fixup()
		return st, nil
	}
	return newState(cfg.Org, now), nil
}
