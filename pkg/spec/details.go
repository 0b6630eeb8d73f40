package spec

import "github.com/amigosync/amigosync/pkg/credenv"

// ruleDetail explains the rule behind a code, for the Detail of
// diagnostics that carry none of their own (shown in JSON output).
func ruleDetail(code string) string {
	switch code {
	case CodeFileTooLarge:
		return "Manifest files are limited to 8 MiB so that a stray file cannot exhaust memory; split large graphs or remove the file."
	case CodeFileBinary:
		return "Every *.yaml and *.yml file under the directory is read as a manifest; move binary files elsewhere or rename them."
	case CodeDialectMismatch:
		return "Manifests are checked against the dialect of the chosen target (amigosync.yaml, --target). Classic has recall, reflection and tool-call states, string actions and references; Platform has data_collection states, action objects, guardrails and channel overrides."
	case CodeSpecialStateMissing, CodeSpecialStateType:
		return "Both APIs require new_user_initial_state, returning_user_initial_state and terminal_state to name action states of the graph."
	case CodeActionsEmpty, CodeTerminalActions, CodeTerminalExits:
		return "Every action state needs at least one action; the terminal state has exactly one action and no exit conditions."
	case CodeNextStateUnknown, CodeNextStateSelf, CodeReferenceUndeclared, CodeJumpbackUnknown:
		return "A next_state names another state of the same graph or, in the classic dialect, a pair [\"ref.state\", \"jumpback_state\"] whose ref is a key of references and whose jump-back state exists."
	case CodeRecallSource:
		return "A classic recall state retrieves memory either for its own queries or for requested_information; the API refuses a state that sets both or neither."
	case CodeStateUnreachable, CodeTerminalUnreachable:
		return "A warning: the API accepts the graph, but no conversation can use the state or finish from it. --strict makes it an error."
	case CodeReferenceUnknown, CodeReferenceCycle:
		return "references name a ContextGraph manifest (graph:) or a live graph (id:) and a version; graphs are created in reference order, so references must not form a loop."
	case CodeDuplicateName:
		return "metadata.name is the identity of the live resource, so it must be unique per kind."
	case CodeServiceAgent, CodeServiceGraph:
		return "A service names its agent and context graph by manifest name; they are resolved to live ids when planning."
	case CodeVersionSetEdge:
		return "The server creates and maintains the edge version set (latest agent and context graph); declare release, staging or your own sets instead."
	case CodeTagDuplicate:
		return "The classic API strips the spaces around tag keys, so keys that differ only by those spaces are one tag on the server, which keeps one of the values; write each tag once."
	case CodePinInvalid:
		return "Version-set pins are a version number (1 or more), latest (null on the wire: the newest version) or current (the version matching this manifest). A context graph reference pins a version number or, when it names a graph by manifest name, current (the version this plan makes that graph's current one)."
	case CodeProjectCredentials:
		return "Credentials come only from " + credenv.Summary + ", never from files in git."
	case CodeVarUnknown:
		return "${vars.NAME} is replaced by the vars of the chosen target in amigosync.yaml; write $${vars.NAME} for the literal text."
	}
	return ""
}
