package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/pkg/platform"
)

// TestSaveFailureRollsBack makes every save fail (the state directory is
// replaced by a file) and checks that each kind of change is answered 500
// and leaves the state as it was: an answered error never leaves a change
// behind.
func TestSaveFailureRollsBack(t *testing.T) {
	dir := t.TempDir()
	stateDir := filepath.Join(dir, "state")
	c := newClient(t, Config{StatePath: filepath.Join(stateDir, "platform.json")})
	agentID, graphID := serviceFixture(t, c)
	var svc platform.ServiceResponse
	c.call("POST", wsPath("/services"), platform.CreateServiceRequest{Name: "s", AgentID: agentID, ContextGraphID: graphID}, http.StatusCreated, &svc)
	var sk platform.SkillResponse
	c.call("POST", wsPath("/skills"), skillBody("kept"), http.StatusCreated, &sk)

	if err := os.RemoveAll(stateDir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stateDir, []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Put the directory back before the client's cleanup closes (and saves).
	t.Cleanup(func() {
		if err := os.Remove(stateDir); err != nil {
			t.Error(err)
		}
		if err := os.Mkdir(stateDir, 0o755); err != nil {
			t.Error(err)
		}
	})

	renamed := "renamed"
	changes := []struct {
		name, method, path string
		body               any
	}{
		{"create agent", "POST", wsPath("/agents"), platform.CreateAgentRequest{Name: "lost"}},
		{"update agent", "PUT", wsPath("/agents/" + agentID), platform.UpdateAgentRequest{Name: &renamed}},
		{"create agent version", "POST", wsPath("/agents/" + agentID + "/versions"), agentVersionBody("Lost")},
		{"delete agent", "DELETE", wsPath("/agents/" + agentID), nil},
		{"create graph", "POST", wsPath("/context-graphs"), platform.CreateContextGraphRequest{Name: "lost"}},
		{"create graph version", "POST", wsPath("/context-graphs/" + graphID + "/versions"), graphBody(t, nil)},
		{"delete graph", "DELETE", wsPath("/context-graphs/" + graphID), nil},
		{"create service", "POST", wsPath("/services"), platform.CreateServiceRequest{Name: "lost", AgentID: agentID, ContextGraphID: graphID}},
		{"update service", "PUT", wsPath("/services/" + svc.ID), platform.UpdateServiceRequest{}},
		{"upsert version set", "PUT", wsPath("/services/" + svc.ID + "/version-sets/staging"), platform.UpsertVersionSetRequest{}},
		{"delete service", "DELETE", wsPath("/services/" + svc.ID), nil},
		{"create skill", "POST", wsPath("/skills"), skillBody("lost")},
		{"update skill", "PUT", wsPath("/skills/" + sk.ID), platform.UpdateSkillRequest{Name: &renamed}},
		{"delete skill", "DELETE", wsPath("/skills/" + sk.ID), nil},
	}
	// 500 is not in the document: these calls bypass the conformance check.
	c.unchecked = true
	for _, ch := range changes {
		t.Run(ch.name, func(t *testing.T) {
			before := c.stateJSON()
			resp := c.do(ch.method, ch.path, ch.body)
			if resp.status != http.StatusInternalServerError {
				t.Fatalf("status %d, want 500; body %s", resp.status, resp.body)
			}
			if after := c.stateJSON(); !bytes.Equal(before, after) {
				t.Errorf("the state changed although the change was answered 500:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// stateJSON is the server's state as JSON.
func (c *testClient) stateJSON() []byte {
	c.t.Helper()
	c.srv.mu.RLock()
	defer c.srv.mu.RUnlock()
	data, err := json.Marshal(c.srv.st)
	if err != nil {
		c.t.Fatal(err)
	}
	return data
}

// TestLeftoverTempsRemoved starts a server beside the temporary file a kill
// during a save leaves, and checks that it is gone.
func TestLeftoverTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	leftover := filepath.Join(dir, ".platform.json.tmp-4242")
	if err := os.WriteFile(leftover, []byte(`{"format_version": 1, "work`), 0o600); err != nil {
		t.Fatal(err)
	}
	newClient(t, Config{StatePath: filepath.Join(dir, "platform.json")})
	if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover temporary file is still there (stat: %v)", err)
	}
}

// TestStateLocked checks that a second server on a served state file is
// refused, naming the directory and the holder, until the first closes.
func TestStateLocked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "platform.json")
	first, err := New(Config{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Config{StatePath: path})
	want := fmt.Sprintf("the emulator state directory %s is in use by process %d", dir, os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("second server: %v, want an error containing %q", err, want)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	next, err := New(Config{StatePath: path})
	if err != nil {
		t.Fatalf("a server after the first closed: %v", err)
	}
	if err := next.Close(); err != nil {
		t.Fatal(err)
	}
}
