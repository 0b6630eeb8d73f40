package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/amigosync/amigosync/internal/safetext"
)

// kindProject labels diagnostics about the project file.
const kindProject Kind = "Project"

// loadProject reads amigosync.yaml (or uses the default project) and
// selects the target; the target's dialect and variables apply to every
// manifest.
func (r *run) loadProject() {
	r.bundle.Project = DefaultProject()
	if _, err := fs.Stat(r.fsys, ProjectFile); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.diags.Append(Diagnostic{Severity: SeverityError, Code: CodeFileRead,
				Summary: fmt.Sprintf("cannot read the project file: %v", err), Range: Range{File: r.display(ProjectFile)}})
		}
		r.selectTarget(nil)
		return
	}
	// Until the project decodes, the target is a stand-in without the
	// project's variables.
	r.varsUnknown = "of the problems reported in " + safetext.Quote(r.display(ProjectFile))
	doc := r.readProjectFile()
	if doc == nil {
		r.projectBroken = true
		r.selectTarget(nil)
		return
	}
	var found [][]string
	stripCredentials(doc.value, nil, &found)
	for _, p := range found {
		r.diags.Append(r.diagAt(doc, p, true, SeverityError, CodeProjectCredentials,
			fmt.Sprintf("%q looks like a credential; credentials are never read from files: remove it and %s",
				p[len(p)-1], credentialEnv)))
	}
	check := &schemaCheck{set: r.v.schemas, stem: "project", value: doc.value}
	r.reportSchema(doc, check.run())
	// With problems the project is not used (the target is a stand-in),
	// but what is left of it is still checked.
	r.projectBroken = r.projectBroken || len(doc.broken) > 0
	for _, p := range doc.broken {
		prune(doc.value, p)
	}
	project, fieldProblems, err := decodeProject(doc.file, doc.value)
	if err != nil {
		r.diags.Append(r.diagAt(doc, nil, false, SeverityError, CodeSchema, err.Error()))
		r.projectBroken = true
		r.selectTarget(doc)
		return
	}
	for _, p := range fieldProblems {
		r.diags.Append(r.diagAt(doc, p.path, false, SeverityError, p.code, p.msg))
	}
	r.checkTargets(doc, project)
	if !r.projectBroken {
		r.bundle.Project = project
		r.varsUnknown = ""
	}
	r.selectTarget(doc)
}

// checkTargets checks how each target says where it is and that
// default_target names one, leaving out what a refused value touches
// (the rule would only repeat that problem).
func (r *run) checkTargets(doc *document, project *Project) {
	for name, probs := range targetProblems(project) {
		if doc.broken.touches([]string{"targets", name}) {
			continue
		}
		for _, msg := range probs {
			r.diags.Append(r.diagAt(doc, []string{"targets", name}, true, SeverityError, CodeTargetEndpoint,
				fmt.Sprintf("target %q %s", name, msg)))
		}
	}
	d := project.DefaultTarget
	if _, ok := project.Targets[d]; ok || d == "" || doc.broken.covers([]string{"targets", d}) {
		return
	}
	r.diags.Append(r.diagAt(doc, []string{"default_target"}, false, SeverityError, CodeTargetUnknown,
		fmt.Sprintf("default_target %q is not one of the targets (%s)", d, strings.Join(project.TargetNames(), ", "))))
}

