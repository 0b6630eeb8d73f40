package classic

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestOptionsPrintWithoutSecrets(t *testing.T) {
	o := Options{Org: "acme", APIKey: "fake-key-123", APIKeyID: "fake-key-id-456", UserID: "fake-user"}
	auth := apiKeyAuth{key: o.APIKey, keyID: o.APIKeyID, userID: o.UserID}
	tokens := &tokenSource{token: "fake-token-abc"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("options", "opts", o, "auth", auth)
	outputs := []string{
		fmt.Sprint(o), fmt.Sprintf("%+v", o), fmt.Sprintf("%#v", o), fmt.Sprintf("%v", &o),
		fmt.Sprint(auth), fmt.Sprintf("%+v", auth), fmt.Sprintf("%#v", auth), logs.String(),
		fmt.Sprintf("%+v", tokens), fmt.Sprintf("%#v", tokens),
	}
	for _, out := range outputs {
		for _, secret := range []string{o.APIKey, o.APIKeyID, tokens.token} {
			if strings.Contains(out, secret) {
				t.Errorf("output leaks %q: %s", secret, out)
			}
		}
	}
	if !strings.Contains(outputs[0], `Org:"acme"`) {
		t.Errorf("String lost the non-secret fields: %s", outputs[0])
	}
}
