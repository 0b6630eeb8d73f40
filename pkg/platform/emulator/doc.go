// Package emulator is an in-process emulator of the Amigo Platform API, as
// published in api/platform-openapi.json (the copy reduced to its facts by
// internal/openapigen is embedded and is what requests are validated against). It serves every endpoint of
// platform.Endpoints as an http.Handler: `amigosync emulate` puts it on a
// loopback socket, the embedded target and the tests call it through
// emukit.Transport. It is a test and demo double, not a reimplementation of
// the service, and it does not talk to the network.
//
// What it does, following the document:
//   - Auth: `Authorization: Bearer <key>` with an accepted key, else 401.
//   - Workspaces from Config (with backend_org_id); an unknown workspace is 404.
//   - Agents and context graphs: containers with uuid ids (deterministic, from a
//     counter), names unique among live containers (409), immutable versions
//     numbered 1, 2, ... under one lock, so concurrent creates get contiguous
//     numbers; GET .../versions/{N|latest}.
//   - Context graph versions: the request schema (422 with pydantic-style
//     loc/msg/type, the state's type tag in the location as pydantic reports
//     discriminated unions), then the rules of this dialect, also 422: unique
//     state names; both initial states and the terminal state exist and are
//     action states; every action state has an action; the terminal state has
//     no exit conditions and exactly one action; every exit condition,
//     annotation next_state and data-collection on_complete names another
//     existing state. Recall, reflection and tool-call states are unknown
//     state types (union_tag_invalid).
//   - Services: agent and context graph must exist (404), names unique (409),
//     every pinned agent/context graph version must exist (422 at the pin);
//     PUT .../version-sets/{name} replaces or adds one set (204).
//   - Skills: slug unique per workspace (409); PUT bumps `version`, null and
//     absent leave a field unchanged; DELETE is 409 while any version of a live
//     context graph has a tool call spec whose tool_id is the skill's id or slug.
//   - Lists: `{items, has_more, continuation_token, total}`; limit 1..20
//     (default 10, else 422), continuation_token is an offset; `search` is a
//     case-insensitive substring of the name (and slug for skills); `sort_by`
//     is a field name, `-` for descending (name, created_at, updated_at,
//     latest_version for containers; version, created_at for versions).
//   - The shared machinery of emukit: request ids, optional per-endpoint rate
//     limits (Config.Limits), fault injection, counters; state saved
//     atomically after every change when Config.StatePath is set.
//
// Where it knowingly differs from the real service (the document is silent
// or the emulator is simpler):
//   - Permissions are coarse: a key of Config.APIKeys may do everything in
//     every workspace, a key of Config.ViewOnlyKeys may only read (403 on
//     every create, update and delete). A read is 403 only on list-skills for
//     an unknown workspace, since that operation documents no 404.
//   - The document lists 409 "Name already taken." on creating an agent or
//     context graph version and on upserting a version set, without saying when
//     it happens; the emulator never answers it there.
//   - 409 "conflicts with a built-in tool name" on skills is not emulated: the
//     built-in tool names are not published.
//   - DELETE of an agent or context graph hides the container (GET, PUT,
//     DELETE, list and new versions: 404) and frees its name; its versions are
//     retained and stay readable through GET .../versions and
//     .../versions/{N}. Services that use it keep working and show a null
//     agent_name / context_graph_name. A service is deleted outright.
//   - Version pins that do not exist are answered 422 with the location of
//     the pin; the document does not say which status the service uses.
//   - Request bodies get the defaults the document states filled in before
//     they are stored (as pydantic fills a model's defaults), so responses
//     carry them; a property the document gives no default stays absent when
//     not sent, although the service may return it (for example as null).
//   - Validation is slightly stricter than pydantic's lax mode: numbers must
//     be JSON numbers (not numeric strings) and integers must be written
//     without a fraction; a UUID must be in its hyphenated form. Unknown
//     fields are ignored, as pydantic does (except in ProgressHint, which the
//     document closes).
//   - The document publishes no rate limits. None apply unless Config.Limits
//     sets them; a 429 answered by an endpoint other than the skills ones is
//     therefore outside the document, as are injected 503s.
//   - An unknown sort_by field is a 422 (the document accepts any string);
//     the meaning of search and sort_by is the emulator's guess.
//   - Checks run in the order 401, 403, 422 (parameters, then body), 404,
//     409, then the 422 of version pins that do not exist; the service may
//     order 404 and 422 differently. The wording of
//     every "detail" message is the emulator's own.
//   - A `references` field in a context graph version (Classic dialect) is
//     ignored and dropped like any unknown field, not rejected.
//   - Workspaces report region "local", environment "production" and a null
//     connector_type; their slug is derived from the name.
//   - Paths are routed exactly as sent: a trailing slash, an empty segment
//     or a "." or ".." segment names no endpoint (404, or 405 where the path
//     exists under another method), where FastAPI would redirect a trailing
//     slash with 307.
package emulator