// readProjectFile reads and converts the project file; nil when it is
// unusable (the problem has been reported).
func (r *run) readProjectFile() *document {
	display := r.display(ProjectFile)
	src, diag := readSource(r.fsys, ProjectFile, display)
	r.bundle.Sources.add(display, src.data)
	if diag != nil {
		r.diags.Append(*diag)
		return nil
	}
	roots, diag := parseDocuments(src)
	if diag != nil {
		r.diags.Append(*diag)
		return nil
	}
	if len(roots) != 1 {
		r.diags.Append(Diagnostic{Severity: SeverityError, Code: CodeFileEmpty, Kind: string(kindProject),
			Summary: fmt.Sprintf("the project file must hold exactly one YAML document, found %d", len(roots)),
			Range:   Range{File: display, Start: Pos{1, 1}, End: Pos{1, 1}}})
		return nil
	}
	doc := &document{file: display, root: roots[0], kind: kindProject}
	value, problems := toValue(roots[0], countNodes(roots[0]))
	paths := problemPaths(roots[0], problems)
	for _, p := range problems {
		if !p.silent {
			r.diags.Append(r.diagAtNode(doc, p.node, SeverityError, p.code, fieldMessage(value, paths[p.node], p.msg)))
		}
	}
	// A duplicate key keeps its first definition; the project is not
	// used, but the rest of it is still checked.
	r.projectBroken = len(problems) > 0
	doc.broken = nodeBroken(problems, paths)
	if doc.broken.covers(nil) {
		return nil
	}
	if _, ok := value.(map[string]any); !ok {
		r.diags.Append(r.diagAt(doc, nil, false, SeverityError, CodeWrongType,
			"the project file must be a mapping with targets, not "+jsonTypeName(value)))
		return nil
	}
	doc.value = value
	return doc
}

// selectTarget picks the target named in the options (or the default). If
// none can be chosen it reports why and falls back to a stand-in, so the
// manifests still get checked.
func (r *run) selectTarget(doc *document) {
	if r.projectBroken {
		// Whether --target or default_target names a target cannot be
		// told from a project file with errors.
		r.standIn("the project file " + safetext.Quote(r.display(ProjectFile)) + " has errors")
		return
	}
	t, err := r.bundle.Project.Select(r.opts.Target)
	if err == nil && r.varsUnknown == "" {
		r.bundle.Target = t
		return
	}
	if err == nil {
		// The project file could not be used, and the default project
		// was selected in its place: "default" is no target of that file.
		r.standIn("the project file " + safetext.Quote(r.display(ProjectFile)) + " has errors")
		return
	}
	_, known := r.bundle.Project.Targets[r.bundle.Project.DefaultTarget]
	if r.opts.Target == "" && r.bundle.Project.DefaultTarget != "" && !known {
		// Reported by loadProject.
		r.varsUnknown = "default_target is not one of the targets"
		r.standIn(fmt.Sprintf("default_target %q is not one of the targets", r.bundle.Project.DefaultTarget))
		return
	}
	r.varsUnknown = "no target could be chosen"
	if r.opts.Target != "" {
		r.varsUnknown = fmt.Sprintf("target %q is not defined", r.opts.Target)
	}
	code := CodeTargetUnknown
	if r.opts.Target == "" && r.bundle.Project.DefaultTarget == "" {
		code = CodeTargetAmbiguous
	}
	d := Diagnostic{Severity: SeverityError, Code: code, Summary: err.Error(), Kind: string(kindProject),
		Range: Range{File: r.display(ProjectFile), Start: Pos{1, 1}, End: Pos{1, 1}}}
	if doc != nil {
		d = r.diagAt(doc, nil, false, SeverityError, code, err.Error())
	} else if _, statErr := fs.Stat(r.fsys, ProjectFile); errors.Is(statErr, fs.ErrNotExist) {
		// Point at the directory, not at a project file that is not there.
		d.Range = Range{File: r.display(".")}
		d.Summary = fmt.Sprintf("target %q is not defined: there is no project file %s, and without one the only target is %q (the embedded emulator, platform dialect)",
			r.opts.Target, ProjectFile, DefaultTargetName)
	}
	r.diags.Append(d)
	r.standIn(r.varsUnknown)
}

// standIn makes the target a stand-in, an embedded emulator of the
// Platform dialect without a name (it is no target of the project), and
// records why no target could be used.
func (r *run) standIn(why string) {
	r.bundle.Target = Target{API: DialectPlatform, Embedded: true}
	r.bundle.TargetProblem = why
}
