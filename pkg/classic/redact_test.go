package classic_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/classic"
	"github.com/amigosync/amigosync/pkg/emukit"
)

// TestSecretsNeverLogged runs sign-in, refresh after a 401, successes,
// API errors, retries and a failed sign-in with debug tracing on, then
// greps all captured output for the API key, its id and every token the
// emulator issued: the debug log, every error (%v and %+v), the counters'
// rendering, and the client and its options printed with %v, %+v, %#v and
// logged with slog, once the client holds a token.
func TestSecretsNeverLogged(t *testing.T) {
	e := newEnv(t, envConfig{client: func(o *classic.Options) {
		now := o.Now
		o.Now = func() time.Time { return now().Add(-15 * time.Minute) } // forces a 401 later
	}})
	errs := secretScenario(t, e)
	printed := printAll(e.logs, e.client, e.opts, &e.opts)

	secrets := []string{testKey, testKeyID, "fake-wrong-key-000"}
	tokens := 0
	for _, h := range e.bearers.all() {
		tok := strings.TrimPrefix(h, "Bearer ")
		if tok != h && tok != "" && !contains(secrets, tok) {
			secrets = append(secrets, tok)
			tokens++
		}
	}
	if tokens < 2 {
		t.Fatalf("saw %d distinct tokens, want at least 2 (before and after the 401)", tokens)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "REDACTED") || !strings.Contains(logs, "signin_with_api_key") {
		t.Fatalf("debug traces missing; captured:\n%.2000s", logs)
	}
	texts := []string{logs, e.client.Stats().String(), e.server.Kit().Stats().String()}
	texts = append(texts, printed...)
	for _, err := range errs {
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	}
	for _, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("secret %.6s… found in output:\n%.500s", s, text)
			}
		}
	}
	t.Logf("grepped %d bytes of logs, %d errors and %d printed values for %d secrets (%d tokens)", len(logs), len(errs), len(printed), len(secrets), tokens)
}

// printAll renders each value with %v, %+v and %#v, and logs it with slog
// to w (which the caller greps with the rest of the logs).
func printAll(w io.Writer, values ...any) []string {
	var out []string
	log := slog.New(slog.NewTextHandler(w, nil))
	for _, v := range values {
		out = append(out, fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v))
		log.Info("value", "v", v)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// secretScenario signs in, creates, conflicts, meets a 401 and a new
// sign-in, retries through faults and fails a sign-in, returning the errors.
func secretScenario(t *testing.T, e *env) []error {
	t.Helper()
	ctx := context.Background()
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	id, err := e.client.CreateAgent(ctx, "intake")
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.client.CreateAgentVersion(ctx, id, 1, agentBody(1))
	keep(err)
	_, err = e.client.CreateAgentVersion(ctx, id, 7, agentBody(7)) // a conflict
	keep(err)
	_, err = e.client.CreateAgent(ctx, "intake") // a duplicate
	keep(err)
	e.clock.Advance(61 * time.Minute) // the emulator expires the token: 401, then a new sign-in
	_, err = e.client.GetOrganization(ctx)
	keep(err)
	e.server.Kit().SetFaults(emukit.Faults{Rate503: 0.3, Rate429: 0.2, DropBefore: 0.1, Seed: 11})
	_, err = apiclient.Collect(e.client.ListAgents(ctx, classic.ContainerFilter{}))
	keep(err)
	e.server.Kit().SetFaults(emukit.Faults{})
	wrong := e.newClient(func(o *classic.Options) { o.APIKey = "fake-wrong-key-000" })
	_, err = wrong.GetOrganization(ctx)
	keep(err)
	_, err = wrong.CreateAgent(ctx, "x")
	keep(err)
	if len(errs) < 3 {
		t.Fatalf("only %d errors captured; the scenario did not run as planned: %v", len(errs), errs)
	}
	return errs

	// The user id is not a secret: the API itself returns it as the creator
	// of every version. The key, its id and the tokens are.
}
