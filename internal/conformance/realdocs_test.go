package conformance

import "testing"

// realCheckers loads the project's copy of the two documents; a missing one
// fails the test.
func realCheckers(t *testing.T) map[string]*Checker {
	t.Helper()
	classic, platform, err := LoadDocs()
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Checker{"classic": classic, "platform": platform}
}

func TestRealDocumentsCompile(t *testing.T) {
	for name, c := range realCheckers(t) {
		n := 0
		for _, r := range c.routes {
			for method, byStatus := range r.ops {
				for status, rsp := range byStatus {
					if rsp.pointer == "" {
						continue
					}
					if _, err := c.schema(rsp.pointer); err != nil {
						t.Errorf("%s: %s %s %s: %v", name, method, r.template, status, err)
					}
					n++
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no response schemas found", name)
		}
		t.Logf("%s: %d routes, %d response schemas compiled", name, len(c.routes), n)
	}
}

func TestRealDocuments(t *testing.T) {
	docs := realCheckers(t)
	const id24 = "0123456789abcdef01234567"
	const ws = "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f"
	tests := []struct {
		doc, method, path string
		status            int
		body              string
		ok                bool
	}{
		{"classic", "POST", "/v1/demo/user/signin_with_api_key", 200, `{"id_token":"t","expires_at":"2026-11-25T20:00:00Z"}`, true},
		{"classic", "POST", "/v1/demo/user/signin_with_api_key", 200, `{"id_token":"t"}`, false},
		{"classic", "POST", "/v1/demo/user/signin_with_api_key", 429, `{"detail":"slow down"}`, true},
		{"classic", "POST", "/v1/demo/organization/agent", 201, `{"id":"` + id24 + `"}`, true},
		{"classic", "POST", "/v1/demo/organization/service_hierarchical_state_machine/" + id24 + "/", 201, ``, true},
		{"classic", "POST", "/v1/demo/organization/service_hierarchical_state_machine/" + id24, 201, ``, false},
		{"classic", "GET", "/v1/demo/tool/", 500, `{"detail":"boom"}`, false},
		{"platform", "GET", "/v1/workspaces/" + ws, 200, `{"id":"` + ws + `","slug":"demo","name":"Demo","environment":"dev","backend_org_id":"demo","region":"us","connector_type":null,"provisioned_at":null,"created_at":"2026-11-25T19:00:00Z","updated_at":"2026-11-25T19:00:00Z"}`, true},
		{"platform", "GET", "/v1/workspaces/" + ws, 200, `{"id":"not-a-uuid","slug":"demo","name":"Demo","environment":"dev","backend_org_id":"demo","region":"us","connector_type":null,"provisioned_at":null,"created_at":"2026-11-25T19:00:00Z","updated_at":"2026-11-25T19:00:00Z"}`, false},
		{"platform", "GET", "/v1/" + ws + "/agents", 422, `{"detail":[{"loc":["query","limit"],"msg":"too big","type":"less_than_equal"}]}`, true},
		{"platform", "GET", "/v1/" + ws + "/agents", 503, `{"detail":"maintenance"}`, false},
	}
	for _, tt := range tests {
		err := docs[tt.doc].Check(tt.method, tt.path, tt.status, []byte(tt.body))
		if (err == nil) != tt.ok {
			t.Errorf("%s %s %s %d: error %v, want ok=%v", tt.doc, tt.method, tt.path, tt.status, err, tt.ok)
		}
	}
}
