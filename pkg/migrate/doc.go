// Package migrate translates a Classic organization into Platform
// manifests: the pure heart of `amigosync migrate`. It does no I/O, reads no
// clock and talks to no API: the command reads the organization (through
// pkg/backend and the version cache) into a Source, calls Translate, writes
// Result.Manifests to the output directory with the Report
// (migration-report.md, migration-report.json) and the IDMap (idmap.json),
// and with --apply plans and applies Result.Rounds and then the manifests,
// recording the Platform ids and versions it creates in the IDMap.
//
// # What moves, and how
//
// Agents move as they are, except the voice: a Classic voice_config is a
// Cartesia voice_id, and gains tts_provider: cartesia on Platform.
// Context graph action states' string actions become {description}
// objects. Services keep their agent, graph, description, activity, tags
// (Classic's {key: value} map is Platform's list of {key, value}) and
// keyterms; their version sets pin the Platform numbers of the versions
// they pinned in Classic, `latest` stays `latest`, and `edge` (kept by the
// server on both APIs) is not copied.
//
// Versions: by default the versions some version set pins plus the latest
// move, oldest first, so that Platform numbers them 1, 2, ... in the
// Classic order (Options.AllVersions moves every version). Consecutive
// versions whose Platform content is the same become one Platform version.
//
// # What cannot move
//
// Recall, reflection and tool-call states (Platform has none), jumps into
// other graphs (Platform graphs have no references) and tool call specs
// (Classic tool ids name Classic tools; Platform graphs call workspace
// skills) block their graph. A blocked resource, and a service whose agent
// or graph is blocked, is reported with the fix and never applied. Fields
// without a Platform counterpart (skip_active_memory_retrieval, a decision
// state's audio fillers, a tool call's version constraint and result
// persistence) are left out and reported, without blocking.
//
// # Inlining references
//
// With Options.InlineReferences, a graph that jumps into another graph
// ([ref.state, jumpback]) gets a copy of the referenced graph version's
// states, named REF__JUMPBACK__STATE: every state the jumps returning to
// one jump-back state can reach, so there is one copy per distinct
// jump-back state. The jumps lead to the copied entry states; the copy of
// the referenced graph's terminal state becomes an action state that exits
// to the jump-back state ("This state's action is done."); the referenced
// graph's global guidelines that the graph lacks are added to the copied
// action states (Platform graphs have one set of globals). A
// referenced graph that itself jumps elsewhere is inlined the same way,
// first. The report says which states were copied from where.
//
// # The mapping file
//
// A mapping file (`--map FILE`, read with ParseMap) resolves what cannot
// move on its own. It is YAML:
//
//	format_version: 1
//	context_graphs:
//	  billing:                      # a Classic context graph, by name
//	    states:
//	      recall_history:           # replace the state by an annotation
//	        annotate: Look at the caller's recent statements before answering.
//	      explain:                  # the same, naming where it leads
//	        annotate: {inner_thought: Explain the balance simply., next_state: decide_next}
//	      lookup_balance:           # remove the state: what led to it leads
//	        route_to: explain       # to explain instead
//	    references:
//	      legacy:                   # every jump into reference legacy goes
//	        route_to: done          # to state done instead
//	tools:
//	  5f1e2d3c4b5a69788796a5b4: balance-lookup    # Classic tool id: Platform skill id or slug
//	  65a1b2c3d4e5f60718293a4b: {drop: true}       # drop the calls of this tool
//
// A state rule has exactly one of annotate (a string, or inner_thought and
// an optional next_state, needed when the state has several ways out) and
// route_to; rules apply to every migrated version that has the state, and
// route_to may lead to a state that is itself routed. A reference rule
// takes precedence over inlining. Every problem is reported at once as
// MapErrors, each at file:line:col naming the field; a rule that matches no
// migrated version (a typo, most likely) is an error too.
package migrate
