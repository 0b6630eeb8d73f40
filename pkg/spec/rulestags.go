package spec

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkTagKeys refuses Classic service tags whose keys differ only by the
// spaces around them ("front desk" and " front desk"): the API strips tag
// keys (StrippedNonemptyString), so the server would collapse them into
// one tag and keep either value. It reads the document's nodes, not the
// decoded value, so it runs whatever the schema found elsewhere, and it
// points at the second key in file order.
func (r *run) checkTagKeys(doc *document) {
	if doc.kind != KindService || r.bundle.Target.API != DialectClassic {
		return
	}
	tags := locate(doc.root, []string{"spec", "tags"})
	if tags == nil || tags.Kind != yaml.MappingNode {
		return
	}
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(tags.Content); i += 2 {
		k := tags.Content[i]
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
			continue
		}
		stripped := strings.TrimSpace(k.Value)
		if stripped == "" {
			continue // a blank tag is refused by the schema
		}
		prev, seen := first[stripped]
		if !seen {
			first[stripped] = k
			continue
		}
		if prev.Value == k.Value {
			continue // the same key twice is a YAML problem, reported as such
		}
		r.diags.Append(r.diagAtNode(doc, k, SeverityError, CodeTagDuplicate,
			fmt.Sprintf("spec.tags: tag %q is the tag %q of line %d once the API strips the spaces around it; the server would keep only one of them",
				k.Value, prev.Value, prev.Line)))
	}
}
