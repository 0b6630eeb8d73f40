package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/internal/safetext"
)

// Validator checks manifest directories. Make one with NewValidator and
// reuse it: the schemas are compiled once. It is safe for concurrent use.
type Validator struct {
	schemas *schemaSet
	decoder valueDecoder
}

// NewValidator compiles the embedded schemas.
func NewValidator() (*Validator, error) {
	set, err := compileSchemas()
	if err != nil {
		return nil, fmt.Errorf("load manifest schemas: %w", err)
	}
	return &Validator{schemas: set}, nil
}

// Options tune one validation.
type Options struct {
	// Root is prepended to file names in diagnostics (usually the
	// directory given on the command line).
	Root string
	// Target names the project target to validate for; empty means the
	// project's default target.
	Target string
	// Strict turns warnings into errors.
	Strict bool
}

// Bundle is everything read from a manifest directory: the project, the
// chosen target and the manifests, in file order (one with problems decoded
// without the values its checks refused).
type Bundle struct {
	Project *Project
	Target  Target
	// TargetProblem says why no target of the project could be used (the
	// project file has errors, or --target or default_target names no
	// target); Target is then a stand-in without a name, an embedded
	// emulator of the Platform dialect, so that the manifests still get
	// checked. It is empty when Target is a target of the project.
	TargetProblem string
	Agents        []Agent
	ContextGraphs []ContextGraph
	Services      []Service
	// Manifests counts the documents read (valid or not).
	Manifests int
	// Sources are the bytes of every file read (manifests and the project
	// file), for renderers that show the lines diagnostics point at and
	// for Locate.
	Sources Sources
	// positions caches the files Locate has parsed again.
	positions *positions
}

// Dialect is the dialect of the chosen target.
func (b *Bundle) Dialect() Dialect { return b.Target.API }

// TargetSummary says what the manifests were checked for, as the summary
// line of validate shows it: `target "local", classic dialect`, or for a
// stand-in `no usable target: why; checked for the platform dialect`.
func (b *Bundle) TargetSummary() string {
	if b.TargetProblem != "" {
		return fmt.Sprintf("no usable target: %s; checked for the %s dialect", safetext.Escape(b.TargetProblem), b.Dialect())
	}
	return fmt.Sprintf("target %s, %s dialect", strconv.Quote(b.Target.Name), b.Dialect())
}

// targetClause says which dialect a manifest is checked for, for messages
// about fields of the other one: `target "local" uses classic`.
func (b *Bundle) targetClause() string {
	if b.TargetProblem != "" {
		return "without a usable target the manifests are checked for " + string(b.Dialect())
	}
	return fmt.Sprintf("target %q uses %s", b.Target.Name, b.Dialect())
}

// run is the state of one validation.
type run struct {
	v      *Validator
	opts   Options
	fsys   fs.FS
	diags  Diagnostics
	bundle *Bundle
	docs   []*document
	// varsUnknown says why, when the target is a stand-in (the project
	// file or the chosen target is unusable), ${vars.NAME} cannot be known.
	varsUnknown string
	// projectBroken says the project file has problems: it is checked,
	// but not used (the target is a stand-in).
	projectBroken bool
	// kindDocs holds the documents of the typed manifests of each kind,
	// index for index with the bundle's list of that kind.
	kindDocs map[Kind][]*document
}

// Validate reads every manifest under fsys, checks it, and returns what it
// could read together with every problem found, sorted. The bundle is
// usable for planning only when the diagnostics have no errors.
func (v *Validator) Validate(fsys fs.FS, opts Options) (*Bundle, Diagnostics) {
	r := newRun(v, opts, fsys, &Bundle{positions: &positions{}})
	r.loadProject()
	return r.checkDir()
}

// newRun starts a validation into bundle.
func newRun(v *Validator, opts Options, fsys fs.FS, bundle *Bundle) *run {
	return &run{v: v, opts: opts, fsys: fsys, bundle: bundle, kindDocs: map[Kind][]*document{}}
}

// display turns a path inside fsys into the path shown to the user.
func (r *run) display(p string) string {
	if r.opts.Root == "" {
		return p
	}
	return path.Join(r.opts.Root, p)
}

// loadDocument substitutes variables, checks the schema and decodes one
// document.
func (r *run) loadDocument(file string, root *yaml.Node) {
	doc := &document{file: file, root: root}
	r.docs = append(r.docs, doc)
	problems := substituteVars(root, r.bundle.Target.Vars, r.bundle.Target.typedVars)
	if r.varsUnknown != "" {
		for i, p := range problems {
			if p.code == CodeVarUnknown {
				// Not "the target defines no variables": its project
				// file entry could not be used.
				name, _, _ := strings.Cut(p.msg, ";")
				problems[i].msg = name + "; the target's variables are not known, because " + r.varsUnknown
			}
		}
	}
	value, convProblems := toValue(root, countNodes(root))
	problems = append(problems, convProblems...)
	doc.value = value
	m, isMap := value.(map[string]any)
	if isMap {
		kind, _ := m["kind"].(string)
		doc.kind = Kind(kind)
		if md, ok := m["metadata"].(map[string]any); ok {
			doc.name, _ = md["name"].(string)
		}
	}
	paths := problemPaths(root, problems)
	for _, p := range problems {
		if p.silent {
			continue
		}
		r.diags.Append(r.diagAtNode(doc, p.node, SeverityError, p.code, fieldMessage(value, paths[p.node], p.msg)))
	}
	if !isMap {
		r.diags.Append(r.diagAt(doc, nil, false, SeverityError, CodeWrongType,
			"a manifest must be a mapping with apiVersion, kind, metadata and spec, not "+jsonTypeName(value)))
		return
	}
	doc.broken = nodeBroken(problems, paths)
	if doc.broken.covers([]string{"kind"}) || !r.checkKind(doc, m) {
		return
	}
	r.checkSchema(doc)
}

