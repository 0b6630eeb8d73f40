package classic_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/amigosync/amigosync/internal/conformance"
	"github.com/amigosync/amigosync/pkg/classic"
)

// docOperation is what the endpoint table takes from one operation of
// classic-openapi.json.
type docOperation struct {
	OperationID string `json:"operationId"`
	Parameters  []struct {
		Name   string          `json:"name"`
		In     string          `json:"in"`
		Schema json.RawMessage `json:"schema"`
	} `json:"parameters"`
	Responses map[string]struct {
		RateLimit int `json:"x-rate-limit-per-minute"`
	} `json:"responses"`
	Security *[]map[string][]string `json:"security"`
}

// TestEndpointTableMatchesDocument checks the endpoint table, which drives
// both the client's pacing and paging and the emulator's routes and
// limits, against classic-openapi.json: the same operations, and for each
// its operationId, the rate limit stated in its 429 answer, the maximum
// and default of its `limit` parameter, and whether it needs a token.
func TestEndpointTableMatchesDocument(t *testing.T) {
	path, _, err := conformance.FindDocs()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	inDoc := 0
	for _, ops := range doc.Paths {
		for method := range ops {
			if method != "parameters" {
				inDoc++
			}
		}
	}
	eps := classic.Endpoints()
	if len(eps) != inDoc {
		t.Errorf("the table has %d endpoints, the document %d operations", len(eps), inDoc)
	}
	for _, ep := range eps {
		t.Run(ep.Name, func(t *testing.T) {
			raw, ok := doc.Paths[ep.Path][strings.ToLower(ep.Method)]
			if !ok {
				t.Fatalf("%s %s is not in the document", ep.Method, ep.Path)
			}
			var op docOperation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			if op.OperationID != ep.OperationID {
				t.Errorf("operationId %q, table %q", op.OperationID, ep.OperationID)
			}
			if limit := op.Responses["429"].RateLimit; limit != ep.Limit {
				t.Errorf("rate limit %d, table %d", limit, ep.Limit)
			}
			maxPage, defPage := 0, 0
			for _, p := range op.Parameters {
				if p.In != "query" || p.Name != "limit" {
					continue
				}
				var schema struct{ Maximum, Default int }
				if err := json.Unmarshal(p.Schema, &schema); err != nil {
					t.Fatalf("limit schema: %v", err)
				}
				maxPage, defPage = schema.Maximum, schema.Default
			}
			if maxPage != ep.MaxPageSize || defPage != ep.DefaultPageSize {
				t.Errorf("limit maximum %d default %d, table %d and %d", maxPage, defPage, ep.MaxPageSize, ep.DefaultPageSize)
			}
			// An operation without its own security list inherits the document's (bearer token);
			// sign-in has its own (the API key headers), get-organization an empty one.
			authenticated := op.Security == nil
			if op.Security != nil {
				for _, req := range *op.Security {
					_, bearer := req["Bearer-Authorization"]
					authenticated = authenticated || bearer
				}
			}
			if authenticated != ep.Authenticated {
				t.Errorf("needs a token: document %v, table %v", authenticated, ep.Authenticated)
			}
		})
	}
}
