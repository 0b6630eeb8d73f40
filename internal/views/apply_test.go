package views

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amigosync/amigosync/internal/golden"
	"github.com/amigosync/amigosync/pkg/apiclient"
	"github.com/amigosync/amigosync/pkg/apply"
	"github.com/amigosync/amigosync/pkg/backend"
	"github.com/amigosync/amigosync/pkg/plan"
	"github.com/amigosync/amigosync/pkg/spec"
)

// applySession is a run of three steps: one done after a wait for a rate
// limit (reported twice, as the pacer does), one failed on a guard, one
// not attempted.
func applySession() (*plan.Plan, []apply.Event, *apply.Report) {
	desc := "Greets callers."
	agent := backend.Container{Kind: spec.KindAgent, ID: "a1", Name: "intake-agent", Latest: 6}
	p := &plan.Plan{
		Target: plan.Target{Name: "prod", Dialect: spec.DialectClassic, BaseURL: "https://api.amigo.ai", Scope: "clinic"},
		Steps: []plan.Step{
			{ID: "Agent/front/container", Kind: spec.KindAgent, Name: "front", Object: plan.ObjContainer, Action: plan.Create, After: &plan.Value{Description: &desc}},
			{ID: "Agent/intake-agent/version", Kind: spec.KindAgent, Name: "intake-agent", Object: plan.ObjVersion, Action: plan.NewVersion, Container: &agent, Guard: plan.Guard{Version: 7}, Before: &plan.Value{}},
			{ID: "Service/intake/version_set/release", Kind: spec.KindService, Name: "intake", Object: plan.ObjVersionSet, Set: "release", Action: plan.Update},
		},
	}
	t0 := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	wait := apiclient.Wait{Endpoint: apiclient.Endpoint{Name: "create agent", Limit: 10}, Window: time.Minute, For: 14 * time.Second}
	conflict := &backend.GuardError{Kind: spec.KindAgent, Name: "intake-agent", Guard: backend.GuardVersion, Expected: 6, Found: 7}
	s := p.Steps
	events := []apply.Event{
		{Type: apply.EventStart, Step: &s[0], At: at(0)},
		{Type: apply.EventStart, Step: &s[1], At: at(10)},
		{Type: apply.EventWait, Step: &s[0], At: at(20), Elapsed: 20 * time.Millisecond, Wait: &wait},
		{Type: apply.EventFailed, Step: &s[1], At: at(400), Elapsed: 390 * time.Millisecond, Err: conflict},
		{Type: apply.EventWait, Step: &s[0], At: at(3020), Elapsed: 3020 * time.Millisecond, Wait: &wait},
		{Type: apply.EventDone, Step: &s[0], At: at(14200), Elapsed: 14200 * time.Millisecond},
		{Type: apply.EventNotAttempted, Step: &s[2], At: at(14200)},
	}
	rep := &apply.Report{Target: p.Target, Elapsed: 14200 * time.Millisecond, Outcomes: []apply.Outcome{
		{Step: &s[0], Status: apply.StatusDone, Elapsed: 14200 * time.Millisecond},
		{Step: &s[1], Status: apply.StatusFailed, Err: conflict, Elapsed: 390 * time.Millisecond},
		{Step: &s[2], Status: apply.StatusNotAttempted},
	}}
	return p, events, rep
}

// TestApplyGolden renders the session in the plain, live and JSON forms
// and compares them with testdata/apply/*.
func TestApplyGolden(t *testing.T) {
	for _, tc := range []struct {
		file   string
		format Format
		live   bool
	}{{"plain.txt", FormatText, false}, {"live.txt", FormatText, true}, {"events.jsonl", FormatJSON, false}} {
		t.Run(tc.file, func(t *testing.T) {
			p, events, rep := applySession()
			var out bytes.Buffer
			now := events[0].At
			view := NewApply(tc.format, ApplyOptions{Live: tc.live, Now: func() time.Time { return now }}, &View{Stdout: &out, Stderr: failWriter{}})
			if err := view.Applying(p); err != nil {
				t.Fatal(err)
			}
			for _, e := range events {
				if e.At.After(now) {
					now = e.At
				}
				if err := view.Event(e); err != nil {
					t.Fatal(err)
				}
				now = now.Add(time.Second)
				if err := view.Tick(); err != nil {
					t.Fatal(err)
				}
			}
			if err := view.Report(rep); err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(out.String(), "\x1b", `\x1b`)
			golden.Check(t, filepath.Join("testdata", "apply", tc.file), []byte(got))
		})
	}
}

func TestApplyFailed(t *testing.T) {
	cause := errors.New("stale plan: agent intake-agent is at v7, the plan was made at v6; run plan again")
	if err := NewApply(FormatText, ApplyOptions{}, &View{Stdout: failWriter{}}).Failed(cause); err != cause {
		t.Errorf("text Failed returned %v, want the cause for main to print", err)
	}
	var out bytes.Buffer
	err := NewApply(FormatJSON, ApplyOptions{}, &View{Stdout: &out, Stderr: failWriter{}}).Failed(cause)
	var shown *ShownError
	if !errors.As(err, &shown) || !strings.Contains(out.String(), `"type":"error","time":null`) || !strings.Contains(out.String(), "stale plan: agent intake-agent") {
		t.Errorf("JSON Failed: %v\n%s", err, out.String())
	}
}