// checkKind reports a missing or unknown kind.
func (r *run) checkKind(doc *document, m map[string]any) bool {
	if _, ok := KindOf(doc.kind); ok {
		return true
	}
	raw, present := m["kind"]
	if doc.kind == "" && !present {
		r.diags.Append(r.diagAt(doc, nil, false, SeverityError, CodeKindMissing,
			"missing kind; a manifest has kind "+kindNames()))
		return false
	}
	r.diags.Append(r.diagAt(doc, []string{"kind"}, false, SeverityError, CodeKindUnknown,
		fmt.Sprintf("unknown kind %s; amigosync manifests are %s", describe(raw), kindNames())))
	return false
}

func describe(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > 40 {
		return jsonTypeName(v)
	}
	return string(b)
}

// checkSchema validates a document against its kind's schema for the
// target's dialect, decodes what the schema and the converter did not
// refuse (see partial.go) and runs the rules inside a context graph.
func (r *run) checkSchema(doc *document) {
	dialect := r.bundle.Target.API
	check := &schemaCheck{set: r.v.schemas, stem: schemaName(doc.kind, dialect), kind: doc.kind,
		dialect: dialect, target: r.bundle.targetClause(), value: doc.value}
	r.reportSchema(doc, check.run())
	r.checkTagKeys(doc)
	if !r.decodePartial(doc) {
		doc.value = nil
		return
	}
	doc.valid = true
	if doc.kind == KindContextGraph {
		g := &r.bundle.ContextGraphs[len(r.bundle.ContextGraphs)-1]
		if graphRulesApply(doc) {
			(&graphCheck{run: r, doc: doc, g: &g.Spec}).check()
		}
		// Later rules only look at metadata and references: let the
		// states' nodes go, which keeps memory (and GC work) flat for
		// large projects.
		if _, states := mappingEntry(locate(doc.root, []string{"spec"}), "states"); states != nil && states.Kind == yaml.SequenceNode {
			states.Content = nil
		}
	}
	doc.value = nil
}

// decode turns a document (without its broken values) into its typed manifest, appended
// to the bundle's list of its kind.
func (r *run) decode(doc *document) error {
	info, ok := KindOf(doc.kind)
	if !ok {
		return errors.New("unknown kind")
	}
	m, _ := doc.value.(map[string]any)
	src := Source{File: doc.file, Pos: Pos{doc.root.Line, doc.root.Column}}
	if err := info.manifests.decode(&r.v.decoder, r.bundle, doc.name, src, m["spec"]); err != nil {
		return fmt.Errorf("decode %s: %w", doc.kind, err)
	}
	r.kindDocs[doc.kind] = append(r.kindDocs[doc.kind], doc)
	return nil
}

// decodeDiag reports a value the schema accepted but the typed model
// cannot hold (an integer beyond int64, written 1e29 or
// 9223372036854775808) at that value, like a schema problem.
func (r *run) decodeDiag(doc *document, err error) Diagnostic {
	var pe *pathError
	if !errors.As(err, &pe) {
		return r.diagAt(doc, nil, false, SeverityError, CodeSchema, err.Error())
	}
	p := append([]string{"spec"}, pe.path...)
	return r.diagAt(doc, p, false, SeverityError, CodeOutOfRange, humanPath(doc.value, p)+": "+pe.err.Error())
}

// schemaDiag turns a schema problem into a diagnostic.
func (r *run) schemaDiag(doc *document, p schemaProblem) Diagnostic {
	msg := p.msg
	label := p.path
	if p.label != nil {
		label = p.label
	}
	if hp := humanPath(doc.value, label); hp != "" {
		msg = hp + ": " + msg
	}
	d := r.diagAt(doc, p.path, p.atKey, SeverityError, p.code, msg)
	d.Detail = p.detail
	return d
}

// diagAt makes a diagnostic about the value (or key) at path in doc.
func (r *run) diagAt(doc *document, p []string, atKey bool, sev Severity, code, msg string) Diagnostic {
	n := locateWith(doc.root, p, doc.keys.entry)
	if atKey && len(p) > 0 {
		if parent := locateWith(doc.root, p[:len(p)-1], doc.keys.entry); parent != nil {
			if k, _ := doc.keys.entry(parent, p[len(p)-1]); k != nil {
				n = k
			}
		}
	}
	return r.diagAtNode(doc, n, sev, code, msg)
}

func (r *run) diagAtNode(doc *document, n *yaml.Node, sev Severity, code, msg string) Diagnostic {
	d := Diagnostic{Severity: sev, Code: code, Summary: msg, Range: nodeRange(doc.file, n)}
	if _, ok := KindOf(doc.kind); ok || doc.kind == kindProject {
		d.Kind, d.Name = string(doc.kind), doc.name
	}
	return d
}
