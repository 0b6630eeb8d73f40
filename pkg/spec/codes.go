package spec

// Diagnostic codes. They are stable: golden files, documentation and users'
// scripts refer to them, so never rename one; add new ones instead.
const (
	// Files and YAML.
	CodeFileRead      = "file-read"      // the file could not be read
	CodeFileTooLarge  = "file-too-large" // larger than MaxFileSize
	CodeFileBinary    = "file-binary"    // NUL bytes or invalid UTF-8
	CodeFileEmpty     = "file-empty"     // no YAML document in the file
	CodeYAMLSyntax    = "yaml-syntax"    // the YAML parser refused the file
	CodeYAMLDuplicate = "yaml-duplicate-key"
	CodeYAMLAlias     = "yaml-alias" // aliases expand too much or too deep
	CodeYAMLValue     = "yaml-value" // a value JSON cannot represent (NaN, custom tag)
	CodeNoManifests   = "no-manifests"

	// Documents and schemas.
	CodeKindMissing  = "kind-missing"
	CodeKindUnknown  = "kind-unknown"
	CodeUnknownField = "unknown-field"
	CodeMissingField = "missing-field"
	CodeWrongType    = "wrong-type"
	CodeBadValue     = "bad-value"    // enum, const, pattern or format
	CodeOutOfRange   = "out-of-range" // lengths, counts and numeric limits
	CodeBadName      = "bad-name"     // a name does not match its pattern
	CodeAPIVersion   = "api-version"
	CodePinInvalid   = "pin-invalid"
	CodeSchema       = "schema" // any other schema violation

	// Project file, targets and variables.
	CodeProjectCredentials = "project-credentials"
	CodeProjectFileName    = "project-file-name" // amigosync.yml instead of amigosync.yaml
	CodeTargetUnknown      = "target-unknown"
	CodeTargetAmbiguous    = "target-ambiguous"
	CodeTargetEndpoint     = "target-endpoint"
	CodeVarUnknown         = "var-unknown"

	// Context graphs.
	CodeDialectMismatch     = "dialect-mismatch"
	CodeStateDuplicate      = "state-duplicate"
	CodeSpecialStateMissing = "special-state-missing"
	CodeSpecialStateType    = "special-state-not-action"
	CodeActionsEmpty        = "action-state-no-actions"
	CodeTerminalExits       = "terminal-exit-conditions"
	CodeTerminalActions     = "terminal-actions"
	CodeNextStateUnknown    = "next-state-unknown"
	CodeNextStateSelf       = "next-state-self"
	CodeReferenceUndeclared = "next-state-reference-undeclared"
	CodeJumpbackUnknown     = "jumpback-state-unknown"
	CodeRecallSource        = "recall-source"        // a recall state needs exactly one of queries and requested_information
	CodeStateUnreachable    = "state-unreachable"    // warning
	CodeTerminalUnreachable = "terminal-unreachable" // warning

	// Cross-manifest rules.
	CodeDuplicateName    = "duplicate-name"
	CodeReferenceUnknown = "reference-unknown-graph"
	CodeReferenceCycle   = "reference-cycle"
	CodeServiceAgent     = "service-agent-unknown"
	CodeServiceGraph     = "service-graph-unknown"
	CodeVersionSetEdge   = "version-set-edge"
	CodeTagDuplicate     = "tag-duplicate" // classic tag keys equal once the API strips spaces
)
