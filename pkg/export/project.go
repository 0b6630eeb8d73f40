package export

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/amigosync/amigosync/pkg/credenv"
	"github.com/amigosync/amigosync/pkg/spec"
)

// projectHeader opens a project file written by export.
const projectHeader = "# The amigosync project file of manifests exported by amigosync export.\n" +
	"# Credentials are never read from files: set " + credenv.Summary + " in the environment.\n"

// ProjectFile writes an amigosync.yaml whose one target, targetName, is t,
// and the default target. It holds where the target is (api, embedded or
// url with org or workspace, rate_window), never a credential. The
// target's vars are not written: exported manifests hold the values
// themselves. An embedded target keeps its state under the .amigosync/ of
// the directory of its project file, so the same target in another
// directory is another, empty emulator.
func ProjectFile(targetName string, t spec.Target) ([]byte, error) {
	if targetName == "" {
		return nil, errors.New("write the project file: the target has no name")
	}
	if t.API != spec.DialectClassic && t.API != spec.DialectPlatform {
		return nil, fmt.Errorf("write the project file: target %q has api %q, not classic or platform", targetName, t.API)
	}
	target := mapping(pair("api", plain(string(t.API))))
	if t.Embedded {
		target.Content = append(target.Content, plain("embedded"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	for _, f := range []struct{ key, value string }{{"url", t.URL}, {"org", t.Org}, {"workspace", t.Workspace}} {
		if f.value != "" {
			target.Content = append(target.Content, plain(f.key), stringNode(f.value))
		}
	}
	if t.RateWindow > 0 {
		target.Content = append(target.Content, plain("rate_window"), plain(t.RateWindow.String()))
	}
	doc := mapping(pair("default_target", stringNode(targetName)), pair("targets", mapping([2]*yaml.Node{key(targetName), target})))
	out, err := emit(doc)
	if err != nil {
		return nil, fmt.Errorf("write the project file: %w", err)
	}
	return append([]byte(projectHeader), out...), nil
}
