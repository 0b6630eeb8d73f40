package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/amigosync/amigosync/pkg/credenv"
)

// Project is the project file amigosync.yaml: the targets manifests can be
// applied to.
type Project struct {
	// File is the project file as shown in diagnostics; empty when the
	// directory has none and the default project is used.
	File string
	// DefaultTarget is used when no target is chosen on the command line.
	DefaultTarget string
	Targets       map[string]Target
}

// Target is one place manifests can be applied to.
type Target struct {
	Name string
	// API is the dialect the target speaks.
	API Dialect
	// Embedded selects the built-in emulator, keeping its state under
	// .amigosync/ in the manifest directory.
	Embedded bool
	// URL is the API base URL of a real (or separately emulated) target.
	URL string
	// Org is the Classic organization; Workspace the Platform workspace.
	Org       string
	Workspace string
	// RateWindow is the length of the "minute" of the documented rate
	// limits (rate_window, at least MinRateWindow); zero means a real
	// minute. A URL target on a test server with scaled limits (amigosync
	// emulate --rate-window 1s) sets it so that the clients pace every
	// endpoint to the server's window; on an embedded target it scales the
	// embedded emulator's limits as well as the clients' pacing.
	RateWindow time.Duration
	// Vars are substituted into manifests as ${vars.NAME}.
	Vars map[string]string
	// typedVars names the vars written as numbers or booleans (not
	// strings): only they change the type of a value they make up whole.
	typedVars map[string]bool
}

// DefaultTargetName names the target of the default project.
const DefaultTargetName = "default"

// DefaultProject is the project used when there is no amigosync.yaml: one
// embedded emulator speaking the Platform dialect.
func DefaultProject() *Project {
	return &Project{
		DefaultTarget: DefaultTargetName,
		Targets: map[string]Target{
			DefaultTargetName: {Name: DefaultTargetName, API: DialectPlatform, Embedded: true},
		},
	}
}

// TargetNames returns the target names, sorted.
func (p *Project) TargetNames() []string {
	names := make([]string, 0, len(p.Targets))
	for n := range p.Targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Select returns the target called name, or the project's default target
// when name is empty: default_target if set, else the only target.
func (p *Project) Select(name string) (Target, error) {
	if name == "" {
		name = p.DefaultTarget
	}
	if name == "" {
		if len(p.Targets) == 1 {
			for _, t := range p.Targets {
				return t, nil
			}
		}
		return Target{}, fmt.Errorf("the project has %d targets (%s) and no default_target; choose one with --target",
			len(p.Targets), strings.Join(p.TargetNames(), ", "))
	}
	t, ok := p.Targets[name]
	if !ok {
		return Target{}, fmt.Errorf("target %q is not defined in the project file (targets: %s)", name, strings.Join(p.TargetNames(), ", "))
	}
	return t, nil
}

// credentialEnv explains where credentials come from instead of files.
const credentialEnv = "set " + credenv.Summary + " in the environment"

// isCredentialKey reports whether a project-file key looks like a secret.
func isCredentialKey(k string) bool {
	k = strings.ToLower(strings.ReplaceAll(k, "-", "_"))
	switch k {
	case "api_key", "apikey", "api_key_id", "user_id", "key", "key_id", "bearer", "authorization", "credentials":
		return true
	}
	for _, frag := range []string{"secret", "password", "passwd", "token", "api_key", "apikey"} {
		if strings.Contains(k, frag) {
			return true
		}
	}
	return false
}

// stripCredentials removes credential-like keys from a project value and
// returns their paths, so each can be refused with a clear message (and
// without ever echoing its value).
func stripCredentials(v any, path []string, found *[][]string) {
	switch c := v.(type) {
	case map[string]any:
		for k, sub := range c {
			p := append(append([]string{}, path...), k)
			if isCredentialKey(k) {
				*found = append(*found, p)
				delete(c, k)
				continue
			}
			stripCredentials(sub, p, found)
		}
	case []any:
		for i, sub := range c {
			stripCredentials(sub, append(append([]string{}, path...), fmt.Sprint(i)), found)
		}
	}
}

// projectFile mirrors amigosync.yaml for decoding after the schema passed.
type projectFile struct {
	DefaultTarget string `json:"default_target"`
	Targets       map[string]struct {
		API        Dialect        `json:"api"`
		Embedded   bool           `json:"embedded"`
		URL        string         `json:"url"`
		Org        string         `json:"org"`
		Workspace  string         `json:"workspace"`
		RateWindow string         `json:"rate_window"`
		Vars       map[string]any `json:"vars"`
	} `json:"targets"`
}

// MinRateWindow is the shortest rate_window accepted: the emulators answer
// a 429's wait in whole milliseconds (Retry-After-Ms), so a shorter window
// could not be kept by either side.
const MinRateWindow = time.Millisecond

// fieldProblem is a problem with one field of the project file, at path.
type fieldProblem struct {
	path      []string
	code, msg string
}

// parseRateWindow reads target name's rate_window; "" means none (zero: a
// real minute). The schema has checked the syntax (a Go duration with
// units, no sign), so ParseDuration fails only on a value too long for a
// time.Duration.
func parseRateWindow(name, s string) (time.Duration, *fieldProblem) {
	if s == "" {
		return 0, nil
	}
	path := []string{"targets", name, "rate_window"}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, &fieldProblem{path, CodeOutOfRange, fmt.Sprintf("target %q: rate_window %q is too long; a minute (1m) is the real APIs' window", name, s)}
	}
	if d < MinRateWindow {
		return 0, &fieldProblem{path, CodeOutOfRange, fmt.Sprintf("target %q: rate_window %s is shorter than %s, the shortest window the emulators and the clients can keep", name, s, MinRateWindow)}
	}
	return d, nil
}

