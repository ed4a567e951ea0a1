package plan_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"bilat"
	"bilat/plan"
	"bilat/schedule"
)

// solveOptions keeps the end-to-end tests short and repeatable.
var solveOptions = schedule.Options{TimeLimit: 2 * time.Second, Seed: 1}

// rawID finds a problem identifier left in a text meant for a person.
var rawID = regexp.MustCompile(`\b(p|r|room|venue)[0-9]+\b`)

// TestScheduleDemo schedules the 9 requests of the Marrakech demo that
// stay accepted around the programme and the 43 meetings held: the
// schedule keeps every hard constraint, each request is either placed or
// explained in names, and applying the proposal schedules exactly the
// requests placed.
func TestScheduleDemo(t *testing.T) {
	db, e := mustDemo(t)
	p, m, err := plan.Build(ctx, db, e.ID, plan.BuildOptions{})
	must(t, err)
	s, err := schedule.Solve(ctx, p, solveOptions)
	must(t, err)
	if r := schedule.Check(p, s); !r.Valid() {
		t.Fatalf("the solver's schedule breaks hard constraints: %+v", r.Violations)
	}
	prop := plan.Propose(p, m, s)
	if len(prop.New)+len(prop.Unscheduled) != 9 || len(prop.Moved) != 0 || len(prop.Dropped) != 0 {
		t.Fatalf("proposal: %d new, %d moved, %d dropped, %d unscheduled; want 9 new or unscheduled and nothing else",
			len(prop.New), len(prop.Moved), len(prop.Dropped), len(prop.Unscheduled))
	}
	t.Logf("%d of the 9 accepted requests fit with the Director General (score %g, bound %v)", len(prop.New), prop.Score, *prop.Bound)
	for _, g := range prop.Unscheduled {
		t.Logf("  %s: %s [%s] %s", g.Delegation, g.Reason, g.Code, g.Fix)
		if g.Reason == "" || rawID.MatchString(g.Reason+" "+g.Fix) {
			t.Errorf("request %d: reason %q, fix %q; want a reason in names", g.RequestID, g.Reason, g.Fix)
		}
	}
	res, err := db.ApplyProposal(ctx, tester, prop)
	must(t, err)
	_, scheduled, err := db.ListRequests(ctx, bilat.RequestFilter{EventID: e.ID, Status: bilat.StatusScheduled})
	must(t, err)
	if len(res.Scheduled) != len(prop.New) || scheduled != len(prop.New) {
		t.Errorf("applied %d, %d requests scheduled; want %d", len(res.Scheduled), scheduled, len(prop.New))
	}
	again, err := plan.Run(ctx, db, e.ID, plan.BuildOptions{}, solveOptions)
	must(t, err)
	if len(again.New) != 0 || len(again.Dropped) != 0 || len(again.Unscheduled) != len(prop.Unscheduled) {
		t.Errorf("scheduling again: %d new, %d dropped, %d unscheduled; want 0, 0, %d",
			len(again.New), len(again.Dropped), len(again.Unscheduled), len(prop.Unscheduled))
	}
}

// TestScheduleDemoWithDeputies lets the deputies, who have no other
// engagement in the demo, stand in: every accepted request fits.
func TestScheduleDemoWithDeputies(t *testing.T) {
	db, e := mustDemo(t)
	prop, err := plan.Run(ctx, db, e.ID, plan.BuildOptions{Deputies: true}, solveOptions)
	must(t, err)
	if len(prop.New) != 9 || len(prop.Unscheduled) != 0 {
		t.Errorf("with deputies: %d new, %d unscheduled; want all 9 placed", len(prop.New), len(prop.Unscheduled))
	}
}

// TestRunInfeasible pins a scheduled meeting and then gives its principal
// another engagement at that time: the promise cannot be kept, and the
// report says why in names.
func TestRunInfeasible(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	s.meeting.Pinned = true
	must(t, db.UpdateMeeting(ctx, tester, s.meeting))
	clash := &bilat.ProgrammeSession{EventID: s.event.ID, Kind: bilat.SessionEngagement, Title: "Audience with the Minister",
		Start: at(t, 0, 11, 45), End: at(t, 0, 12, 45), Attendees: []int64{s.dgPerson.ID}}
	must(t, db.CreateSession(ctx, tester, clash))
	_, err := plan.Run(ctx, db, s.event.ID, plan.BuildOptions{}, solveOptions)
	var inf *plan.Infeasible
	if !errors.As(err, &inf) || bilat.ErrorCode(err) != bilat.ECONFLICT {
		t.Fatalf("Run: %v, want an *Infeasible that is a conflict", err)
	}
	if len(inf.Gaps) != 1 || inf.Gaps[0].RequestID != s.requests["ET"].ID || inf.Gaps[0].Delegation != "Ethiopia" || rawID.MatchString(inf.Gaps[0].Reason) {
		t.Errorf("infeasible: %+v", inf.Gaps)
	}
	if p := bilat.ErrorProblems(err); len(p) != 1 || !strings.Contains(p[0].Message, "Ethiopia") {
		t.Errorf("problems: %+v", p)
	}
}

// TestRunNothingToPlace proposes nothing, without solving, for an event
// with no accepted request.
func TestRunNothingToPlace(t *testing.T) {
	db := mustOpen(t)
	s := newSmall(t, db)
	for _, code := range []string{"CZ", "NO"} {
		s.move(t, db, code, bilat.Transition{To: bilat.StatusWithdrawn})
	}
	s.move(t, db, "ET", bilat.Transition{To: bilat.StatusHeld})
	prop, err := plan.Run(ctx, db, s.event.ID, plan.BuildOptions{}, solveOptions)
	must(t, err)
	if prop.Changes() != 0 || len(prop.Unscheduled) != 0 || prop.Versions == nil {
		t.Errorf("proposal for nothing: %+v", prop)
	}
	if _, err := db.ApplyProposal(ctx, tester, prop); err != nil {
		t.Errorf("applying an empty proposal: %v", err)
	}
}
