package emulator

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/emukit"
	"github.com/amigosync/amigosync/pkg/platform"
)

// stateFormat is the version of the state file layout.
const stateFormat = 1

// stateData is everything the emulator knows; it is what the state file holds.
type stateData struct {
	FormatVersion int              `json:"format_version"`
	NextID        uint64           `json:"next_id"`
	Workspaces    []*workspaceData `json:"workspaces"`
}

// workspaceData is one workspace and the resources in it, each list in
// creation order.
type workspaceData struct {
	Workspace     platform.WorkspaceResponse                         `json:"workspace"`
	Agents        []*container[platform.AgentVersionResponse]        `json:"agents"`
	ContextGraphs []*container[platform.ContextGraphVersionResponse] `json:"context_graphs"`
	Services      []*platform.ServiceResponse                        `json:"services"`
	Skills        []*platform.SkillResponse                          `json:"skills"`
}

// container is an agent or a context graph: a named container and its
// immutable versions (Versions[i] has version number i+1). A deleted
// container keeps its versions.
type container[V any] struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Deleted     bool      `json:"deleted,omitempty"`
	Versions    []V       `json:"versions"`
}

// newID returns the next resource id: a well-formed version-4 UUID made
// from a counter, so ids are deterministic for a given sequence of requests.
func (st *stateData) newID() string {
	st.NextID++
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", st.NextID)
}

// workspace returns the workspace with the given id, or nil.
func (st *stateData) workspace(id string) *workspaceData {
	for _, w := range st.Workspaces {
		if strings.EqualFold(w.Workspace.ID, id) {
			return w
		}
	}
	return nil
}

// ensureWorkspaces adds the configured workspaces the state does not have
// yet, and brings the name and backend org id of the others up to date.
func (st *stateData) ensureWorkspaces(ws []Workspace, now time.Time) {
	for _, cw := range ws {
		org := cw.BackendOrgID
		if w := st.workspace(cw.ID); w != nil {
			w.Workspace.Name = cw.Name
			w.Workspace.Slug = slugify(cw.Name)
			w.Workspace.BackendOrgID = &org
			continue
		}
		st.Workspaces = append(st.Workspaces, &workspaceData{Workspace: platform.WorkspaceResponse{
			ID:            cw.ID,
			Slug:          slugify(cw.Name),
			Name:          cw.Name,
			Environment:   "production",
			BackendOrgID:  &org,
			Region:        "local",
			ProvisionedAt: &now,
			CreatedAt:     now,
			UpdatedAt:     now,
		}})
	}
}

// slugify turns a workspace name into its slug: "Demo workspace" → "demo-workspace".
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "workspace"
	}
	return b.String()
}

// loadState reads the state file, or the seed file when the state file does
// not exist yet, or starts empty. Temporary files an interrupted save left
// beside the state file are removed first.
func loadState(cfg Config) (*stateData, error) {
	st := &stateData{FormatVersion: stateFormat}
	if cfg.StatePath != "" {
		if err := emukit.RemoveTemps(cfg.StatePath); err != nil {
			return nil, fmt.Errorf("load the Platform emulator state: %w", err)
		}
		found, err := emukit.LoadJSON(cfg.StatePath, st)
		if err != nil {
			return nil, fmt.Errorf("load the Platform emulator state: %w", err)
		}
		if found {
			return st, checkFormat(st, cfg.StatePath)
		}
	}
	if cfg.SeedPath != "" {
		found, err := emukit.LoadJSON(cfg.SeedPath, st)
		if err != nil {
			return nil, fmt.Errorf("load the Platform emulator seed: %w", err)
		}
		if !found {
			return nil, fmt.Errorf("load the Platform emulator seed: %s does not exist", cfg.SeedPath)
		}
		return st, checkFormat(st, cfg.SeedPath)
	}
	return st, nil
}

// checkFormat refuses state written by an incompatible emulator.
func checkFormat(st *stateData, path string) error {
	if st.FormatVersion != stateFormat {
		return fmt.Errorf("%s has state format %d; this emulator reads format %d", path, st.FormatVersion, stateFormat)
	}
	for _, w := range st.Workspaces {
		if w == nil || !isUUID(w.Workspace.ID) {
			return fmt.Errorf("%s holds a workspace without a valid id", path)
		}
		if kind := w.nullEntry(); kind != "" {
			return fmt.Errorf("%s holds a null %s in workspace %s", path, kind, w.Workspace.ID)
		}
		w.eachID(st.skipPast)
	}
	return nil
}

// skipPast raises NextID past id when id is one newID made, so that a
// hand-written seed whose next_id is behind its ids gets no id twice.
func (st *stateData) skipPast(id string) {
	var n uint64
	if _, err := fmt.Sscanf(id, "00000000-0000-4000-8000-%012x", &n); err == nil && n > st.NextID {
		st.NextID = n
	}
}

// eachID calls f with the id of every resource and version of the workspace.
func (w *workspaceData) eachID(f func(string)) {
	for _, a := range w.Agents {
		f(a.ID)
		for _, v := range a.Versions {
			f(v.ID)
		}
	}
	for _, g := range w.ContextGraphs {
		f(g.ID)
		for _, v := range g.Versions {
			f(v.ID)
		}
	}
	for _, s := range w.Services {
		f(s.ID)
	}
	for _, s := range w.Skills {
		f(s.ID)
	}
}

// nullEntry names the kind of the first null entry of the workspace's
// lists ("" when there is none); handlers assume there are none.
func (w *workspaceData) nullEntry() string {
	switch {
	case slices.Contains(w.Agents, nil):
		return "agent"
	case slices.Contains(w.ContextGraphs, nil):
		return "context graph"
	case slices.Contains(w.Services, nil):
		return "service"
	case slices.Contains(w.Skills, nil):
		return "skill"
	}
	return ""
}
