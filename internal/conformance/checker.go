package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Checker checks responses against one OpenAPI document. It is safe for
// concurrent use.
type Checker struct {
	name     string // the document's file name, for messages
	docURL   string // the document's URL inside the schema compiler
	routes   []route
	compiler *jsonschema.Compiler

	mu      sync.Mutex
	schemas map[string]*jsonschema.Schema // by JSON pointer
}

// route is one path template and the operations under it.
type route struct {
	template string
	segments []string
	ops      map[string]map[string]response // method → status key → response
}

// response is one documented response; pointer locates its JSON schema in
// the document ("" when it declares no JSON content).
type response struct {
	pointer string
}

// openAPI is the part of an OpenAPI document the Checker reads.
type openAPI struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

// operation is the part of an operation object the Checker reads.
type operation struct {
	Responses map[string]struct {
		Content map[string]struct {
			Schema json.RawMessage `json:"schema"`
		} `json:"content"`
	} `json:"responses"`
}

// httpMethods returns the operation keys of a path item.
func httpMethods() []string {
	return []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
}

// Load reads the OpenAPI 3.1 JSON document at path.
func Load(path string) (*Checker, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read OpenAPI document: %w", err)
	}
	c, err := parse(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return c, nil
}

// parse builds a Checker from the document's bytes.
func parse(name string, data []byte) (*Checker, error) {
	var doc openAPI
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse OpenAPI document: %w", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		return nil, fmt.Errorf("openapi version %q is not 3.1", doc.OpenAPI)
	}
	c := &Checker{name: name, docURL: "mem:///" + url.PathEscape(name), schemas: map[string]*jsonschema.Schema{}}
	c.compiler = jsonschema.NewCompiler()
	c.compiler.Draft = jsonschema.Draft2020
	// Formats (date-time, uuid, ...) are annotations in 2020-12; assert
	// them, since clients parse those fields.
	c.compiler.AssertFormat = true
	if err := c.compiler.AddResource(c.docURL, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("add the document as a schema resource: %w", err)
	}
	for template, item := range doc.Paths {
		r := route{template: template, segments: strings.Split(template, "/"), ops: map[string]map[string]response{}}
		for _, method := range httpMethods() {
			raw, ok := item[method]
			if !ok {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("parse %s %s: %w", strings.ToUpper(method), template, err)
			}
			byStatus := map[string]response{}
			for status, resp := range op.Responses {
				var rsp response
				if ct, ok := resp.Content["application/json"]; ok && len(ct.Schema) > 0 {
					rsp.pointer = pointer("paths", template, method, "responses", status, "content", "application/json", "schema")
				}
				byStatus[status] = rsp
			}
			r.ops[strings.ToUpper(method)] = byStatus
		}
		c.routes = append(c.routes, r)
	}
	slices.SortFunc(c.routes, func(a, b route) int { return strings.Compare(a.template, b.template) })
	return c, nil
}

// pointer builds a JSON pointer, escaped for use as a URL fragment.
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		t = strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
		b.WriteString("/" + url.PathEscape(t))
	}
	return b.String()
}

// Check reports how a response to method path (query allowed, ignored)
// disagrees with the document: nil when it conforms.
func (c *Checker) Check(method, path string, status int, body []byte) error {
	path, _, _ = strings.Cut(path, "?")
	method = strings.ToUpper(method)
	r, ok := c.match(method, path)
	if !ok {
		return &Mismatch{Doc: c.name, Method: method, Path: path, Status: status, Problem: "no path template of the document matches the path"}
	}
	byStatus, ok := r.ops[method]
	if !ok {
		return &Mismatch{Doc: c.name, Method: method, Path: path, Template: r.template, Status: status, Problem: "the document has no " + method + " operation for this path"}
	}
	rsp, ok := lookupStatus(byStatus, status)
	if !ok {
		return &UndocumentedStatusError{Mismatch{Doc: c.name, Method: method, Path: path, Template: r.template, Status: status,
			Problem: fmt.Sprintf("status %d is not documented for this operation (documented: %s)", status, documented(byStatus))}}
	}
	if rsp.pointer == "" {
		return nil
	}
	if err := c.validate(rsp.pointer, body); err != nil {
		return &Mismatch{Doc: c.name, Method: method, Path: path, Template: r.template, Status: status, Problem: err.Error()}
	}
	return nil
}

// lookupStatus finds the response for status: exact, then "4XX", then "default".
func lookupStatus(byStatus map[string]response, status int) (response, bool) {
	for _, key := range []string{strconv.Itoa(status), strconv.Itoa(status/100) + "XX", "default"} {
		if rsp, ok := byStatus[key]; ok {
			return rsp, true
		}
	}
	return response{}, false
}

// documented lists the documented statuses of an operation, sorted.
func documented(byStatus map[string]response) string {
	keys := make([]string, 0, len(byStatus))
	for k := range byStatus {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// validate checks body against the schema at pointer. An empty body is
// checked as JSON null: FastAPI documents a bodiless success as a nullable
// schema.
func (c *Checker) validate(ptr string, body []byte) error {
	sch, err := c.schema(ptr)
	if err != nil {
		return err
	}
	var v any = nil
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("the body is not JSON: %w", err)
		}
		// A client decoding the whole body fails on anything after the value.
		if _, err := dec.Token(); err != io.EOF {
			return errors.New("the body is not JSON: data after the JSON value")
		}
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("the body does not match the response schema: %w", err)
	}
	return nil
}

// schema compiles (once) the schema at pointer.
func (c *Checker) schema(ptr string) (*jsonschema.Schema, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.schemas[ptr]; ok {
		return s, nil
	}
	s, err := c.compiler.Compile(c.docURL + "#" + ptr)
	if err != nil {
		return nil, fmt.Errorf("compile the response schema: %w", err)
	}
	c.schemas[ptr] = s
	return s, nil
}
