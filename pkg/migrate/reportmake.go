package migrate

import (
	"github.com/amigosync/amigosync/pkg/spec"
)

// report assembles the report from the findings and the results.
func (t *translator) report(res *Result) *Report {
	rep := &Report{FormatVersion: ReportFormatVersion, Organization: t.src.Organization,
		Options:   ReportOptions{AllVersions: t.opts.AllVersions, InlineReferences: t.opts.InlineReferences},
		Resources: []ResourceReport{}}
	if t.opts.Map != nil {
		rep.Options.MapFile = t.opts.Map.File()
	}
	rep.Resources = appendReports(t, rep.Resources, res.Agents)
	rep.Resources = appendReports(t, rep.Resources, res.ContextGraphs)
	for _, s := range res.Services {
		rep.Resources = append(rep.Resources, ResourceReport{Kind: spec.KindService, Name: s.Name, ClassicID: s.ClassicID,
			Status: s.Status, Findings: t.findingsOf(spec.KindService, s.Name).sorted()})
	}
	for _, r := range rep.Resources {
		rep.Summary.Resources++
		if r.Status == Ready {
			rep.Summary.Ready++
		} else {
			rep.Summary.Blocked++
		}
	}
	return rep
}

func appendReports[S any](t *translator, out []ResourceReport, list []Resource[S]) []ResourceReport {
	for _, r := range list {
		rr := ResourceReport{Kind: r.Kind, Name: r.Name, ClassicID: r.ClassicID, Status: r.Status,
			NotMigrated: r.NotMigrated, Findings: t.findingsOf(r.Kind, r.Name).sorted()}
		for _, v := range r.Versions {
			for _, c := range v.Classic {
				rr.Versions = append(rr.Versions, VersionMapping{Classic: c, Platform: v.Platform})
			}
		}
		out = append(out, rr)
	}
	return out
}
