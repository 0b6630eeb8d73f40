package emulate

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	classicapi "github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
	platformapi "github.com/amigosync/amigosync/pkg/platform"
)

// TestEmbeddedURLsAreAcceptedByTheClients: the clients refuse plain http
// to anything but loopback, so the embedded target's base URLs must pass
// that check while still resolving nowhere.
func TestEmbeddedURLsAreAcceptedByTheClients(t *testing.T) {
	for _, u := range []string{EmbeddedClassicURL, EmbeddedPlatformURL} {
		if _, err := apiclient.New(apiclient.Options{BaseURL: u}); err != nil {
			t.Errorf("apiclient.New(%s): %v", u, err)
		}
	}
}

// TestEmbeddedWithTheClients drives the embedded target with the real
// Classic and Platform clients over its transports and scaled window.
func TestEmbeddedWithTheClients(t *testing.T) {
	ctx := context.Background()
	target, err := Embedded(t.TempDir(), Config{Kit: emukit.Options{Window: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	cfg := target.Config()
	cc, err := classicapi.New(classicapi.Options{
		BaseURL: target.ClassicURL, Org: cfg.Org,
		APIKey: cfg.Credentials.APIKey.Value, APIKeyID: cfg.Credentials.APIKeyID.Value, UserID: cfg.Credentials.UserID.Value,
		HTTPClient: &http.Client{Transport: target.ClassicTransport}, RateWindow: target.RateWindow(),
	})
	if err != nil {
		t.Fatalf("classic client: %v", err)
	}
	if _, err := cc.CreateAgent(ctx, "intake"); err != nil {
		t.Fatalf("classic create agent: %v", err)
	}
	var classicNames []string
	for a, err := range cc.ListAgents(ctx, classicapi.ContainerFilter{}) {
		if err != nil {
			t.Fatalf("classic list agents: %v", err)
		}
		classicNames = append(classicNames, a.Name)
	}
	pc, err := platformapi.New(platformapi.Options{
		BaseURL: target.PlatformURL, APIKey: cfg.Credentials.PlatformAPIKey.Value, Workspace: cfg.Workspace,
		HTTPClient: &http.Client{Transport: target.PlatformTransport}, RateWindow: target.RateWindow(),
	})
	if err != nil {
		t.Fatalf("platform client: %v", err)
	}
	if _, err := pc.CreateAgent(ctx, platformapi.CreateAgentRequest{Name: "intake"}); err != nil {
		t.Fatalf("platform create agent: %v", err)
	}
	var platformNames []string
	for a, err := range pc.ListAgents(ctx, platformapi.ListOptions{}) {
		if err != nil {
			t.Fatalf("platform list agents: %v", err)
		}
		platformNames = append(platformNames, a.Name)
	}
	if len(classicNames) != 1 || classicNames[0] != "intake" || len(platformNames) != 1 || platformNames[0] != "intake" {
		t.Errorf("listed classic %q, platform %q; want [intake] on both", classicNames, platformNames)
	}
}