// decodeProject builds a Project from a schema-valid value, and reports the
// values the schema cannot judge (a rate_window's length).
func decodeProject(file string, value any) (*Project, []fieldProblem, error) {
	raw, err := json.Marshal(value)
	if err != nil {
		return nil, nil, fmt.Errorf("encode project file: %w", err)
	}
	// Numbers stay json.Number, so that a variable such as PHONE: 5550100
	// is substituted as written, not as float64's 5.5501e+06.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var pf projectFile
	if err := dec.Decode(&pf); err != nil {
		return nil, nil, fmt.Errorf("decode project file: %w", err)
	}
	p := &Project{File: file, DefaultTarget: pf.DefaultTarget, Targets: map[string]Target{}}
	var problems []fieldProblem
	for name, t := range pf.Targets {
		window, problem := parseRateWindow(name, t.RateWindow)
		if problem != nil {
			problems = append(problems, *problem)
		}
		vars := make(map[string]string, len(t.Vars))
		typed := map[string]bool{}
		for k, v := range t.Vars {
			vars[k] = fmt.Sprint(v)
			if _, isString := v.(string); !isString {
				typed[k] = true
			}
		}
		p.Targets[name] = Target{Name: name, API: t.API, Embedded: t.Embedded, URL: t.URL,
			Org: t.Org, Workspace: t.Workspace, RateWindow: window, Vars: vars, typedVars: typed}
	}
	return p, problems, nil
}

// targetProblems checks how each target says where it is.
func targetProblems(p *Project) map[string][]string {
	out := map[string][]string{}
	for _, name := range p.TargetNames() {
		t := p.Targets[name]
		var probs []string
		switch {
		case t.Embedded && t.URL != "":
			probs = append(probs, "sets both embedded: true and url; choose one")
		case !t.Embedded && t.URL == "":
			probs = append(probs, "needs embedded: true or a url")
		case t.URL != "" && t.API == DialectClassic && t.Org == "":
			probs = append(probs, "is a classic target with a url and needs org (the organization)")
		case t.URL != "" && t.API == DialectPlatform && t.Workspace == "":
			probs = append(probs, "is a platform target with a url and needs workspace (the workspace id)")
		}
		if t.API == DialectClassic && t.Workspace != "" {
			probs = append(probs, "sets workspace, which only platform targets have; classic targets use org")
		}
		if t.API == DialectPlatform && t.Org != "" {
			probs = append(probs, "sets org, which only classic targets have; platform targets use workspace")
		}
		if len(probs) > 0 {
			out[name] = probs
		}
	}
	return out
}
