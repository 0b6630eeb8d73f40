package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Document is the JSON form of a plan, for `plan --output json` and for
// saved plans (`plan --out`): the Plan's fields and a summary. Its schema
// is documented in the README ("Plan JSON"); fields are only ever added
// within a major format version.
type Document struct {
	*Plan
	// Summary counts the steps by action.
	Summary Counts `json:"summary"`
	// Changes is true when the plan has steps.
	Changes bool `json:"changes"`
}

// WriteJSON writes p as an indented Document.
func WriteJSON(w io.Writer, p *Plan) error {
	c := p.Counts()
	if p.Steps == nil {
		cp := *p
		cp.Steps = []Step{}
		p = &cp
	}
	doc := Document{Plan: p, Changes: !p.Empty(),
		Summary: c}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// ReadJSON reads a saved plan, refusing a format it does not know.
func ReadJSON(r io.Reader) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(r)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("read saved plan: %w", err)
	}
	major, _, _ := strings.Cut(p.FormatVersion, ".")
	if want, _, _ := strings.Cut(FormatVersion, "."); major != want {
		return nil, fmt.Errorf("read saved plan: format version %q is not one this amigosync reads (%s.x); make the plan again with this version", p.FormatVersion, want)
	}
	for i, s := range p.Steps {
		if s.ID == "" || s.Action == 0 {
			return nil, fmt.Errorf("read saved plan: step %d has no id or action", i+1)
		}
	}
	return &p, nil
}
