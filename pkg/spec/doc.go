// Package spec reads amigosync manifests and checks them offline.
//
// It loads every *.yaml/*.yml file under a directory (multi-document files
// allowed) with gopkg.in/yaml.v3, keeping the nodes so that every value maps
// back to file:line:col; reads the project file amigosync.yaml and picks a
// target (and with it the API dialect, classic or platform); substitutes
// ${vars.NAME}; checks each document against the JSON Schema of its kind and
// dialect (schemas/); applies the semantic rules of context graphs, services
// and references; and returns typed values (Agent, ContextGraph, Service)
// together with Diagnostics. The Bundle keeps the text of the files its
// manifests came from, so that Bundle.Locate can point a problem found
// later (by the planner, or by a server) at the exact field.
//
// Files are parsed and checked concurrently, up to GOMAXPROCS at a time, and
// merged in file order, so the Bundle and the sorted Diagnostics do not
// depend on scheduling. Most of the time goes to yaml.v3 (about half) and
// the JSON Schema validator (about a third); see the benchmarks in
// bench_test.go.
//
// It is not a client: it never talks to an API, never reads credentials and
// never resolves names to live ids. Planning and applying live elsewhere
// (pkg/plan, pkg/apply); they consume the Bundle this package returns.
package spec
