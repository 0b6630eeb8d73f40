package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReduce(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			"prose goes, facts stay",
			`{"openapi":"3.1.0","info":{"title":"T","description":"D","version":"1"},"tags":[{"name":"x"}],
			  "servers":[{"url":"https://a","description":"Production"}],
			  "paths":{"/a":{"summary":"S","get":{"summary":"S","description":"D","tags":["x"],"operationId":"get-a",
			    "parameters":[{"name":"limit","in":"query","description":"D","schema":{"type":"integer","maximum":20,"title":"Limit"}}],
			    "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"},"example":{}}}},"404":{"description":"gone"}}}}},
			  "components":{"schemas":{"A":{"title":"A","description":"D","type":"object","examples":[{}],"required":["description"],
			    "properties":{"description":{"type":"string","title":"Description","maxLength":3},"title":{"type":"string"}}}},
			  "securitySchemes":{"B":{"type":"http","scheme":"bearer","description":"D"}}}}`,
			`{"openapi":"3.1.0","info":{"version":"1"},"servers":[{"url":"https://a"}],
			  "paths":{"/a":{"get":{"operationId":"get-a",
			    "parameters":[{"name":"limit","in":"query","schema":{"type":"integer","maximum":20}}],
			    "responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/A"}}}},"404":{}}}}},
			  "components":{"schemas":{"A":{"type":"object","required":["description"],
			    "properties":{"description":{"type":"string","maxLength":3},"title":{"type":"string"}}}},
			  "securitySchemes":{"B":{"type":"http","scheme":"bearer"}}}}`,
		},
		{
			"data is copied as written",
			`{"components":{"schemas":{"A":{"default":{"description":"kept","title":1.50},"enum":[{"summary":"kept"}],"x-note":{"description":"kept"},
			  "anyOf":[{"type":"string","title":"gone"},true],"items":false}}}}`,
			`{"components":{"schemas":{"A":{"default":{"description":"kept","title":1.50},"enum":[{"summary":"kept"}],"x-note":{"description":"kept"},
			  "anyOf":[{"type":"string"},true],"items":false}}}}`,
		},
		{
			"a rate limit in prose is kept as a number",
			`{"paths":{"/a":{"post":{"responses":{"429":{"description":"The user has exceeded the rate limit of 10 requests per minute for this endpoint."}}}}}}`,
			`{"paths":{"/a":{"post":{"responses":{"429":{"x-rate-limit-per-minute":10}}}}}}`,
		},
		{
			"a 429 without a stated limit",
			`{"paths":{"/a":{"post":{"responses":{"429":{"description":"Rate limited."}}}}}}`,
			`{"paths":{"/a":{"post":{"responses":{"429":{}}}}}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Reduce("doc.json", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, tt.want), decode(t, string(got))); diff != "" {
				t.Errorf("reduced document (-want +got):\n%s", diff)
			}
			again, err := Reduce("doc.json", got)
			if err != nil || string(again) != string(got) {
				t.Errorf("reducing the reduced document changed it (err %v):\n%s", err, again)
			}
		})
	}
}

func TestReduceErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not JSON", `{`, "parse doc.json: unexpected EOF"},
		{"unknown key", `{"paths":{"/a":{"get":{"callbacks":{}}}}}`, `reduce doc.json: /paths/~1a/get: unknown key "callbacks"; teach the generator whether it is a fact`},
		{"unknown schema keyword", `{"components":{"schemas":{"A":{"nullable":true}}}}`, `/components/schemas/A: unknown key "nullable"`},
		{"wrong shape", `{"paths":{"/a":[]}}`, "/paths/~1a: expected an object, found a list"},
		{"a list that is not", `{"servers":{}}`, "/servers: expected a list, found an object"},
		{"unreadable rate limit", `{"paths":{"/a":{"get":{"responses":{"429":{"description":"At most ten requests per minute."}}}}}}`,
			`/paths/~1a/get/responses/429: the description "At most ten requests per minute." states a rate limit the generator cannot read`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Reduce("doc.json", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// decode parses JSON keeping numbers as written.
func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}
