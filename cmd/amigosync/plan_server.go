package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// serverValidate sends every new context graph version of the plan to a
// Classic server with dry_run=true. A refusal (400, 422, or 404 for a
// tool the graph names that the server does not have) is an error
// diagnostic at the manifest; a graph whose container does not exist yet
// cannot be sent and gets a warning saying so. Any other failure stops.
func serverValidate(ctx context.Context, p *planned) (spec.Diagnostics, error) {
	if p.backend.Info().Dialect != spec.DialectClassic {
		return nil, errors.New("--server-validate needs a classic target: the Platform API has no dry run")
	}
	idx := p.live.Index()
	var ds spec.Diagnostics
	for _, s := range p.plan.Steps {
		if s.Object != plan.ObjVersion || s.Kind != spec.KindContextGraph || s.After == nil || s.After.Version == nil {
			continue
		}
		at := diagAt(s)
		if s.Container == nil {
			at.Severity, at.Code = spec.SeverityWarning, "server-validate-skipped"
			at.Summary = fmt.Sprintf("context graph %s is not checked by the server: it does not exist there yet, and a dry run needs its id", s.Name)
			ds.Append(at)
			continue
		}
		if dep, ok := graphVersionDep(p.plan, s); ok {
			at.Severity, at.Code = spec.SeverityWarning, "server-validate-skipped"
			at.Summary = fmt.Sprintf("context graph %s is not checked by the server: it refers to a version of context graph %s that this plan creates first", s.Name, dep)
			ds.Append(at)
			continue
		}
		err := p.backend.ValidateVersion(ctx, *s.Container, s.Guard.Version, *s.After.Version, idx)
		var apiErr *apiclient.APIError
		switch {
		case err == nil:
			continue
		case errors.As(err, &apiErr) && (apiErr.Status == 400 || apiErr.Status == 404 || apiErr.Status == 422):
			at.Severity, at.Code = spec.SeverityError, "server-rejected"
			at.Summary = fmt.Sprintf("the server refuses context graph %s v%d: %s", s.Name, s.Guard.Version, apiErr.Detail)
			ds.Append(at)
		default:
			return nil, fmt.Errorf("server-validate context graph %s: %w", s.Name, err)
		}
	}
	return ds, nil
}

// graphVersionDep names a context graph whose new version step s waits
// for: the server cannot check a reference to a version not yet made.
func graphVersionDep(p *plan.Plan, s plan.Step) (string, bool) {
	for _, id := range s.DependsOn {
		if d, ok := p.Step(id); ok && d.Kind == spec.KindContextGraph && d.Object == plan.ObjVersion {
			return d.Name, true
		}
	}
	return "", false
}

// diagAt is a diagnostic about the manifest behind step s.
func diagAt(s plan.Step) spec.Diagnostic {
	return spec.Diagnostic{Range: s.Source, Kind: string(s.Kind), Name: s.Name}
}

// writeStats prints the requests per endpoint and status, and the version
// cache's hits and misses.
func writeStats(w io.Writer, p *planned) error {
	st := p.cache.Stats()
	_, err := fmt.Fprintf(w, "Requests (endpoint: status×count):\n%sVersion cache: %d hits, %d misses\n",
		indent(p.backend.Stats().String()), st.Hits, st.Misses)
	return err
}

// indent puts two spaces before every line of s.
func indent(s string) string {
	if s == "" {
		return ""
	}
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}
